import { type PoEntry, type PoFile, po } from 'gettext-parser';
import type { Catalogue } from './catalogue.js';
import { LANGUAGES, type Lang } from './languages.js';
import { messageShape } from './message-shape.js';

/**
 * Interface messages as gettext PO files, the format translators' tools
 * (Poedit, Weblate, Pootle) read. Each message is one entry: the context
 * is "domain:key", msgid the English source, msgstr the translation, in ICU
 * MessageFormat (plurals are inside the message, so no Plural-Forms).
 */
export function catalogueToPo(catalogues: readonly Catalogue[], lang: Lang | null, now = new Date()): Buffer {
  const translations: PoFile['translations'] = { '': {} };
  for (const catalogue of catalogues) {
    for (const [key, source] of Object.entries(catalogue.source)) {
      const msgctxt = `${catalogue.name}:${key}`;
      const note = catalogue.notes[key];
      translations[msgctxt] = {
        [source]: {
          msgctxt,
          msgid: source,
          msgstr: [lang ? (catalogue.translations[lang]?.[key] ?? '') : ''],
          comments: { extracted: ['ICU MessageFormat: keep {placeholders} and <tags> as they are.', note].filter(Boolean).join('\n') },
        },
      };
    }
  }
  const headers: Record<string, string> = {
    'Project-Id-Version': 'atoz interface',
    'Content-Type': 'text/plain; charset=UTF-8',
    'Content-Transfer-Encoding': '8bit',
    'POT-Creation-Date': now.toISOString(),
    'X-Message-Format': 'ICU MessageFormat',
  };
  if (lang) headers.Language = lang;
  return po.compile({ charset: 'utf-8', headers, translations }, { foldLength: 0 });
}

export interface PoImport {
  /** Translations by catalogue name, ready to be written as <lang>.json. */
  byCatalogue: Map<string, Record<string, string>>;
  imported: number;
  /** Entries translated from an English text that has changed since: left out, the translator sees them again on the next export. */
  outdated: string[];
  /** Fuzzy (marked for review by the translator) or empty: left out. */
  unfinished: string[];
  /** Not valid ICU, or placeholders and tags that differ from the English: left out, with the reason. */
  rejected: string[];
  /** Contexts no catalogue knows (a message removed from the interface). */
  unknown: string[];
}

/** Reads a translator's PO file; only entries made from the current English and keeping its placeholders are taken. */
export function poToCatalogue(catalogues: readonly Catalogue[], file: Buffer | string, lang: Lang): PoImport {
  const parsed = po.parse(file);
  const declared = parsed.headers.Language?.trim();
  if (declared && declared.replace('_', '-').split('-')[0] !== lang) throw new Error(`This PO file is for language "${declared}", not ${LANGUAGES[lang].name} (${lang}).`);
  const byName = new Map(catalogues.map((c) => [c.name, c]));
  const result: PoImport = { byCatalogue: new Map(), imported: 0, outdated: [], unfinished: [], rejected: [], unknown: [] };
  for (const catalogue of catalogues) result.byCatalogue.set(catalogue.name, {});
  for (const group of Object.values(parsed.translations)) {
    for (const entry of Object.values(group) as PoEntry[]) {
      if (!entry.msgctxt) continue; // the header entry
      const [name, ...rest] = entry.msgctxt.split(':');
      const key = rest.join(':');
      const catalogue = byName.get(name ?? '');
      const source = catalogue?.source[key];
      if (!catalogue || source === undefined) {
        result.unknown.push(entry.msgctxt);
        continue;
      }
      const text = entry.msgstr[0] ?? '';
      if (!text.trim() || /\bfuzzy\b/.test(entry.comments?.flag ?? '')) {
        result.unfinished.push(entry.msgctxt);
        continue;
      }
      if (entry.msgid !== source) {
        result.outdated.push(entry.msgctxt);
        continue;
      }
      const problem = shapeProblem(source, text);
      if (problem) {
        result.rejected.push(`${entry.msgctxt}: ${problem}`);
        continue;
      }
      result.byCatalogue.get(name!)![key] = text;
      result.imported++;
    }
  }
  return result;
}

function shapeProblem(source: string, translation: string): string | null {
  try {
    const want = messageShape(source);
    const got = messageShape(translation);
    if (JSON.stringify(want.arguments) !== JSON.stringify(got.arguments)) return `placeholders ${got.arguments.map((a) => `{${a}}`).join(' ') || 'none'} instead of ${want.arguments.map((a) => `{${a}}`).join(' ') || 'none'}`;
    if (JSON.stringify(want.tags) !== JSON.stringify(got.tags)) return `tags ${got.tags.map((a) => `<${a}>`).join(' ') || 'none'} instead of ${want.tags.map((a) => `<${a}>`).join(' ') || 'none'}`;
    return null;
  } catch (error) {
    return `not valid ICU MessageFormat (${(error as Error).message})`;
  }
}
