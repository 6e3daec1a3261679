import { CsrfField, ErrorSummary, type FieldError, errorFor } from '../../accounts/views/form-parts.js';
import { DiffView } from '../../editing/views/parts.js';
import type { TopicPresentation } from '../../directory/presenter.js';
import { TopicArticle } from '../../directory/views/topic-page.js';
import { type ReadingEase, TARGET_EASE, easeVerdict } from '../../editing/readability.js';
import { wordDiff } from '../../editing/word-diff.js';
import { LANGUAGES, type Lang, pathIn } from '../../i18n/languages.js';
import { Field } from '../../web/form-field.js';
import { Layout } from '../../web/layout.js';
import { translationsText } from '../messages/index.js';
import type { PublishedTranslation } from '../queries.js';
import type { EnglishSection } from '../store.js';
import type { TranslationRevision } from '../workflow.js';
import type { TranslatorFrame } from './dashboard-page.js';

/** Form field names (also the controls' ids): the page's, and one per translated heading and text. */
export const fieldNames = {
  title: 'title',
  summary: 'summary',
  translators: 'translators',
  editSummary: 'editSummary',
  heading: (anchor: string) => `heading-${anchor}`,
  entry: (anchor: string, index: number) => `entry-${anchor}-${index}`,
};

export interface TranslationEditorProps extends TranslatorFrame {
  lang: Lang;
  page: { slug: string; title: string; summary: string };
  english: EnglishSection[];
  published: PublishedTranslation | null;
  /** The form as typed (or as the newest revision has it). */
  values: Record<string, string>;
  baseRevisionId: number;
  errors: FieldError[];
  revisions: TranslationRevision[];
  /** The revision waiting for review, and whether this person may approve it. */
  review: { revision: TranslationRevision; mayApprove: boolean } | null;
  /** The page as readers would see the form's translation (after "Preview"); null before. */
  preview?: TopicPresentation | null;
  /** Whether this editor offers a preview. */
  previewAvailable?: boolean;
  /** Reading ease of the translation's text, where its language has a formula (null: none, said so). */
  ease: ReadingEase | null;
  /** The newest revision is a draft a reviewer sent back: what they asked for. */
  sentBack?: { comment: string; by: string | null; at: string } | null;
  /** The send-back form's comment as typed (when it comes back with a problem). */
  commentValue?: string;
  notice?: string | undefined;
  status?: number;
}

/** Translating a page: the English source beside the translation, section by section, with what changed in outdated sections. */
export function TranslationEditorPage(props: TranslationEditorProps) {
  const { site, lang, page, values, errors } = props;
  const t = site.i18n.text(translationsText);
  const language = new Intl.DisplayNames([site.lang], { type: 'language' }).of(lang) ?? LANGUAGES[lang].name;
  const heading = t('editorTitle', { title: page.title, language });
  const action = `/translate/${lang}/${page.slug}`;
  const target = { lang, dir: LANGUAGES[lang].dir };
  const english = { lang: 'en', dir: 'ltr' } as const;
  const text = (name: string, label: string, options: { rows?: number; hint?: string } = {}) => (
    <Field
      site={site}
      id={name}
      name={name}
      label={label}
      hint={options.hint}
      error={errorFor(errors, name)}
      control={(a) =>
        options.rows ? (
          <textarea {...a} rows={options.rows} {...target}>
            {values[name] ?? ''}
          </textarea>
        ) : (
          <input {...a} type="text" value={values[name] ?? ''} {...target} />
        )
      }
    />
  );
  const stateWord = (r: TranslationRevision) =>
    r.state === 'draft' ? t('stateDraft') : r.state === 'in_review' ? t('stateInReview') : r.state === 'published' ? t('statePublished') : t('stateSuperseded');
  return (
    <Layout site={site} title={errors.length ? t('errorTitle', { title: heading }) : heading} noindex user={props.user} csrfToken={props.csrfToken}>
      <p>
        <a href="/translate">{t('backToDashboard')}</a>
        {props.published ? (
          <>
            {' · '}
            <a href={pathIn(lang, `/directory/${page.slug}`)} hreflang={lang}>
              {t('viewTranslation')}
            </a>
          </>
        ) : null}
      </p>
      <h1>{heading}</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <ErrorSummary errors={errors} title={t('errorSummaryTitle')} />
      <p>{t('editorIntro')}</p>
      {props.sentBack ? (
        <section class="panel translation-sent-back" aria-labelledby="sent-back-title">
          <h2 id="sent-back-title">{t('sentBackTitle')}</h2>
          <p>{t('sentBackBy', { name: props.sentBack.by ?? '—', when: site.i18n.instant(props.sentBack.at) })}</p>
          <blockquote {...target}>{props.sentBack.comment}</blockquote>
        </section>
      ) : null}

      {props.review ? (
        <section class="panel translation-review" aria-labelledby="review-title">
          <h2 id="review-title">{t('reviewTitle')}</h2>
          <p>{t('reviewHint')}</p>
          {props.review.mayApprove ? (
            <form method="post" action={`${action}/approve`}>
              <CsrfField token={props.csrfToken} />
              <input type="hidden" name="revisionId" value={String(props.review.revision.id)} />
              <button type="submit" class="button">
                {t('approveButton', { number: props.review.revision.number })}
              </button>
            </form>
          ) : (
            <p>{t('approveNotYours')}</p>
          )}
          {props.review.mayApprove ? (
            <form method="post" action={`${action}/send-back`} novalidate>
              <CsrfField token={props.csrfToken} />
              <input type="hidden" name="revisionId" value={String(props.review.revision.id)} />
              <Field
                site={site}
                id="comment"
                name="comment"
                label={t('sendBackLabel')}
                hint={t('sendBackHint')}
                error={errorFor(errors, 'comment')}
                control={(a) => (
                  <textarea {...a} rows={3}>
                    {props.commentValue ?? ''}
                  </textarea>
                )}
              />
              <button type="submit" class="button secondary">
                {t('sendBackButton', { number: props.review.revision.number })}
              </button>
            </form>
          ) : null}
        </section>
      ) : null}

      <EasePanel {...props} />

      <form method="post" action={action} novalidate class="translation-form">
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="baseRevisionId" value={String(props.baseRevisionId)} />
        <fieldset class="translate-section">
          <legend>{t('pageFields')}</legend>
          <div class="translate-source" {...english}>
            <p class="translate-label">{t('englishColumn')}</p>
            <p>
              <strong>{page.title}</strong>
            </p>
            <p>{page.summary}</p>
          </div>
          <div class="translate-target">
            {text(fieldNames.title, t('fieldTitle'))}
            {text(fieldNames.summary, t('fieldSummary'), { rows: 3 })}
          </div>
        </fieldset>
        {props.english.map((section) => {
          const made = props.published?.sections.find((s) => s.sourceAnchor === section.anchor);
          return (
            <fieldset class="translate-section" id={`section-${section.anchor}`}>
              <legend {...english}>{section.heading ?? t('introduction')}</legend>
              <div class="translate-source" {...english}>
                <p class="translate-label">{t('englishColumn')}</p>
                {section.entries.map((e) => (
                  <p class="source-text-plain">{e.body}</p>
                ))}
              </div>
              <div class="translate-target">
                {made?.outdatedSince ? (
                  <div class="notice section-notice">
                    <p>{t('sectionOutdatedEditor', { date: site.i18n.date(made.outdatedSince.slice(0, 10)) })}</p>
                    <DiffView parts={wordDiff(made.sourceText, section.text)} label={t('changesSummary')} i18n={site.i18n} />
                  </div>
                ) : !made ? (
                  <p class="hint">{t('sectionNotTranslatedEditor')}</p>
                ) : null}
                {section.heading !== null ? text(fieldNames.heading(section.anchor), t('fieldHeading')) : null}
                {section.entries.map((_, i) => text(fieldNames.entry(section.anchor, i), t('fieldEntry', { number: i + 1 }), { rows: 6 }))}
              </div>
            </fieldset>
          );
        })}
        {text(fieldNames.translators, t('fieldTranslators'), { rows: 2, hint: t('hintTranslators') })}
        <Field
          site={site}
          id={fieldNames.editSummary}
          name={fieldNames.editSummary}
          label={t('fieldEditSummary')}
          error={errorFor(errors, fieldNames.editSummary)}
          control={(a) => <input {...a} type="text" value={values[fieldNames.editSummary] ?? ''} dir="auto" />}
        />
        <div class="button-row">
          <button type="submit" name="intent" value="save" class="button">
            {t('saveDraft')}
          </button>
          <button type="submit" name="intent" value="submit" class="button secondary">
            {t('saveAndSubmit')}
          </button>
          {props.previewAvailable ? (
            <button type="submit" name="intent" value="preview" class="button secondary">
              {t('previewButton')}
            </button>
          ) : null}
        </div>
      </form>
      {props.preview ? (
        <section class="preview" aria-labelledby="preview-title">
          <h2 id="preview-title">{t('previewTitle')}</h2>
          <p class="hint" role="status">
            {t('previewShown')}
          </p>
          <div class="preview-body">
            <TopicArticle view={props.preview} />
          </div>
        </section>
      ) : null}

      {props.revisions.length ? (
        <section aria-labelledby="revisions-title">
          <h2 id="revisions-title">{t('revisionsTitle')}</h2>
          <ol reversed>
            {props.revisions.map((r) => (
              <li>
                {t('revisionRow', { number: r.number, state: stateWord(r), date: site.i18n.instant(r.createdAt), name: r.authorName ?? t('someone') })} ·{' '}
                <a href={site.i18n.path(`${action}/changes/${r.number}`)}>{t('changesLink', { number: r.number })}</a>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </Layout>
  );
}

const EASE_VERDICTS = { 'no text': 'easeNoText', easy: 'easeEasy', 'on target': 'easeOnTarget', hard: 'easeHard' } as const;

/** The translation's reading ease by its language's own formula (the editor's readability panel), or why there is none. */
function EasePanel({ site, ease, lang }: TranslationEditorProps) {
  const t = site.i18n.text(translationsText);
  const language = new Intl.DisplayNames([site.lang], { type: 'language' }).of(lang) ?? LANGUAGES[lang].name;
  const target = { min: TARGET_EASE.min, max: TARGET_EASE.max };
  return (
    <section class="readability panel" aria-labelledby="readability-title">
      <h2 id="readability-title">{t('easeTitle')}</h2>
      {ease ? (
        <>
          <dl>
            <div class={`readability-row verdict-${easeVerdict(ease.score).replace(' ', '-')}`}>
              <dt>{t(ease.formula === 'fernandez-huerta' ? 'easeFernandezHuerta' : 'easeKandelMoles')}</dt>
              <dd>
                {ease.score === null
                  ? t(EASE_VERDICTS['no text'])
                  : t('easeRow', { score: site.i18n.number(ease.score), verdict: t(EASE_VERDICTS[easeVerdict(ease.score)], target) })}
              </dd>
            </div>
          </dl>
          <p class="hint">{t('easeHint', { words: ease.words, sentences: ease.sentences, ...target })}</p>
        </>
      ) : (
        <p>{t(lang === 'ar' ? 'easeNoneArabic' : 'easeNone', { language })}</p>
      )}
    </section>
  );
}
