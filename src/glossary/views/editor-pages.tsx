import type { Child } from 'hono/jsx';
import type { Frame } from '../../accounts/views/frame.js';
import { CsrfField, ErrorSummary, type FieldError, errorFor } from '../../accounts/views/form-parts.js';
import { Field } from '../../web/form-field.js';
import { Layout } from '../../web/layout.js';
import { glossaryText } from '../messages/index.js';
import { LANGUAGES, type Lang, SOURCE_LANG, langAttributes } from '../../i18n/languages.js';
import type { Localizer } from '../../i18n/localizer.js';
import type { GlossaryEntry, GlossaryRevision, GlossaryTermSummary, GlossaryTranslationState } from '../store.js';
import { DEFINITION_MAX } from '../form.js';

export interface TermValues {
  term: string;
  synonyms: string;
  definition: string;
}

const STATE_KEYS = { in_review: 'stateInReview', approved: 'stateApproved', superseded: 'stateSuperseded' } as const;

/** Where a translation stands, in words: published (or out of date), waiting for review, or not translated. */
function translationWord(i18n: Localizer, state: GlossaryTranslationState): string {
  const t = i18n.text(glossaryText);
  if (state.headState === 'in_review') return t('translationWaiting');
  if (state.published) return state.outdated ? t('translationOutdated') : t('translationPublished');
  return t('translationMissing');
}

/** Links to a term's translation forms, each with where it stands. */
function TranslationLinks({ i18n, slug, states }: { i18n: Localizer; slug: string; states: readonly GlossaryTranslationState[] }) {
  return (
    <ul class="inline-list">
      {states.map((s) => (
        <li>
          <a href={i18n.path(`/edit/glossary/${slug}/translate/${s.lang}`)} lang={s.lang} dir={LANGUAGES[s.lang].dir}>
            {LANGUAGES[s.lang].nativeName}
          </a>
          {': '}
          {translationWord(i18n, s)}
        </li>
      ))}
    </ul>
  );
}

export function GlossaryEditPage(
  props: Frame & { terms: GlossaryTermSummary[]; missing: Array<{ word: string; pages: number }> | null; canEdit: boolean; translations?: ReadonlyMap<string, readonly GlossaryTranslationState[]> },
) {
  const { site } = props;
  const i18n = site.i18n;
  const t = i18n.text(glossaryText);
  return (
    <Layout site={site} user={props.user} csrfToken={props.csrfToken} title={t('editTitle')} noindex>
      <h1>{t('editTitle')}</h1>
      <p>{t('editIntro')}</p>
      {props.canEdit ? (
        <p>
          <a class="button" href={i18n.path('/edit/glossary/new')}>
            {t('newTerm')}
          </a>
        </p>
      ) : null}
      {props.terms.length ? (
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">{t('colTerm')}</th>
              <th scope="col">{t('colState')}</th>
              <th scope="col">{t('colPublished')}</th>
              {props.translations ? <th scope="col">{t('colTranslations')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {props.terms.map((term) => (
              <tr>
                <th scope="row">
                  {props.canEdit ? (
                    <a href={i18n.path(`/edit/glossary/${term.slug}`)} lang="en">
                      {term.term}
                    </a>
                  ) : (
                    <span lang="en">{term.term}</span>
                  )}
                </th>
                <td>{t(STATE_KEYS[term.headState])}</td>
                <td>{term.published ? t('publishedYes') : t('publishedNo')}</td>
                {props.translations ? (
                  <td data-label={t('colTranslations')}>
                    {term.published ? <TranslationLinks i18n={i18n} slug={term.slug} states={props.translations.get(term.slug) ?? []} /> : t('translateAfterPublishing')}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('editEmpty')}</p>
      )}
      {props.missing ? (
        <section aria-labelledby="glossary-missing">
          <h2 id="glossary-missing">{t('missingTitle')}</h2>
          <p>{t('missingIntro')}</p>
          {props.missing.length ? (
            <ul class="dashboard-list columns">
              {props.missing.map((m) => (
                <li lang="en">{t('missingItem', { word: m.word, count: m.pages })}</li>
              ))}
            </ul>
          ) : (
            <p>{t('missingNone')}</p>
          )}
        </section>
      ) : null}
    </Layout>
  );
}

export function TermFormPage(
  props: Frame & {
    slug: string | null;
    values: TermValues;
    errors: FieldError[];
    notice?: string | undefined;
    revisions: GlossaryRevision[];
    canReview: boolean;
    /** The English term's translations (its own page). */
    translations?: readonly GlossaryTranslationState[] | undefined;
    /** A translation form: its language and the English readers see now. */
    translation?: { lang: Lang; source: GlossaryEntry; /** Its published translation was made from an older English revision. */ outdated: boolean };
  },
) {
  const { site } = props;
  const i18n = site.i18n;
  const t = i18n.text(glossaryText);
  const current = props.revisions[0];
  const target = props.translation?.lang ?? SOURCE_LANG;
  const words = { lang: target, dir: LANGUAGES[target].dir };
  const base = props.slug ? `/edit/glossary/${props.slug}${props.translation ? `/translate/${target}` : ''}` : '/edit/glossary/new';
  const title = props.translation
    ? t('translateTermTitle', { term: props.translation.source.term, language: LANGUAGES[target].nativeName })
    : props.slug
      ? t('editTermTitle', { term: current?.term ?? props.values.term })
      : t('newTermTitle');
  const action = i18n.path(base);
  const time = (iso: string) => (chunks: Child[]) => <time datetime={iso}>{chunks}</time>;
  return (
    <Layout site={site} user={props.user} csrfToken={props.csrfToken} title={props.errors.length ? t('errorTitle', { title }) : title} noindex>
      <div class="narrow-form">
        <ErrorSummary errors={props.errors} title={t('errorSummary')} />
        <h1>{title}</h1>
        {props.notice ? (
          <p class="notice" role="status">
            {props.notice}
          </p>
        ) : null}
        <p>
          <a href={i18n.path('/edit/glossary')}>{t('editTitle')}</a>
        </p>
        {props.translation ? (
          <section aria-labelledby="glossary-source">
            <h2 id="glossary-source">{t('translationSourceTitle')}</h2>
            <blockquote {...langAttributes(site.lang, SOURCE_LANG)}>
              <p>
                <strong>{props.translation.source.term}</strong>
                {props.translation.source.synonyms.length ? ` (${props.translation.source.synonyms.join(', ')})` : ''}: {props.translation.source.definition}
              </p>
            </blockquote>
            {props.translation.outdated ? <p class="notice">{t('translationOutdatedHint')}</p> : null}
          </section>
        ) : null}
        {props.translations ? (
          <section aria-labelledby="glossary-translations">
            <h2 id="glossary-translations">{t('colTranslations')}</h2>
            <TranslationLinks i18n={i18n} slug={props.slug!} states={props.translations} />
          </section>
        ) : null}
        <form method="post" action={action} novalidate>
          <CsrfField token={props.csrfToken} />
          <Field site={site} id="term" name="term" label={t('termLabel')} hint={t('termHint')} error={errorFor(props.errors, 'term')} control={(a) => <input {...a} type="text" value={props.values.term} {...words} autocomplete="off" />} />
          <Field site={site} id="synonyms" name="synonyms" label={t('synonymsLabel')} hint={t('synonymsHint')} error={errorFor(props.errors, 'synonyms')} control={(a) => <input {...a} type="text" value={props.values.synonyms} {...words} autocomplete="off" />} />
          <Field
            site={site}
            id="definition"
            name="definition"
            label={t('definitionLabel')}
            hint={t('definitionHint', { max: i18n.number(DEFINITION_MAX) })}
            error={errorFor(props.errors, 'definition')}
            control={(a) => (
              <textarea {...a} rows={5} {...words}>
                {props.values.definition}
              </textarea>
            )}
          />
          <button type="submit" class="button">
            {t('saveTerm')}
          </button>
        </form>
        {props.slug && props.revisions.length ? (
          <section aria-labelledby="glossary-history">
            <h2 id="glossary-history">{t('historyTitle')}</h2>
            <ol class="dashboard-list" reversed>
              {props.revisions.map((r) => (
                <li>
                  <strong>{t(STATE_KEYS[r.state])}</strong>
                  {' · '}
                  {r.authorName ? t.rich('revisionBy', { name: r.authorName, date: i18n.date(r.createdAt.slice(0, 10)), time: time(r.createdAt) }) : t.rich('revisionByUnknown', { date: i18n.date(r.createdAt.slice(0, 10)), time: time(r.createdAt) })}
                  {r.reviewedByName ? <> · {t('reviewedBy', { name: r.reviewedByName })}</> : null}
                  <blockquote {...words}>
                    <p>
                      <strong>{r.term}</strong>
                      {r.synonyms.length ? ` (${r.synonyms.join(', ')})` : ''}: {r.definition}
                    </p>
                  </blockquote>
                  {r.state === 'in_review' && props.canReview ? (
                    <form method="post" action={i18n.path(`${base}/approve`)}>
                      <CsrfField token={props.csrfToken} />
                      <input type="hidden" name="revision" value={String(r.id)} />
                      <button type="submit" class="button secondary">
                        {t('approve')}
                      </button>
                    </form>
                  ) : null}
                </li>
              ))}
            </ol>
          </section>
        ) : null}
      </div>
    </Layout>
  );
}
