import type { PageDocument } from '../directory/document.js';
import type { RevisionState } from '../db/schema.js';
import { normaliseCitationKey } from '../content/inline.js';
import { addMonths } from '../directory/store.js';

/** What is there, or what is missing and how to fix it: words chosen by the view, in the editor's language. */
export type ChecklistDetail =
  | { kind: 'written-by'; authors: string[] }
  | { kind: 'no-author' }
  | { kind: 'no-research' }
  | { kind: 'research-missing'; places: Array<{ heading: string | null; citationKey: string }> }
  | { kind: 'research-ok'; count: number }
  | { kind: 'no-news' }
  | { kind: 'news-missing'; headings: Array<string | null> }
  | { kind: 'news-ok'; count: number }
  | { kind: 'reviewed'; by: string | null; on: string | null }
  | { kind: 'published-unreviewed' }
  | { kind: 'unchanged-since'; on: string }
  | { kind: 'waiting-review' }
  | { kind: 'not-reviewed' }
  | { kind: 'declarations-ok'; count: number }
  | { kind: 'declarations-missing'; missing: string[]; outdated: string[] };

/** One thing a trustworthy health page needs before readers see it. */
export interface ChecklistItem {
  id: 'author' | 'research-sources' | 'news-sources' | 'review' | 'declarations';
  ok: boolean;
  detail: ChecklistDetail;
}

export interface ChecklistInput {
  doc: PageDocument;
  state: RevisionState;
  /** What readers see now, if the page is published. */
  published: PageDocument | null;
  /** Citation keys the bibliography does not have. */
  unknownCitations: string[];
  /** The page's authors and reviewer, with when each last declared their interests (null: never). */
  people: PersonDeclaration[];
  /** Today (YYYY-MM-DD) and how many months a declaration stays current (site setting). */
  today: string;
  declarationMonths: number;
}

export interface PersonDeclaration {
  key: string;
  name: string;
  declaredOn: string | null;
}

/** The publish gate: every item must be ok. */
export function publishChecklist({ doc, state, published, unknownCitations, people, today, declarationMonths }: ChecklistInput): ChecklistItem[] {
  const unknown = new Set(unknownCitations);
  const research = doc.sections.flatMap((s) => s.entries.flatMap((e) => (e.kind === 'research' ? [{ e, heading: s.heading }] : [])));
  const news = doc.sections.flatMap((s) => s.entries.flatMap((e) => (e.kind === 'news' ? [{ e, heading: s.heading }] : [])));
  const unsourcedResearch = research.filter(({ e }) => !e.citationKey || unknown.has(normaliseCitationKey(e.citationKey)));
  const unsourcedNews = news.filter(({ e }) => !e.outlet.trim() || !e.date);

  return [
    {
      id: 'author',
      ok: doc.authorKeys.length > 0,
      detail: doc.authorKeys.length ? { kind: 'written-by', authors: doc.authorKeys } : { kind: 'no-author' },
    },
    {
      id: 'research-sources',
      ok: unsourcedResearch.length === 0,
      detail: !research.length
        ? { kind: 'no-research' }
        : unsourcedResearch.length
          ? { kind: 'research-missing', places: unsourcedResearch.map(({ e, heading }) => ({ heading, citationKey: e.citationKey })) }
          : { kind: 'research-ok', count: research.length },
    },
    {
      id: 'news-sources',
      ok: unsourcedNews.length === 0,
      detail: !news.length
        ? { kind: 'no-news' }
        : unsourcedNews.length
          ? { kind: 'news-missing', headings: unsourcedNews.map(({ heading }) => heading) }
          : { kind: 'news-ok', count: news.length },
    },
    reviewItem(doc, state, published),
    declarationsItem(people, today, declarationMonths),
  ];
}

/** Everyone named on the page has declared their interests within the last `months` months (an older declaration counts as missing). */
function declarationsItem(people: PersonDeclaration[], today: string, months: number): ChecklistItem {
  const oldestCurrent = addMonths(today, -months);
  const missing = people.filter((p) => p.declaredOn === null).map((p) => p.name);
  const outdated = people.filter((p) => p.declaredOn !== null && p.declaredOn < oldestCurrent).map((p) => p.name);
  const ok = missing.length === 0 && outdated.length === 0;
  return { id: 'declarations', ok, detail: ok ? { kind: 'declarations-ok', count: people.length } : { kind: 'declarations-missing', missing, outdated } };
}

function reviewItem(doc: PageDocument, state: RevisionState, published: PageDocument | null): ChecklistItem {
  const base = { id: 'review' as const };
  if (state === 'approved' || (state === 'published' && doc.reviewedOn)) {
    return { ...base, ok: true, detail: { kind: 'reviewed', by: doc.reviewedByKey ?? null, on: doc.reviewedOn ?? null } };
  }
  if (state === 'published') return { ...base, ok: false, detail: { kind: 'published-unreviewed' } };
  if (published?.reviewedOn && sameMedicalContent(doc, published)) {
    return { ...base, ok: true, detail: { kind: 'unchanged-since', on: published.reviewedOn } };
  }
  if (state === 'in_review') return { ...base, ok: false, detail: { kind: 'waiting-review' } };
  return { ...base, ok: false, detail: { kind: 'not-reviewed' } };
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
