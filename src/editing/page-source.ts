import type { Entry, LinkRef, PageDocument, Section } from '../directory/document.js';
import { codeText } from '../directory/clinical-codes.js';

/**
 * Writes a page's sections back as the body Markdown of a page file
 * (docs/content-format.md), the inverse of parsePageBody: what the editor's
 * body textarea shows. parsePageBody(serializeBody(s)) gives s back.
 */
export function serializeBody(sections: Section[]): string {
  const parts: string[] = [];
  for (const section of sections) {
    if (section.heading !== null) parts.push(`## ${section.heading}`);
    let previous: Entry | undefined;
    for (const entry of section.entries) {
      parts.push(serializeEntry(entry, previous));
      previous = entry;
    }
    if (section.subArticles.length) parts.push(['Sub-articles:', ...section.subArticles.map((l) => `- ${linkText(l)}`)].join('\n'));
    if (section.alsoSee.length) parts.push(`Also see: ${linkList(section.alsoSee)}`);
  }
  return parts.length ? `${parts.join('\n\n')}\n` : '';
}

/** `[[Target]]`, or `[[Target|label]]` when the shown text differs. */
export function linkText(link: LinkRef): string {
  return link.label === link.target ? `[[${link.target}]]` : `[[${link.target}|${link.label}]]`;
}

/** Links as written after "Also see:": comma-separated. */
export function linkList(links: LinkRef[]): string {
  return links.map(linkText).join(', ');
}

/** The whole document as one text (fields, then body), for diffs between revisions. */
export function documentAsText(doc: PageDocument): string {
  const fields = [
    `Title: ${doc.title}`,
    ...(doc.sortTitle ? [`Listed as: ${doc.sortTitle}`] : []),
    `Address: /directory/${doc.slug}`,
    `Parent: ${doc.parentSlug ?? '(top level)'}`,
    `Position: ${doc.position}`,
    `Summary: ${doc.summary}`,
    `Authors: ${doc.authorKeys.join(', ')}`,
    `Review every: ${doc.reviewIntervalMonths} months`,
    `Reviewed: ${doc.reviewedOn ?? 'never'}${doc.reviewedByKey ? ` by ${doc.reviewedByKey}` : ''}`,
    `Next review: ${doc.nextReviewOn ?? 'not scheduled'}`,
    `Also see: ${linkList(doc.alsoSee)}`,
    ...doc.footnotes.map((f, i) => `Footnote ${i + 1}: ${f}`),
    ...(doc.codes.length ? [`Medical codes: ${doc.codes.map(codeText).join(', ')}`] : []),
  ];
  return `${fields.join('\n')}\n\n${serializeBody(doc.sections)}`;
}

// Lines the body parser reads as structure, not as paragraph text.
const STRUCTURE_LINE = /^(#|:::|Sub-articles:\s*$|Also see:)/i;

function serializeEntry(entry: Entry, previous: Entry | undefined): string {
  if (entry.kind === 'research') return `::: research [@${entry.citationKey}]\n${entry.body}\n:::`;
  if (entry.kind === 'news') {
    const attrs = [`outlet="${quote(entry.outlet)}"`, `date="${quote(entry.date)}"`];
    if (entry.url) attrs.push(`url="${quote(entry.url)}"`);
    if (entry.headline) attrs.push(`title="${quote(entry.headline)}"`);
    return `::: news ${attrs.join(' ')}\n${entry.body}\n:::`;
  }
  // Plain paragraphs read best; a fenced block keeps text the paragraph reader would change.
  return previous?.kind !== 'summary' && paragraphSafe(entry.body) ? entry.body : `::: summary\n${entry.body}\n:::`;
}

/** Whether text written as paragraphs reads back unchanged (no structure lines, single blank lines only). */
function paragraphSafe(body: string): boolean {
  if (body !== body.trim()) return false;
  const lines = body.split('\n');
  return lines.every((line, i) => {
    if (STRUCTURE_LINE.test(line)) return false;
    if (line.trim() === '') return line === '' && lines[i - 1] !== '' && lines[i + 1] !== '';
    return true;
  });
}

function quote(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}
