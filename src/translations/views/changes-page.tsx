/** What one revision of a translation changed, word by word, from the revision before it. */
import { DiffView, diffSummary } from '../../editing/views/parts.js';
import { editingTextOf } from '../../editing/views/text.js';
import type { DiffPart } from '../../editing/word-diff.js';
import { LANGUAGES, type Lang } from '../../i18n/languages.js';
import { Layout } from '../../web/layout.js';
import { translationsText } from '../messages/index.js';
import type { TranslationRevision } from '../workflow.js';
import type { TranslatorFrame } from './dashboard-page.js';

export function TranslationChangesPage(props: TranslatorFrame & { lang: Lang; page: { slug: string; title: string }; revision: TranslationRevision; previous: TranslationRevision | null; parts: DiffPart[] }) {
  const { site, lang, page, revision, previous } = props;
  const t = site.i18n.text(translationsText);
  const language = new Intl.DisplayNames([site.lang], { type: 'language' }).of(lang) ?? LANGUAGES[lang].name;
  const editor = `/translate/${lang}/${page.slug}`;
  const heading = t('changesTitle', { number: revision.number, language, title: page.title });
  const who = { name: revision.authorName ?? t('someone'), date: site.i18n.instant(revision.createdAt) };
  return (
    <Layout
      site={site}
      user={props.user}
      csrfToken={props.csrfToken}
      title={heading}
      noindex
    >
      <h1>{heading}</h1>
      <p class="lead">{previous ? t('changesLead', { ...who, previous: previous.number }) : t('changesFirst', who)}</p>
      {revision.summary ? <p>{t('changesSummaryLine', { summary: revision.summary })}</p> : null}
      <p>
        {diffSummary(editingTextOf(site.i18n), props.parts)}{' '}
        {editingTextOf(site.i18n).rich('diffKey', { del: (chunks) => <del class="diff-key">{chunks}</del>, ins: (chunks) => <ins class="diff-key">{chunks}</ins> })}
      </p>
      <DiffView parts={props.parts} label={heading} i18n={site.i18n} lang={lang} />
      <p>
        <a href={site.i18n.path(editor)}>{t('changesBack')}</a>
      </p>
    </Layout>
  );
}
