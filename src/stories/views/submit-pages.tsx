import { ErrorSummary, type FieldError, TextField, errorFor, formTitle } from '../../accounts/views/form-parts.js';
import { GuardedFormFields, TextArea } from '../../community/views/parts.js';
import type { StoryConsentPurpose } from '../../db/schema.js';
import { Field } from '../../web/form-field.js';
import { Layout } from '../../web/layout.js';
import { storiesText } from '../messages/index.js';
import { BODY_MAX, COUNTRY_MAX, NAME_MAX, PURPOSES, TITLE_MAX } from '../store.js';
import { type StoriesFrame, crumbs } from './parts.js';

export interface StoryFormValues {
  title: string;
  body: string;
  displayName: string;
  nameKind: 'pseudonym' | 'name';
  country: string;
  email: string;
  topics: string[];
  consents: Record<StoryConsentPurpose, { granted: boolean; expiresOn: string }>;
}

export const emptyStoryForm = (): StoryFormValues => ({
  title: '',
  body: '',
  displayName: '',
  nameKind: 'pseudonym',
  country: '',
  email: '',
  topics: [],
  consents: { publish: { granted: false, expiresOn: '' }, translate: { granted: false, expiresOn: '' }, newsletter: { granted: false, expiresOn: '' } },
});

const CONSENT_KEYS = { publish: 'consentPublish', translate: 'consentTranslate', newsletter: 'consentNewsletter' } as const;

/** The story form: works without JavaScript, and comes back with everything typed when something is wrong. */
export function StoryFormPage(props: StoriesFrame & { values: StoryFormValues; errors: FieldError[]; started: string; topics: Array<{ slug: string; title: string }>; needsEmail: boolean }) {
  const { site, values, errors } = props;
  const t = site.i18n.text(storiesText);
  return (
    <Layout site={site} user={props.user} csrfToken={props.csrfToken} title={formTitle(t('newTitle'), errors, site.i18n)} path="/stories/new" breadcrumbs={crumbs(site, { label: t('newTitle'), href: '/stories/new' })} noindex>
      <div class="narrow-form">
        <ErrorSummary errors={errors} i18n={site.i18n} />
        <h1>{t('newTitle')}</h1>
        <p>{t('newIntro')}</p>
        <p>{t('newPrivacy')}</p>
        <form method="post" action={site.i18n.path('/stories/new')} novalidate>
          <GuardedFormFields site={site} csrfToken={props.csrfToken} started={props.started} />
          <TextField id="title" label={t('titleLabel')} value={values.title} maxlength={TITLE_MAX} error={errorFor(errors, 'title')} dir="auto" />
          <TextArea site={site} id="body" label={t('bodyLabel')} hint={t('bodyHint')} value={values.body} maxlength={BODY_MAX} rows={14} error={errorFor(errors, 'body')} />
          {props.topics.length ? (
            <fieldset class="field">
              <legend>{t('topicsLegend')}</legend>
              <p class="hint">{t('topicsHint', { max: 5 })}</p>
              {errorFor(errors, 'topic-first') ? <p class="field-error" id="topic-first">{errorFor(errors, 'topic-first')}</p> : null}
              <div class="story-topics">
                {props.topics.map((p, i) => (
                  <div class="checkbox-field">
                    <input type="checkbox" id={i === 0 ? 'topic-first-box' : `topic-${p.slug}`} name="topics" value={p.slug} checked={values.topics.includes(p.slug)} />
                    <label for={i === 0 ? 'topic-first-box' : `topic-${p.slug}`}>{p.title}</label>
                  </div>
                ))}
              </div>
            </fieldset>
          ) : null}
          <TextField id="display-name" name="displayName" label={t('nameLabel')} hint={t('nameHint')} value={values.displayName} maxlength={NAME_MAX} autocomplete="nickname" error={errorFor(errors, 'display-name')} dir="auto" />
          <fieldset class="field">
            <legend>{t('nameKindLegend')}</legend>
            <div class="choice">
              <input type="radio" id="name-kind-pseudonym" name="nameKind" value="pseudonym" checked={values.nameKind !== 'name'} />
              <label for="name-kind-pseudonym">{t('nameKindPseudonym')}</label>
            </div>
            <div class="choice">
              <input type="radio" id="name-kind-name" name="nameKind" value="name" checked={values.nameKind === 'name'} />
              <label for="name-kind-name">{t('nameKindName')}</label>
            </div>
          </fieldset>
          <TextField id="country" label={t('countryLabel')} hint={t('countryHint')} value={values.country} maxlength={COUNTRY_MAX} autocomplete="country-name" error={errorFor(errors, 'country')} dir="auto" />
          {props.needsEmail ? <TextField id="email" label={t('emailLabel')} hint={t('emailHint')} type="email" value={values.email} autocomplete="email" maxlength={254} error={errorFor(errors, 'email')} /> : <p>{t('emailAccount')}</p>}
          <fieldset class="field consents">
            <legend>{t('consentLegend')}</legend>
            <p class="hint">{t('consentHint')}</p>
            {PURPOSES.map((purpose) => (
              <div class={errorFor(errors, `consent-${purpose}`) || errorFor(errors, `expires-${purpose}`) ? 'consent has-error' : 'consent'}>
                {errorFor(errors, `consent-${purpose}`) ? <p class="field-error">{errorFor(errors, `consent-${purpose}`)}</p> : null}
                <div class="checkbox-field">
                  <input type="checkbox" id={`consent-${purpose}`} name={`consent-${purpose}`} value="1" checked={values.consents[purpose].granted} />
                  <label for={`consent-${purpose}`}>{t(CONSENT_KEYS[purpose])}</label>
                </div>
                <Field
                  site={site}
                  id={`expires-${purpose}`}
                  name={`expires-${purpose}`}
                  label={t('consentUntil')}
                  hint={t('consentUntilHint')}
                  error={errorFor(errors, `expires-${purpose}`)}
                  // A value that is not a date comes back as typed, in a text box (a date box would drop it).
                  control={(a) => <input {...a} type={/^(\d{4}-\d{2}-\d{2})?$/.test(values.consents[purpose].expiresOn) ? 'date' : 'text'} value={values.consents[purpose].expiresOn} />}
                />
              </div>
            ))}
          </fieldset>
          <button type="submit" class="button">
            {t('submitButton')}
          </button>
        </form>
      </div>
    </Layout>
  );
}

/** After sending: what happens next (an e-mail to confirm, or the moderators). */
export function SubmittedPage(props: StoriesFrame & { email: string; confirmFirst: boolean }) {
  const { site } = props;
  const t = site.i18n.text(storiesText);
  return (
    <Layout site={site} user={props.user} csrfToken={props.csrfToken} title={t('submittedTitle')} breadcrumbs={crumbs(site)} noindex>
      <h1>{t('submittedTitle')}</h1>
      <p role="status">{props.confirmFirst ? t('submittedConfirm', { email: props.email }) : t('submittedQueued')}</p>
      <p>{t('submittedWithdraw')}</p>
    </Layout>
  );
}
