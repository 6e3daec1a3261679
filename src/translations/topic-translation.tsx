import type { Child } from 'hono/jsx';
import type { TopicTranslation } from '../directory/presenter.js';
import type { PageView } from '../directory/queries.js';
import { type Lang, SOURCE_LANG, pathIn } from '../i18n/languages.js';
import type { SiteContext } from '../web/site-context.js';
import type { PublishedTranslation, TranslationQueries } from './queries.js';
import { readTranslation, sectionLang } from './reading.js';
import { SectionNotice, TranslationSummary, UntranslatedPageNotice } from './views/reader-notices.js';

/**
 * The directory's hook for a topic page (DirectoryRouteDeps.translation):
 * in English, the languages it is translated into; in another language, the
 * translation with its notices, or the English page saying it is not translated.
 */
export function topicTranslation(queries: TranslationQueries) {
  return async (page: PageView, site: SiteContext): Promise<TopicTranslation> => {
    const path = `/directory/${page.slug}`;
    const languages = await queries.languagesOf(page.id);
    const url = (lang: Lang) => site.baseUrl + pathIn(lang, path);
    const workTranslation = languages.filter((l) => l !== SOURCE_LANG).map((l) => ({ '@type': 'MedicalWebPage', url: url(l), inLanguage: l }));
    const none = { page, languages, contentLang: SOURCE_LANG, sectionLang: new Map<number, Lang>(), sectionNotices: new Map<number, Child>() };
    if (site.lang === SOURCE_LANG) return { ...none, notice: null, jsonLd: workTranslation.length ? { workTranslation } : {} };
    const translation = languages.includes(site.lang) ? await queries.published(page.id, site.lang) : null;
    if (!translation) return { ...none, notice: <UntranslatedPageNotice site={site} path={path} />, jsonLd: { inLanguage: SOURCE_LANG } };
    return {
      ...translatedTopic(page, translation, site),
      languages,
      jsonLd: {
        url: url(site.lang),
        inLanguage: site.lang,
        translationOfWork: { '@type': 'MedicalWebPage', url: url(SOURCE_LANG), inLanguage: SOURCE_LANG },
        workTranslation: workTranslation.filter((w) => w.inLanguage !== site.lang),
        translator: translation.translators.map((p) => ({ '@type': 'Person', name: p.name, ...(p.credentials ? { description: p.credentials } : {}) })),
        ...(translation.reviewerName && translation.reviewedAt
          ? { review: { '@type': 'Review', reviewAspect: 'translation', author: { '@type': 'Person', name: translation.reviewerName }, datePublished: translation.reviewedAt.slice(0, 10) } }
          : {}),
        dateModified: translation.publishedAt.slice(0, 10),
      },
    };
  };
}

/**
 * A page as readers of `translation.lang` see it, with its notices, whatever
 * the interface's language (the translation editor's preview shows an unsaved
 * translation this way, inside the translator's own interface).
 */
export function translatedTopic(page: PageView, translation: PublishedTranslation, site: SiteContext): TopicTranslation {
  const path = `/directory/${page.slug}`;
  const reading = readTranslation(page, translation);
  const langs = new Map<number, Lang>();
  const notices = new Map<number, Child>();
  for (const [id, section] of reading.sections) {
    langs.set(id, sectionLang(section, translation.lang));
    if (section.kind !== 'translated') notices.set(id, <SectionNotice site={site} reading={section} path={path} />);
  }
  return {
    page: reading.page,
    languages: [SOURCE_LANG, translation.lang],
    contentLang: translation.lang,
    sectionLang: langs,
    notice: <TranslationSummary site={site} reading={reading} path={path} />,
    sectionNotices: notices,
    jsonLd: {},
  };
}
