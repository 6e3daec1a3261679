/** The editors' news screens: the list of items, and one form to write, correct and move an item through review. */
import type { CurrentUser } from '../../accounts/context.js';
import { CsrfField, type FieldError, ErrorSummary, errorFor } from '../../accounts/views/form-parts.js';
import type { NewsState } from '../../db/schema.js';
import type { KeyOf } from '../../i18n/catalogue.js';
import type { Translate } from '../../i18n/localizer.js';
import { Field } from '../../web/form-field.js';
import { Layout } from '../../web/layout.js';
import type { SiteContext } from '../../web/site-context.js';
import { newsText } from '../messages/index.js';
import type { NewsItemView } from '../queries.js';

export interface EditorFrame {
  site: SiteContext;
  user: CurrentUser;
  csrfToken: string;
}

/** The form's values as typed (strings), so a failed save comes back intact. */
export interface NewsFormValues {
  slug: string;
  headline: string;
  summary: string;
  body: string;
  outlet: string;
  sourceHeadline: string;
  sourceUrl: string;
  sourceDate: string;
  topics: string;
  citationKey: string;
  authorKey: string;
  studyWhat: string;
  studySize: string;
  studyLimits: string;
  correction: string;
}

export const EMPTY_FORM: NewsFormValues = {
  slug: '', headline: '', summary: '', body: '', outlet: '', sourceHeadline: '', sourceUrl: '', sourceDate: '',
  topics: '', citationKey: '', authorKey: '', studyWhat: '', studySize: '', studyLimits: '', correction: '',
};

/** The id of each field's control (error summaries link to it). */
export const fieldId = (name: keyof NewsFormValues) => `news-${name}`;

function stateLabel(t: Translate<KeyOf<typeof newsText>>, state: NewsState): string {
  return state === 'published' ? t('statePublished') : state === 'review' ? t('stateReview') : t('stateDraft');
}

export function NewsEditorListPage({ site, user, csrfToken, items }: EditorFrame & { items: NewsItemView[] }) {
  const t = site.i18n.text(newsText);
  return (
    <Layout site={site} title={t('editTitle')} noindex user={user} csrfToken={csrfToken}>
      <h1>{t('editTitle')}</h1>
      <p>{t('editIntro')}</p>
      <p>
        <a class="button" href="/edit/news/new">
          {t('editNew')}
        </a>
      </p>
      {items.length ? (
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">{t('editColumnHeadline')}</th>
              <th scope="col">{t('editColumnState')}</th>
              <th scope="col">{t('editColumnChanged')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr>
                <td>
                  <a href={`/edit/news/${item.id}`}>{item.headline}</a>
                </td>
                <td>{stateLabel(t, item.state)}</td>
                <td>{site.i18n.instant(item.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('editNone')}</p>
      )}
    </Layout>
  );
}

export function NewsFormPage(props: EditorFrame & {
  item: NewsItemView | null;
  values: NewsFormValues;
  errors: FieldError[];
  notice?: string | undefined;
  can: { submit: boolean; signOff: boolean; publish: boolean };
}) {
  const { site, item, values, errors } = props;
  const t = site.i18n.text(newsText);
  const baseTitle = item ? t('editItemTitle', { headline: item.headline }) : t('newTitle');
  const title = errors.length ? t('errorTitle', { title: baseTitle }) : baseTitle;
  const action = item ? `/edit/news/${item.id}` : '/edit/news/new';
  const text = (name: keyof NewsFormValues, label: string, options: { hint?: string; type?: 'text' | 'url' | 'date'; maxlength?: number; required?: boolean } = {}) => (
    <Field
      id={fieldId(name)}
      name={name}
      label={label}
      hint={options.hint}
      error={errorFor(errors, fieldId(name))}
      control={(a) => <input {...a} type={options.type === 'date' ? 'text' : (options.type ?? 'text')} value={values[name]} maxlength={options.maxlength} required={options.required} />}
    />
  );
  const area = (name: keyof NewsFormValues, label: string, options: { hint?: string; rows?: number; required?: boolean } = {}) => (
    <Field id={fieldId(name)} name={name} label={label} hint={options.hint} error={errorFor(errors, fieldId(name))} control={(a) => <textarea {...a} rows={options.rows ?? 3} required={options.required}>{values[name]}</textarea>} />
  );
  return (
    <Layout site={site} title={title} noindex user={props.user} csrfToken={props.csrfToken}>
      <p>
        <a href="/edit/news">{t('backToList')}</a>
      </p>
      <h1>{baseTitle}</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <ErrorSummary errors={errors} title={t('errorSummary')} />
      {item ? (
        <div class="news-workflow">
          <p>{t('stateNow', { state: stateLabel(t, item.state) })}</p>
          <p>{item.signOff ? t('signedOffEditor', { name: item.signOff.by, date: site.i18n.date(item.signOff.on) }) : t('notSignedOffEditor')}</p>
          {item.state === 'published' ? (
            <p>
              <a href={site.i18n.path(`/news/${item.slug}`)}>{t('viewPublished')}</a>
            </p>
          ) : null}
        </div>
      ) : null}
      <form method="post" action={action} novalidate>
        <CsrfField token={props.csrfToken} />
        {text('headline', t('fieldHeadline'), { maxlength: 200, required: true })}
        {text('slug', t('fieldSlug'), { hint: t('fieldSlugHint'), maxlength: 120, required: true })}
        {area('summary', t('fieldSummary'), { required: true })}
        {area('body', t('fieldBody'), { hint: t('fieldBodyHint'), rows: 10 })}
        {text('outlet', t('fieldOutlet'), { maxlength: 200, required: true })}
        {text('sourceHeadline', t('fieldSourceHeadline'), { maxlength: 300 })}
        {text('sourceUrl', t('fieldSourceUrl'), { hint: t('fieldSourceUrlHint'), type: 'url', maxlength: 2000 })}
        {text('sourceDate', t('fieldSourceDate'), { hint: t('fieldDateHint'), type: 'date', maxlength: 10 })}
        {area('topics', t('fieldTopics'), { hint: t('fieldTopicsHint') })}
        {text('citationKey', t('fieldCitation'), { hint: t('fieldCitationHint'), maxlength: 300 })}
        {text('authorKey', t('fieldAuthor'), { maxlength: 100 })}
        {area('studyWhat', t('fieldStudyWhat'))}
        {area('studySize', t('fieldStudySize'))}
        {area('studyLimits', t('fieldStudyLimits'))}
        {item?.state === 'published' ? area('correction', t('fieldCorrection'), { hint: t('fieldCorrectionHint'), required: true }) : null}
        <button type="submit" class="button">
          {t('save')}
        </button>
      </form>
      {item ? (
        <div class="news-steps">
          {item.state === 'draft' && props.can.submit ? <StepForm action={`/edit/news/${item.id}/submit`} label={t('submitForReview')} token={props.csrfToken} /> : null}
          {item.state === 'review' && props.can.signOff ? <StepForm action={`/edit/news/${item.id}/sign-off`} label={t('signOff')} token={props.csrfToken} /> : null}
          {item.state === 'review' && item.signOff && props.can.publish ? <StepForm action={`/edit/news/${item.id}/publish`} label={t('publish')} token={props.csrfToken} /> : null}
        </div>
      ) : null}
    </Layout>
  );
}

function StepForm({ action, label, token }: { action: string; label: string; token: string }) {
  return (
    <form method="post" action={action}>
      <CsrfField token={token} />
      <button type="submit" class="button secondary">
        {label}
      </button>
    </form>
  );
}
