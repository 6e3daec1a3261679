import { IntlMessageFormat } from 'intl-messageformat';
import type { Child } from 'hono/jsx';
import type { Catalogue } from './catalogue.js';
import { LANGUAGES, type Lang, SOURCE_LANG, pathIn } from './languages.js';

export type MessageValue = string | number | Date;
export type RichValue = MessageValue | ((chunks: Child[]) => Child);

/** Messages of one catalogue in one language. */
export interface Translate<K extends string> {
  (key: K, values?: Record<string, MessageValue>): string;
  /** A message with markup: tags in the message (`Read our <link>disclaimer</link>`) become the given elements. */
  rich(key: K, values: Record<string, RichValue>): Child;
  /** The language the message is actually in (the source language when a translation is missing). */
  langOf(key: K): Lang;
}

/** Everything language-dependent a view needs: messages, dates, numbers, and addresses in this language. */
export interface Localizer {
  lang: Lang;
  dir: 'ltr' | 'rtl';
  text<K extends string>(catalogue: Catalogue<K>): Translate<K>;
  /** "2013-06-20" → "20 June 2013" / "20 de junio de 2013". */
  date(iso: string): string;
  /** "2025-03-04T14:32:10Z" → "4 March 2025, 14:32 UTC", unambiguous whatever the reader's locale. */
  instant(iso: string): string;
  /** A year as written in this language (no thousands separator). */
  year(year: number): string;
  number(value: number): string;
  /** A site path in this language: "/directory/x" → "/es/directory/x". */
  path(sitePath: string): string;
}

/** Messages with nothing for ICU to do are returned as they are (the common case; formatting costs more). */
const PLAIN = /^[^{}<>#']*$/;

/**
 * One Localizer per language, created once by the composition root; each
 * keeps its compiled messages, so a message is parsed once per process.
 */
export function createI18n() {
  const localizers = new Map<Lang, Localizer>();
  return {
    forLang(lang: Lang): Localizer {
      let localizer = localizers.get(lang);
      if (!localizer) {
        localizer = createLocalizer(lang);
        localizers.set(lang, localizer);
      }
      return localizer;
    },
  };
}

export type I18n = ReturnType<typeof createI18n>;

function createLocalizer(lang: Lang): Localizer {
  const locale = LANGUAGES[lang].dateLocale;
  const compiled = new Map<string, IntlMessageFormat>();
  const translators = new WeakMap<Catalogue<string>, Translate<string>>();
  const dates = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const instants = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', hourCycle: 'h23' });
  const numbers = new Intl.NumberFormat(locale);
  const years = new Intl.NumberFormat(locale, { useGrouping: false });

  function format(catalogue: Catalogue<string>, key: string, values: Record<string, RichValue> | undefined): string | Array<string | Child> {
    const translated = catalogue.translations[lang]?.[key];
    const message = translated ?? catalogue.source[key];
    if (message === undefined) throw new Error(`No message "${key}" in the ${catalogue.name} catalogue`);
    if (values === undefined && PLAIN.test(message)) return message;
    const id = `${catalogue.name}\u0000${key}\u0000${translated === undefined ? SOURCE_LANG : lang}`;
    let mf = compiled.get(id);
    if (!mf) {
      mf = new IntlMessageFormat(message, translated === undefined ? LANGUAGES[SOURCE_LANG].dateLocale : locale, undefined, { ignoreTag: false });
      compiled.set(id, mf);
    }
    return mf.format(values as Record<string, never>) as string | Array<string | Child>;
  }

  return {
    lang,
    dir: LANGUAGES[lang].dir,
    text<K extends string>(catalogue: Catalogue<K>): Translate<K> {
      const cat = catalogue as Catalogue<string>;
      let t = translators.get(cat);
      if (!t) {
        const plain = (key: string, values?: Record<string, MessageValue>) => {
          const out = format(cat, key, values);
          return Array.isArray(out) ? out.join('') : out;
        };
        t = Object.assign(plain, {
          rich: (key: string, values: Record<string, RichValue>) => format(cat, key, values) as Child,
          langOf: (key: string) => (cat.translations[lang]?.[key] === undefined ? SOURCE_LANG : lang),
        });
        translators.set(cat, t);
      }
      return t as Translate<K>;
    },
    date(iso) {
      const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
      return Number.isNaN(d.getTime()) ? iso : dates.format(d);
    },
    instant(iso) {
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? iso : `${instants.format(d)} UTC`;
    },
    year: (year) => years.format(year),
    number: (value) => numbers.format(value),
    path: (sitePath) => pathIn(lang, sitePath),
  };
}
