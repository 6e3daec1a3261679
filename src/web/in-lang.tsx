import type { Child } from 'hono/jsx';
import { LANGUAGES, type Lang, SOURCE_LANG, isLang, langAttributes } from '../i18n/languages.js';
import type { SiteContext } from './site-context.js';

/**
 * Text in another language than the page (an English page title inside an
 * Arabic interface), marked with its lang and dir; as it is when the
 * languages match, so English pages keep their markup.
 */
export function InLang({ site, lang = SOURCE_LANG, children }: { site: SiteContext; lang?: Lang; children: Child }) {
  if (site.lang === lang) return <>{children}</>;
  return <span {...langAttributes(site.lang, lang)}>{children}</span>;
}

/** The same for a block of rendered HTML (an entry's Markdown): a <div> carries the language. */
export function InLangBlock({ site, lang = SOURCE_LANG, children }: { site: SiteContext; lang?: Lang; children: Child }) {
  if (site.lang === lang) return <>{children}</>;
  return <div {...langAttributes(site.lang, lang)}>{children}</div>;
}

/**
 * lang and dir for words from the site settings (organisation name, menu,
 * footer), written once in the settings' language whatever the page's.
 */
export function settingsLang(site: SiteContext): { lang?: string; dir?: 'ltr' | 'rtl' | 'auto' } {
  const lang = site.settings.language;
  if (lang.split('-')[0] === site.lang) return {};
  return { lang, dir: isLang(lang) ? LANGUAGES[lang].dir : 'auto' };
}

/**
 * Text of unknown direction (a reader's query, an English setting) put into
 * a sentence on a right-to-left page: Unicode isolates (FSI…PDI) keep its
 * brackets and punctuation from mixing with the sentence's. Left-to-right
 * pages get the text as it is.
 */
export function isolated(site: SiteContext, text: string): string {
  return site.i18n.dir === 'rtl' ? `\u2068${text}\u2069` : text;
}
