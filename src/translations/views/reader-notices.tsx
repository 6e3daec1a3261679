import type { Child } from 'hono/jsx';
import type { DiffPart } from '../../editing/word-diff.js';
import { SOURCE_LANG, langAttributes, pathIn } from '../../i18n/languages.js';
import type { SiteContext } from '../../web/site-context.js';
import { translationsText } from '../messages/index.js';
import type { PublishedTranslation } from '../queries.js';
import type { SectionReading, TranslatedReading } from '../reading.js';

const timeOf = (iso: string) => (chunks: Child[]) => <time datetime={iso.slice(0, 10)}>{chunks}</time>;

/** Under the byline of a translated page: how much is translated, by whom, checked by whom, and the English page. */
export function TranslationSummary({ site, reading, path }: { site: SiteContext; reading: TranslatedReading; path: string }) {
  const t = site.i18n.text(translationsText);
  const { translation } = reading;
  return (
    <aside class="notice translation-notice" aria-label={t('translationNoticeLabel')}>
      <p>
        {t('translationProgress', { translated: reading.translatedCount, total: reading.total })}
        {reading.outdatedCount ? <> {t('translationOutdatedCount', { count: reading.outdatedCount })}</> : null}
      </p>
      {translation.translators.length ? <p>{t('translatedBy', { names: translatorNames(site, translation) })}</p> : null}
      <p>
        {translation.reviewerName && translation.reviewedAt
          ? t.rich('translationReviewed', { name: translation.reviewerName, date: site.i18n.date(translation.reviewedAt.slice(0, 10)), time: timeOf(translation.reviewedAt) })
          : t('translationNotReviewed')}
        {translation.demo ? <> <strong>{t('demoTranslation')}</strong></> : null}
      </p>
      <p>{t.rich('readEnglish', { link: englishLink(path) })}</p>
    </aside>
  );
}

function translatorNames(site: SiteContext, translation: PublishedTranslation): string {
  const t = site.i18n.text(translationsText);
  const names = translation.translators.map((p) => (p.credentials ? t('translatorWithCredentials', { name: p.name, credentials: p.credentials }) : p.name));
  return new Intl.ListFormat(site.lang, { type: 'conjunction' }).format(names);
}

/** A page with no translation into the reader's language: said once, above the English text. */
export function UntranslatedPageNotice({ site, path }: { site: SiteContext; path: string }) {
  const t = site.i18n.text(translationsText);
  return (
    <p class="notice translation-notice">
      {t('pageNotTranslated')} {t.rich('readEnglish', { link: englishLink(path) })}
    </p>
  );
}

const englishLink = (path: string) => (chunks: Child[]) => (
  <a href={pathIn(SOURCE_LANG, path)} hreflang={SOURCE_LANG}>
    {chunks}
  </a>
);

/** Above a section that is not shown as a current translation: why, and for an outdated one what changed in the English. */
export function SectionNotice({ site, reading, path }: { site: SiteContext; reading: SectionReading; path: string }) {
  const t = site.i18n.text(translationsText);
  if (reading.kind === 'translated') return null;
  if (reading.kind === 'untranslated') return <p class="notice section-notice">{t('sectionUntranslated')}</p>;
  const key = reading.kind === 'safety' ? 'sectionSafety' : 'sectionOutdated';
  return (
    <div class={`notice section-notice${reading.kind === 'safety' ? ' safety-notice' : ''}`}>
      <p>{t.rich(key, { date: site.i18n.date(reading.since.slice(0, 10)), time: timeOf(reading.since), link: englishLink(path) })}</p>
      <details class="source-changes">
        <summary>{t('changesSummary')}</summary>
        <p>{t('changesLegend')}</p>
        <EnglishChanges site={site} parts={reading.changes} />
      </details>
      {reading.kind === 'safety' ? <p class="current-english-label"><strong>{t('currentEnglish')}</strong></p> : null}
    </div>
  );
}

/** The English text with its changes since the translation, word by word; screen readers hear where each change starts and ends. */
function EnglishChanges({ site, parts }: { site: SiteContext; parts: DiffPart[] }) {
  const t = site.i18n.text(translationsText);
  if (!parts.some((p) => p.type !== 'same')) return <p>{t('changesNone')}</p>;
  const own = site.lang === SOURCE_LANG ? undefined : site.lang;
  const marker = (text: string) => (
    <span class="visually-hidden" lang={own}>
      {text}
    </span>
  );
  return (
    <div class="english-changes" {...langAttributes(site.lang, SOURCE_LANG)}>
      {parts.map((p) =>
        p.type === 'same' ? (
          p.text
        ) : p.type === 'ins' ? (
          <ins>
            {marker(t('changesAdded'))}
            {p.text}
            {marker(t('changesEnd'))}
          </ins>
        ) : (
          <del>
            {marker(t('changesRemoved'))}
            {p.text}
            {marker(t('changesEnd'))}
          </del>
        ),
      )}
    </div>
  );
}
