import type { CurrentUser } from '../../accounts/context.js';
import { Field } from '../../web/form-field.js';
import { Layout } from '../../web/layout.js';
import type { SiteContext } from '../../web/site-context.js';
import type { LinkProblem } from '../following/links.js';
import { FREQUENCIES, type Frequency } from '../following/store.js';
import { mailText } from '../messages/index.js';
import { CsrfField, ErrorSummary, type FieldError } from '../../accounts/views/form-parts.js';

export interface PublicFrame {
  site: SiteContext;
  user: CurrentUser | null;
  csrfToken: string;
}

/** A problem with one field of a follow form (the accounts forms' FieldError). */
export type FieldProblem = FieldError;

/** A topic to follow, or null for the whole site. */
export type FollowTarget = { slug: string; title: string } | null;

const FREQUENCY_KEYS = { immediately: 'followImmediately', daily: 'followDaily', weekly: 'followWeekly' } as const;

function FrequencyChoice({ site, value, idPrefix }: { site: SiteContext; value: Frequency; idPrefix: string }) {
  const t = site.i18n.text(mailText);
  return (
    <fieldset class="field">
      <legend>{t('followFrequency')}</legend>
      {FREQUENCIES.map((f) => (
        <div class="radio">
          <input type="radio" id={`${idPrefix}-${f}`} name="frequency" value={f} checked={value === f} />
          <label for={`${idPrefix}-${f}`}>{t(FREQUENCY_KEYS[f])}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** The consent text shown next to the form, and recorded with the request exactly as shown. */
export function consentText(site: SiteContext): string {
  return site.i18n.text(mailText)('followConsent', { organisation: site.settings.organisation });
}

export function FollowPage(props: PublicFrame & { target: FollowTarget; email: string; frequency: Frequency; consent: boolean; errors: FieldProblem[] }) {
  const { site } = props;
  const t = site.i18n.text(mailText);
  const title = t('followTitle');
  const error = (field: string) => props.errors.find((e) => e.field === field)?.message;
  return (
    <Layout site={site} user={props.user} csrfToken={props.csrfToken} title={props.errors.length ? t('errorTitle', { title }) : title} noindex>
      <div class="narrow-form">
        <ErrorSummary errors={props.errors} title={site.i18n.text(mailText)('errorSummary')} />
        <h1>{title}</h1>
        <p class="lead">{props.target ? t('followWhatTopic', { title: props.target.title }) : t('followWhatSite', { organisation: site.settings.organisation })}</p>
        <p>{t('followIntro')}</p>
        <form method="post" action={site.i18n.path('/follow')} novalidate>
          <CsrfField token={props.csrfToken} />
          <input type="hidden" name="topic" value={props.target?.slug ?? ''} />
          <Field
            id="email"
            name="email"
            label={t('followEmail')}
            hint={t('followEmailHint')}
            error={error('email')}
            control={(a) => <input {...a} type="email" value={props.email} autocomplete="email" spellcheck={false} maxlength={320} />}
          />
          <FrequencyChoice site={site} value={props.frequency} idPrefix="frequency" />
          <fieldset class={error('consent') ? 'field has-error' : 'field'}>
            <legend>{t('followConsentLegend')}</legend>
            {error('consent') ? (
              <span class="field-error" id="consent-error">
                {error('consent')}
              </span>
            ) : null}
            <div class="checkbox">
              <input type="checkbox" id="consent" name="consent" value="yes" checked={props.consent} aria-describedby={error('consent') ? 'consent-error' : undefined} />
              <label for="consent">{consentText(site)}</label>
            </div>
          </fieldset>
          <button type="submit" class="button">
            {t('followSubmit')}
          </button>
        </form>
      </div>
    </Layout>
  );
}

/** The same answer whatever the address: nobody learns who follows what. */
export function FollowCheckPage(props: PublicFrame & { email: string }) {
  const t = props.site.i18n.text(mailText);
  return (
    <Layout site={props.site} user={props.user} csrfToken={props.csrfToken} title={t('followCheckTitle')} noindex>
      <h1>{t('followCheckTitle')}</h1>
      <p class="lead" role="status">
        {t('followCheck', { email: props.email })}
      </p>
    </Layout>
  );
}

export interface TopicLine {
  id: number;
  label: string;
  confirmed: boolean;
}

/** GET of the confirmation link: what is being confirmed, and a button (a link scanner opening it confirms nothing). */
export function ConfirmPage(props: PublicFrame & { token: string; email: string; topics: TopicLine[] }) {
  const { site } = props;
  const t = site.i18n.text(mailText);
  const pending = props.topics.filter((x) => !x.confirmed);
  return (
    <Layout site={site} user={props.user} csrfToken={props.csrfToken} title={t('confirmTitle')} noindex>
      <h1>{t('confirmTitle')}</h1>
      {pending.length ? (
        <>
          <p>{t('confirmFor', { email: props.email })}</p>
          <ul>
            {pending.map((x) => (
              <li>{x.label}</li>
            ))}
          </ul>
          <form method="post" action={site.i18n.path(`/follow/confirm/${props.token}`)}>
            <CsrfField token={props.csrfToken} />
            <button type="submit" class="button">
              {t('confirmButton')}
            </button>
          </form>
        </>
      ) : (
        <p class="lead">{t('confirmNothing')}</p>
      )}
    </Layout>
  );
}

export function MessagePage(props: PublicFrame & { title: string; message: string; links?: Array<{ href: string; label: string }> }) {
  return (
    <Layout site={props.site} user={props.user} csrfToken={props.csrfToken} title={props.title} noindex>
      <h1>{props.title}</h1>
      <p class="lead" role="status">
        {props.message}
      </p>
      {props.links?.length ? (
        <ul>
          {props.links.map((l) => (
            <li>
              <a href={l.href}>{l.label}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </Layout>
  );
}

export function LinkProblemPage(props: PublicFrame & { problem: LinkProblem | 'gone' }) {
  const t = props.site.i18n.text(mailText);
  const message = props.problem === 'forged' ? t('linkForged') : props.problem === 'expired' ? t('linkExpired') : t('linkGone');
  return <MessagePage {...props} title={t('linkProblemTitle')} message={message} />;
}

/** GET of an unsubscribe link: a question and a button; the POST (also what mail clients send) unsubscribes. */
export function UnsubscribePage(props: PublicFrame & { token: string; email: string }) {
  const { site } = props;
  const t = site.i18n.text(mailText);
  return (
    <Layout site={site} user={props.user} csrfToken={props.csrfToken} title={t('unsubscribeTitle')} noindex>
      <h1>{t('unsubscribeTitle')}</h1>
      <p class="lead">{t('unsubscribeQuestion', { email: props.email, organisation: site.settings.organisation })}</p>
      <form method="post" action={site.i18n.path(`/follow/unsubscribe/${props.token}`)}>
        <CsrfField token={props.csrfToken} />
        <button type="submit" class="button warning">
          {t('unsubscribeButton')}
        </button>
      </form>
    </Layout>
  );
}

export function ManagePage(props: PublicFrame & { token: string; unsubscribeToken: string; email: string; frequency: Frequency; topics: TopicLine[]; saved: boolean }) {
  const { site } = props;
  const t = site.i18n.text(mailText);
  const action = site.i18n.path(`/follow/manage/${props.token}`);
  return (
    <Layout site={site} user={props.user} csrfToken={props.csrfToken} title={t('manageTitle', { organisation: site.settings.organisation })} noindex>
      {props.saved ? (
        <p class="notice" role="status">
          {t('manageSaved')}
        </p>
      ) : null}
      <h1>{t('manageTitle', { organisation: site.settings.organisation })}</h1>
      <p>{t('manageFor', { email: props.email })}</p>
      <h2>{t('manageFollowing')}</h2>
      {props.topics.length ? (
        <ul class="plain">
          {props.topics.map((x) => (
            <li>
              <form method="post" action={action} class="inline-form">
                <CsrfField token={props.csrfToken} />
                <input type="hidden" name="action" value="remove" />
                <input type="hidden" name="subscription" value={String(x.id)} />
                {x.label} {x.confirmed ? null : t('managePending')}{' '}
                <button type="submit" class="button secondary">
                  {t('manageRemove')}
                </button>
              </form>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('manageNothing')}</p>
      )}
      <form method="post" action={action}>
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="action" value="frequency" />
        <FrequencyChoice site={site} value={props.frequency} idPrefix="manage-frequency" />
        <button type="submit" class="button">
          {t('manageFrequencySave')}
        </button>
      </form>
      <p>
        <a href={site.i18n.path(`/follow/unsubscribe/${props.unsubscribeToken}`)}>{t('manageUnsubscribeAll')}</a>
      </p>
    </Layout>
  );
}

/** The link from a topic page (or the whole site) to the follow form. */
export function FollowLink({ site, slug }: { site: SiteContext; slug?: string | undefined }) {
  const t = site.i18n.text(mailText);
  const href = site.i18n.path(slug ? `/follow?topic=${encodeURIComponent(slug)}` : '/follow');
  return (
    <p class="follow-link">
      <a href={href}>{slug ? t('followLinkTopic') : t('followLinkSite')}</a>
    </p>
  );
}
