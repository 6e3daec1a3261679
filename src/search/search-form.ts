import { z } from 'zod';
import type { EntryKind } from '../db/schema.js';
import type { MessageValue } from '../i18n/localizer.js';
import type { en } from './messages/en.js';

/** What the results page was asked, as typed (shown back in the form), and what of it is usable. */
export interface SearchForm {
  /** The raw values, to fill the form again exactly as the reader left it. */
  input: { q: string; kinds: string[]; from: string; to: string };
  kinds: EntryKind[];
  yearFrom: number | undefined;
  yearTo: number | undefined;
  page: number;
  /** Field name → message, for filters that could not be used. */
  problems: Record<string, string>;
}

/** The kinds of entry a search can be narrowed to, with the message naming each. */
export const ENTRY_KINDS: ReadonlyArray<{ value: EntryKind; label: 'kindSummary' | 'kindResearch' | 'kindNews' }> = [
  { value: 'summary', label: 'kindSummary' },
  { value: 'research', label: 'kindResearch' },
  { value: 'news', label: 'kindNews' },
];

/** The search catalogue's messages in the reader's language (site.i18n.text(searchText)). */
export type SearchText = (key: keyof typeof en, values?: Record<string, MessageValue>) => string;

const FIRST_YEAR = 1800;
const LAST_YEAR = 2100;

// The issue codes say which message the reader gets, in their language.
const Year = z
  .string()
  .trim()
  .regex(/^\d{4}$/)
  .transform(Number)
  .refine((y) => y >= FIRST_YEAR && y <= LAST_YEAR);
const Kind = z.enum(['summary', 'research', 'news']);
const Page = z.coerce.number().int().min(1).max(1000);

/** Reads /search?q=&kind=&from=&to=&page=; never throws, every bad field gets a message and is left out. */
export function readSearchForm(
  params: { q?: string | undefined; kind?: string[] | undefined; from?: string | undefined; to?: string | undefined; page?: string | undefined },
  t: SearchText,
): SearchForm {
  const problems: Record<string, string> = {};
  const q = (params.q ?? '').slice(0, 5000);
  const rawKinds = (params.kind ?? []).slice(0, 10).map((k) => k.slice(0, 40));
  const kinds: EntryKind[] = [];
  for (const k of rawKinds) {
    const parsed = Kind.safeParse(k);
    if (parsed.success) kinds.push(parsed.data);
    else problems.kind = t('problemKind');
  }
  const year = (field: 'from' | 'to', raw: string | undefined): number | undefined => {
    if (raw === undefined || raw.trim() === '') return undefined;
    const parsed = Year.safeParse(raw);
    if (parsed.success) return parsed.data;
    problems[field] = parsed.error.issues[0]!.code === 'custom' ? t('problemYearRange', { first: String(FIRST_YEAR), last: String(LAST_YEAR) }) : t('problemYearFormat', { example: '2010' });
    return undefined;
  };
  let yearFrom = year('from', params.from);
  let yearTo = year('to', params.to);
  if (yearFrom !== undefined && yearTo !== undefined && yearFrom > yearTo) {
    problems.to = t('problemYearOrder', { first: String(yearFrom), last: String(yearTo) });
    yearFrom = undefined;
    yearTo = undefined;
  }
  const page = Page.safeParse(params.page ?? '1');
  return {
    input: { q, kinds: rawKinds, from: (params.from ?? '').slice(0, 20), to: (params.to ?? '').slice(0, 20) },
    kinds: [...new Set(kinds)],
    yearFrom,
    yearTo,
    page: page.success ? page.data : 1,
    problems,
  };
}

/** The address of a results page: same search, other page or other query. */
export function searchHref(form: Pick<SearchForm, 'kinds' | 'yearFrom' | 'yearTo'>, q: string, page = 1): string {
  const params = new URLSearchParams({ q });
  for (const k of form.kinds) params.append('kind', k);
  if (form.yearFrom !== undefined) params.set('from', String(form.yearFrom));
  if (form.yearTo !== undefined) params.set('to', String(form.yearTo));
  if (page > 1) params.set('page', String(page));
  return `/search?${params.toString()}`;
}
