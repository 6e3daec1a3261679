/**
 * The languages atoz ships its interface in. English is the source language
 * and keeps unprefixed addresses (/directory/x); every other language lives
 * under its code (/es/directory/x), the same slug in every language.
 */
export const LANGUAGES = {
  en: { name: 'English', nativeName: 'English', dir: 'ltr', dateLocale: 'en-GB' },
  es: { name: 'Spanish', nativeName: 'Español', dir: 'ltr', dateLocale: 'es' },
  fr: { name: 'French', nativeName: 'Français', dir: 'ltr', dateLocale: 'fr' },
  ar: { name: 'Arabic', nativeName: 'العربية', dir: 'rtl', dateLocale: 'ar' },
} as const;

export type Lang = keyof typeof LANGUAGES;
export const SOURCE_LANG: Lang = 'en';
export const LANGS = Object.keys(LANGUAGES) as Lang[];
/** Languages translated from the source (English). */
export const TRANSLATED_LANGS: readonly Lang[] = LANGS.filter((l) => l !== SOURCE_LANG);

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && Object.hasOwn(LANGUAGES, value);
}

export function directionOf(lang: Lang): 'ltr' | 'rtl' {
  return LANGUAGES[lang].dir;
}

/** "/es/directory/x" → { lang: 'es', path: '/directory/x' }; "/es" → { 'es', '/' }; English paths are unprefixed. */
export function splitLangPrefix(path: string): { lang: Lang; path: string } {
  const match = /^\/([a-z]{2})(?=\/|$)/.exec(path);
  if (match && isLang(match[1]) && match[1] !== SOURCE_LANG) return { lang: match[1], path: path.slice(3) || '/' };
  return { lang: SOURCE_LANG, path };
}

/** The address of a site path in a language: ("es", "/directory/x") → "/es/directory/x"; English unchanged. */
export function pathIn(lang: Lang, path: string): string {
  if (lang === SOURCE_LANG) return path;
  return path === '/' ? `/${lang}` : `/${lang}${path}`;
}

/**
 * lang and dir for a fragment whose text is in another language than the
 * page around it (an English title on an Arabic page), so screen readers
 * pronounce it right and its punctuation sits at the right end; nothing when
 * the languages are the same.
 */
export function langAttributes(pageLang: Lang, textLang: Lang = SOURCE_LANG): { lang?: Lang; dir?: 'ltr' | 'rtl' } {
  return pageLang === textLang ? {} : { lang: textLang, dir: LANGUAGES[textLang].dir };
}
