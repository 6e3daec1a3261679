import type { PageDocument } from '../directory/document.js';
import type { RevisionState } from '../db/schema.js';
import { normaliseCitationKey } from '../content/inline.js';

/** One thing a trustworthy health page needs before readers see it. */
export interface ChecklistItem {
  id: 'author' | 'research-sources' | 'news-sources' | 'review';
  label: string;
  ok: boolean;
  /** What is there, or what is missing and how to fix it. */
  detail: string;
}

export interface ChecklistInput {
  doc: PageDocument;
  state: RevisionState;
  /** What readers see now, if the page is published. */
  published: PageDocument | null;
  /** Citation keys the bibliography does not have. */
  unknownCitations: string[];
}

/** The publish gate: every item must be ok. */
export function publishChecklist({ doc, state, published, unknownCitations }: ChecklistInput): ChecklistItem[] {
  const unknown = new Set(unknownCitations);
  const where = (heading: string | null) => (heading ? `“${heading}”` : 'the introduction');
  const research = doc.sections.flatMap((s) => s.entries.flatMap((e) => (e.kind === 'research' ? [{ e, heading: s.heading }] : [])));
  const news = doc.sections.flatMap((s) => s.entries.flatMap((e) => (e.kind === 'news' ? [{ e, heading: s.heading }] : [])));
  const unsourcedResearch = research.filter(({ e }) => !e.citationKey || unknown.has(normaliseCitationKey(e.citationKey)));
  const unsourcedNews = news.filter(({ e }) => !e.outlet.trim() || !e.date);

  return [
    {
      id: 'author',
      label: 'A named author',
      ok: doc.authorKeys.length > 0,
      detail: doc.authorKeys.length ? `Written by ${doc.authorKeys.join(', ')}.` : 'No author yet: add at least one author key in “Authors”.',
    },
    {
      id: 'research-sources',
      label: 'A source for every research digest',
      ok: unsourcedResearch.length === 0,
      detail: !research.length
        ? 'The page has no research digests.'
        : unsourcedResearch.length
          ? `Missing or unknown citation in ${unsourcedResearch.map(({ e, heading }) => `${where(heading)} ([@${e.citationKey}])`).join(', ')}.`
          : research.length === 1
            ? 'The research digest cites a study in the bibliography.'
            : `All ${research.length} research digests cite a study in the bibliography.`,
    },
    {
      id: 'news-sources',
      label: 'An outlet and date for every news digest',
      ok: unsourcedNews.length === 0,
      detail: !news.length
        ? 'The page has no news digests.'
        : unsourcedNews.length
          ? `Missing outlet or date in ${unsourcedNews.map(({ heading }) => where(heading)).join(', ')}.`
          : news.length === 1
            ? 'The news digest names its outlet and date.'
            : `All ${news.length} news digests name their outlet and date.`,
    },
    reviewItem(doc, state, published),
  ];
}

function reviewItem(doc: PageDocument, state: RevisionState, published: PageDocument | null): ChecklistItem {
  const base = { id: 'review' as const, label: 'A medical review of this text' };
  if (state === 'approved' || (state === 'published' && doc.reviewedOn)) {
    return { ...base, ok: true, detail: `Medically reviewed${doc.reviewedByKey ? ` by ${doc.reviewedByKey}` : ''}${doc.reviewedOn ? ` on ${doc.reviewedOn}` : ''}.` };
  }
  if (state === 'published') return { ...base, ok: false, detail: 'Readers see this text, but it has never been medically reviewed: edit it and send it for review.' };
  if (published?.reviewedOn && sameMedicalContent(doc, published)) {
    return { ...base, ok: true, detail: `Not needed again: the medical text is unchanged since the review of ${published.reviewedOn}.` };
  }
  if (state === 'in_review') return { ...base, ok: false, detail: 'Waiting for a medical reviewer to approve it.' };
  return { ...base, ok: false, detail: 'Not reviewed yet: send it for medical review.' };
}

/**
 * Whether two versions say the same thing medically: title, summary, every
 * section and footnote. Moving, renaming, reordering or changing the byline
 * does not need a new medical review.
 */
export function sameMedicalContent(a: PageDocument, b: PageDocument): boolean {
  const medical = (d: PageDocument) => JSON.stringify([d.title, d.summary, d.sections, d.footnotes]);
  return medical(a) === medical(b);
}

export function checklistPasses(items: ChecklistItem[]): boolean {
  return items.every((i) => i.ok);
}
