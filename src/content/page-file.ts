import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { Entry, LinkRef, PageDocumentInput } from '../directory/document.js';
import { readCode } from '../directory/clinical-codes.js';
import { CITATION, WIKI_LINK, extractLinks, normaliseCitationKey, parseWikiLink } from './inline.js';

/** Front matter of a page file (docs/content-format.md). */
const FrontMatter = z.object({
  title: z.string(),
  /** The title the page is listed under (A–Z, tree, search); default: from the title. */
  sort: z.string().optional(),
  parent: z.string().optional(),
  position: z.number().int().default(0),
  summary: z.string().default(''),
  authors: z.array(z.string()).default([]),
  created: z.string(),
  updated: z.string().optional(),
  reviewed: z.string().optional(),
  reviewedBy: z.string().optional(),
  nextReview: z.string().optional(),
  reviewIntervalMonths: z.number().int().optional(),
  alsoSee: z.array(z.string()).default([]),
  footnotes: z.array(z.string()).default([]),
  /** Clinical codes, each "SYSTEM:CODE" (src/directory/clinical-codes.ts). */
  codes: z.array(z.string()).default([]),
});

/** A page file that cannot be read, with the file and line to fix. */
export class ContentSyntaxError extends Error {
  override name = 'ContentSyntaxError';
  constructor(
    readonly file: string,
    /** Line to fix (1-based), when known; the editor shows it next to the body field. */
    readonly line: number | null,
    /** What is wrong, without the file and line prefix. */
    readonly reason: string,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${reason}`);
  }
}

/** Parses one `pages/<slug>.md` file into a page document (not yet validated). */
export function parsePageFile(text: string, slug: string, file = `${slug}.md`): PageDocumentInput {
  const split = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!split) throw new ContentSyntaxError(file, 1, 'a page file starts with front matter between two "---" lines');
  let data: unknown;
  try {
    data = parseYaml(split[1]!);
  } catch (error) {
    throw new ContentSyntaxError(file, null, `front matter is not valid YAML: ${(error as Error).message}`);
  }
  const content = text.slice(split[0].length);
  const fm = FrontMatter.safeParse(data);
  if (!fm.success) {
    const issue = fm.error.issues[0]!;
    throw new ContentSyntaxError(file, null, `front matter field "${issue.path.join('.')}": ${issue.message}`);
  }
  const front = fm.data;
  const bodyStartLine = split[0].split('\n').length;
  return {
    slug,
    title: front.title,
    sortTitle: front.sort?.trim() || null,
    parentSlug: front.parent ?? null,
    position: front.position,
    summary: front.summary.trim(),
    authorKeys: front.authors,
    createdOn: isoDay(front.created),
    updatedOn: front.updated ? isoDay(front.updated) : null,
    reviewedOn: front.reviewed ? isoDay(front.reviewed) : null,
    reviewedByKey: front.reviewedBy ?? null,
    nextReviewOn: front.nextReview ? isoDay(front.nextReview) : null,
    reviewIntervalMonths: front.reviewIntervalMonths ?? 24,
    alsoSee: front.alsoSee.map((t) => linkFromText(t)),
    footnotes: front.footnotes.map((f) => f.trim()),
    codes: front.codes.map((text) => {
      const read = readCode(text);
      if ('problem' in read) throw new ContentSyntaxError(file, null, `front matter field "codes": ${read.problem}`);
      return read.code;
    }),
    sections: parsePageBody(content, file, bodyStartLine),
  };
}

function isoDay(value: string): string {
  return value.trim();
}

/** A title written either bare or as [[Target|label]]. */
function linkFromText(text: string): LinkRef {
  const m = new RegExp(WIKI_LINK.source).exec(text);
  return m ? parseWikiLink(m[1]!, m[2]) : parseWikiLink(text);
}

export type SectionDraft = { heading: string | null; entries: Entry[]; subArticles: LinkRef[]; alsoSee: LinkRef[] };
/** Where each returned section and entry starts (line numbers), so the editor can point at them. */
export type BodyPositions = Array<{ line: number; entries: number[] }>;

/**
 * Line-based reader of the body (everything after the front matter): headings,
 * ::: blocks, paragraphs, Sub-articles and Also see. Exported for the editor,
 * which edits the body as one text field; `firstLine` numbers error messages.
 */
export function parsePageBody(body: string, file = 'body', firstLine = 1, positions?: BodyPositions): SectionDraft[] {
  const lines = body.split(/\r?\n/);
  const sections: SectionDraft[] = [{ heading: null, entries: [], subArticles: [], alsoSee: [] }];
  const starts: BodyPositions = [{ line: firstLine, entries: [] }];
  let paragraph: string[] = [];
  let paragraphStart = firstLine;
  let inSubArticles = false;
  const current = () => sections[sections.length - 1]!;
  const flushParagraph = () => {
    const text = paragraph.join('\n').trim();
    if (text) {
      const last = current().entries.at(-1);
      // Consecutive paragraphs under one heading stay one summary entry.
      if (last?.kind === 'summary' && lastWasSummary) last.body += `\n\n${text}`;
      else {
        current().entries.push({ kind: 'summary', body: text });
        starts.at(-1)!.entries.push(paragraphStart);
      }
      lastWasSummary = true;
    }
    paragraph = [];
  };
  let lastWasSummary = false;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const lineNo = firstLine + i;
    const heading = /^##\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading) {
      flushParagraph();
      inSubArticles = false;
      lastWasSummary = false;
      sections.push({ heading: heading[1]!, entries: [], subArticles: [], alsoSee: [] });
      starts.push({ line: lineNo, entries: [] });
      continue;
    }
    if (/^#\s/.test(line)) throw new ContentSyntaxError(file, lineNo, 'use "##" for section headings; the page title comes from the front matter');
    const block = /^:::\s*(research|news|summary)\b(.*)$/.exec(line);
    if (block) {
      flushParagraph();
      inSubArticles = false;
      lastWasSummary = false;
      const end = lines.findIndex((l, j) => j > i && /^:::\s*$/.test(l));
      if (end < 0) throw new ContentSyntaxError(file, lineNo, `the "::: ${block[1]}" block is never closed with ":::"`);
      const text = lines.slice(i + 1, end).join('\n').trim();
      current().entries.push(parseBlock(block[1]!, block[2]!.trim(), text, file, lineNo));
      starts.at(-1)!.entries.push(lineNo);
      i = end;
      continue;
    }
    if (/^:::/.test(line)) throw new ContentSyntaxError(file, lineNo, `unknown block "${line.trim()}": use "::: research [@key]", "::: news …" or "::: summary"`);
    const subHead = /^Sub-articles:\s*$/i.exec(line);
    if (subHead) {
      flushParagraph();
      inSubArticles = true;
      lastWasSummary = false;
      continue;
    }
    const also = /^Also see:\s*(.*)$/i.exec(line);
    if (also) {
      flushParagraph();
      inSubArticles = false;
      lastWasSummary = false;
      const links = extractLinks(also[1]!);
      if (links.length === 0) throw new ContentSyntaxError(file, lineNo, '"Also see:" needs [[links]] on the same line');
      current().alsoSee.push(...links);
      continue;
    }
    if (inSubArticles && /^\s*[-*]\s+/.test(line)) {
      const links = extractLinks(line);
      if (links.length !== 1) throw new ContentSyntaxError(file, lineNo, 'each sub-article line needs exactly one [[link]]');
      current().subArticles.push(links[0]!);
      continue;
    }
    if (line.trim() === '') {
      if (!inSubArticles) flushParagraph();
      continue;
    }
    inSubArticles = false;
    if (!paragraph.length) paragraphStart = lineNo;
    paragraph.push(line);
  }
  flushParagraph();
  const [intro, ...rest] = sections;
  // An empty introduction is no section at all.
  const keepIntro = intro!.entries.length || intro!.subArticles.length || intro!.alsoSee.length;
  positions?.push(...(keepIntro ? starts : starts.slice(1)));
  return keepIntro ? sections : rest;
}

function parseBlock(kind: string, args: string, text: string, file: string, line: number): Entry {
  if (kind === 'summary') return { kind: 'summary', body: text };
  if (kind === 'research') {
    const cite = new RegExp(CITATION.source).exec(args);
    if (!cite) throw new ContentSyntaxError(file, line, '"::: research" needs its citation on the same line, e.g. "::: research [@smith-2010]"');
    return { kind: 'research', citationKey: normaliseCitationKey(cite[1]!), body: text };
  }
  // A value may hold a double quote written as \" (and a backslash as \\).
  const attrs = Object.fromEntries([...args.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!.replace(/\\(.)/g, '$1')]));
  if (!attrs.outlet || !attrs.date) throw new ContentSyntaxError(file, line, '"::: news" needs outlet="…" and date="YYYY-MM-DD"');
  return {
    kind: 'news',
    outlet: attrs.outlet,
    date: attrs.date,
    ...(attrs.url ? { url: attrs.url } : {}),
    ...(attrs.title ? { headline: attrs.title } : {}),
    body: text,
  };
}
