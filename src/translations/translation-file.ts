import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { z } from 'zod';
import { ContentSyntaxError } from '../content/page-file.js';
import type { Lang } from '../i18n/languages.js';
import type { TranslationDocumentInput } from './document.js';

/** Front matter of a translation file, `pages/<lang>/<slug>.md` (docs/content-format.md). */
const FrontMatter = z.object({
  title: z.string(),
  summary: z.string().default(''),
  translators: z.array(z.object({ name: z.string(), credentials: z.string().default('') })).default([]),
  demo: z.boolean().default(false),
  reviewedBy: z.string().optional(),
  reviewed: z.string().optional(),
});

/** An English section a translated section was made from, when the English has changed since (an outdated section). */
export interface FileSource {
  text: string;
  /** When the English changed (YYYY-MM-DD), as the file says. */
  since: string | null;
}

export interface TranslationFile {
  document: TranslationDocumentInput;
  reviewedBy: string | null;
  reviewedOn: string | null;
  /** By section anchor: the English text an outdated section was made from. */
  sources: Map<string, FileSource>;
}

const SECTION = /^== ([a-z0-9]+(?:-[a-z0-9]+)*)(?: \| (.+?))? ==$/;
const ENTRY_BREAK = /^\+\+\+$/;
const FROM_OPEN = /^::: translated-from(?: since=(\d{4}-\d{2}-\d{2}))?$/;

/** Parses one translation file; `lang` and `slug` come from its path. */
export function parseTranslationFile(text: string, lang: Lang, file: string): TranslationFile {
  const split = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!split) throw new ContentSyntaxError(file, 1, 'a translation file starts with front matter between two "---" lines');
  let data: unknown;
  try {
    data = parseYaml(split[1]!);
  } catch (error) {
    throw new ContentSyntaxError(file, null, `front matter is not valid YAML: ${(error as Error).message}`);
  }
  const fm = FrontMatter.safeParse(data);
  if (!fm.success) {
    const issue = fm.error.issues[0]!;
    throw new ContentSyntaxError(file, null, `front matter field "${issue.path.join('.')}": ${issue.message}`);
  }
  const lines = text.slice(split[0].length).split(/\r?\n/);
  const firstLine = split[0].split('\n').length;
  const sections: Array<{ sourceAnchor: string; heading: string | null; entries: string[] }> = [];
  const sources = new Map<string, FileSource>();
  let current: { sourceAnchor: string; heading: string | null; entries: string[]; buffer: string[] } | null = null;
  let from: { since: string | null; lines: string[] } | null = null;
  const flushEntry = () => {
    if (!current) return;
    const body = current.buffer.join('\n').trim();
    if (body) current.entries.push(body);
    current.buffer = [];
  };
  lines.forEach((line, i) => {
    const lineNo = firstLine + i;
    if (from) {
      if (line === ':::') {
        sources.set(current!.sourceAnchor, { text: from.lines.join('\n').trim(), since: from.since });
        from = null;
      } else from.lines.push(line);
      return;
    }
    const heading = SECTION.exec(line);
    if (heading) {
      flushEntry();
      if (current) sections.push(current);
      current = { sourceAnchor: heading[1]!, heading: heading[2]?.trim() || null, entries: [], buffer: [] };
      return;
    }
    if (!current) {
      if (line.trim()) throw new ContentSyntaxError(file, lineNo, 'text before the first "== <section> ==" line');
      return;
    }
    if (ENTRY_BREAK.test(line)) return flushEntry();
    const opening = FROM_OPEN.exec(line);
    if (opening) {
      flushEntry();
      from = { since: opening[1] ?? null, lines: [] };
      return;
    }
    current.buffer.push(line);
  });
  if (from) throw new ContentSyntaxError(file, null, 'a "::: translated-from" block is not closed with ":::"');
  flushEntry();
  if (current) sections.push(current);
  const front = fm.data;
  return {
    document: {
      lang,
      title: front.title,
      summary: front.summary.trim(),
      translators: front.translators,
      demo: front.demo,
      sections: sections.map(({ sourceAnchor, heading, entries }) => ({ sourceAnchor, heading, entries })),
    },
    reviewedBy: front.reviewedBy ?? null,
    reviewedOn: front.reviewed ?? null,
    sources,
  };
}

/** Writes a translation as a file that parseTranslationFile reads back the same. */
export function writeTranslationFile(file: Omit<TranslationFile, 'document'> & { document: Required<Pick<TranslationDocumentInput, 'title' | 'sections'>> & TranslationDocumentInput }): string {
  const doc = file.document;
  const front: Record<string, unknown> = { title: doc.title };
  if (doc.summary) front.summary = doc.summary;
  if (doc.translators?.length) front.translators = doc.translators;
  if (doc.demo) front.demo = true;
  if (file.reviewedBy) front.reviewedBy = file.reviewedBy;
  if (file.reviewedOn) front.reviewed = file.reviewedOn;
  const parts = [`---\n${stringifyYaml(front).trimEnd()}\n---\n`];
  for (const section of doc.sections) {
    const lines = [`== ${section.sourceAnchor}${section.heading ? ` | ${section.heading}` : ''} ==`];
    if (section.entries.length) lines.push('', section.entries.join('\n\n+++\n\n'));
    const source = file.sources.get(section.sourceAnchor);
    if (source) lines.push('', `::: translated-from${source.since ? ` since=${source.since}` : ''}`, source.text, ':::');
    parts.push(lines.join('\n') + '\n');
  }
  return parts.join('\n');
}
