import type { Frame } from '../../accounts/views/frame.js';
import { CsrfField, ErrorSummary, type FieldError, errorFor } from '../../accounts/views/form-parts.js';
import { HONEYPOT_FIELD } from '../../community/spam.js';
import { Field } from '../../web/form-field.js';
import { Layout } from '../../web/layout.js';
import type { SiteContext } from '../../web/site-context.js';
import type { FeedbackProblem } from '../../db/schema.js';
import { COMMENT_MAX, PROBLEMS } from '../store.js';
import { feedbackText } from '../messages/index.js';

export interface FeedbackTarget {
  slug: string;
  title: string;
}

export interface HelpfulValues {
  helpful: 'yes' | 'no' | '';
  comment: string;
}

export interface ProblemValues {
  problem: FeedbackProblem | '';
  comment: string;
}

const PROBLEM_KEYS = { wrong: 'problemWrong', outdated: 'problemOutdated', 'broken-link': 'problemBrokenLink', 'hard-to-read': 'problemHardToRead' } as const;

function Honeypot({ site }: { site: SiteContext }) {
  const t = site.i18n.text(feedbackText);
  return (
    <div class="honeypot">
      <label for={`${HONEYPOT_FIELD}-field`}>{t('honeypotLabel')}</label>
      <input id={`${HONEYPOT_FIELD}-field`} name={HONEYPOT_FIELD} type="text" value="" tabindex={-1} autocomplete="off" />
    </div>
  );
}

function About({ site, target }: { site: SiteContext; target: FeedbackTarget }) {
  const t = site.i18n.text(feedbackText);
  return <p class="lead">{t.rich('aboutPage', { title: target.title, link: (chunks) => <a href={site.i18n.path(`/directory/${target.slug}`)}>{chunks}</a> })}</p>;
}

function Comment({ site, label, value, error }: { site: SiteContext; label: string; value: string; error?: string | undefined }) {
  const t = site.i18n.text(feedbackText);
  return (
    <Field
      site={site}
      id="comment"
      name="comment"
      label={label}
      hint={
        <>
          <strong class="privacy-warning">{t('privacyWarning')}</strong> {t('commentHint', { max: site.i18n.number(COMMENT_MAX) })}
        </>
      }
      error={error}
      control={(a) => (
        <textarea {...a} rows={5}>
          {value}
        </textarea>
      )}
    />
  );
}

function Choice<V extends string>({ id, name, legend, options, value, error }: { id: string; name: string; legend: string; options: Array<{ value: V; label: string }>; value: string; error?: string | undefined }) {
  return (
    <fieldset class={error ? 'field has-error' : 'field'} id={id} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {error ? (
        <span class="field-error" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
      {options.map((o) => (
        <div class="radio">
          <input type="radio" id={`${id}-${o.value}`} name={name} value={o.value} checked={value === o.value} />
          <label for={`${id}-${o.value}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

export function HelpfulFormPage(props: Frame & { target: FeedbackTarget; values: HelpfulValues; errors: FieldError[] }) {
  const { site } = props;
  const t = site.i18n.text(feedbackText);
  const title = t('helpfulTitle');
  return (
    <Layout site={site} user={props.user} csrfToken={props.csrfToken} title={props.errors.length ? t('errorTitle', { title }) : title} noindex>
      <div class="narrow-form">
        <ErrorSummary errors={props.errors} title={t('errorSummary')} />
        <h1>{title}</h1>
        <About site={site} target={props.target} />
        <form method="post" action={site.i18n.path(`/feedback/${props.target.slug}`)} novalidate>
          <CsrfField token={props.csrfToken} />
          <Honeypot site={site} />
          <Choice
            id="helpful"
            name="helpful"
            legend={t('helpfulLegend')}
            value={props.values.helpful}
            error={errorFor(props.errors, 'helpful')}
            options={[
              { value: 'yes', label: t('promptYes') },
              { value: 'no', label: t('promptNo') },
            ]}
          />
          <Comment site={site} label={t('commentLabel')} value={props.values.comment} error={errorFor(props.errors, 'comment')} />
          <button type="submit" class="button">
            {t('send')}
          </button>
        </form>
      </div>
    </Layout>
  );
}

export function ProblemFormPage(props: Frame & { target: FeedbackTarget; values: ProblemValues; errors: FieldError[] }) {
  const { site } = props;
  const t = site.i18n.text(feedbackText);
  const title = t('problemTitle');
  return (
    <Layout site={site} user={props.user} csrfToken={props.csrfToken} title={props.errors.length ? t('errorTitle', { title }) : title} noindex>
      <div class="narrow-form">
        <ErrorSummary errors={props.errors} title={t('errorSummary')} />
        <h1>{title}</h1>
        <About site={site} target={props.target} />
        <form method="post" action={site.i18n.path(`/feedback/${props.target.slug}/problem`)} novalidate>
          <CsrfField token={props.csrfToken} />
          <Honeypot site={site} />
          <Choice
            id="problem"
            name="problem"
            legend={t('problemLegend')}
            value={props.values.problem}
            error={errorFor(props.errors, 'problem')}
            options={PROBLEMS.map((p) => ({ value: p, label: t(PROBLEM_KEYS[p]) }))}
          />
          <Comment site={site} label={t('problemCommentLabel')} value={props.values.comment} error={errorFor(props.errors, 'comment')} />
          <button type="submit" class="button">
            {t('send')}
          </button>
        </form>
      </div>
    </Layout>
  );
}

export function ThanksPage(props: Frame & { target: FeedbackTarget; kind: 'helpful' | 'problem' }) {
  const { site } = props;
  const t = site.i18n.text(feedbackText);
  return (
    <Layout site={site} user={props.user} csrfToken={props.csrfToken} title={t('thanksTitle')} noindex>
      <h1>{t('thanksTitle')}</h1>
      <p role="status">{props.kind === 'helpful' ? t('thanksHelpful') : t('thanksProblem')}</p>
      <p>
        <a href={site.i18n.path(`/directory/${props.target.slug}`)}>{t('backToPage', { title: props.target.title })}</a>
      </p>
    </Layout>
  );
}

export function UnknownPagePage(props: Frame & { comment?: string }) {
  const { site } = props;
  const t = site.i18n.text(feedbackText);
  return (
    <Layout site={site} user={props.user} csrfToken={props.csrfToken} title={t('unknownPageTitle')} noindex>
      <h1>{t('unknownPageTitle')}</h1>
      <p>{t('unknownPage')}</p>
      {/* Sent to a page that is gone: the reader's words stay theirs to copy. */}
      {props.comment ? (
        <div class="field">
          <label for="comment">{t('unknownPageComment')}</label>
          <textarea id="comment" rows={5} readonly>
            {props.comment}
          </textarea>
        </div>
      ) : null}
      <p>
        <a href={site.i18n.path('/directory')}>{t('unknownPageLink')}</a>
      </p>
    </Layout>
  );
}
