/**
 * Evidence age: pages whose newest evidence (cited studies and news reports,
 * the same years the byline shows) is older than a number of years, for the
 * editors' dashboard.
 */
import { sql } from 'kysely';
import type { Db } from '../db/database.js';

export interface StaleEvidencePage {
  slug: string;
  title: string;
  /** Year of the newest study or news report the page cites. */
  newestYear: number;
  /** Whole years between that and this year. */
  ageYears: number;
}

/**
 * Live pages whose newest evidence year is more than `years` before this year,
 * oldest evidence first. Pages that cite nothing with a year are not listed.
 */
export async function staleEvidencePages(db: Db, years: number, today: Date = new Date()): Promise<StaleEvidencePage[]> {
  if (!Number.isInteger(years) || years < 1) throw new RangeError('years must be a whole number of at least 1');
  const [studies, news] = await Promise.all([
    db
      .selectFrom('pages as p')
      .innerJoin('citation_uses as u', 'u.page_id', 'p.id')
      .innerJoin('citations as c', 'c.id', 'u.citation_id')
      .select(['p.slug', 'p.title', (eb) => eb.fn.max('c.issued_year').as('newest')])
      .where('p.deleted_at', 'is', null)
      .groupBy(['p.id', 'p.slug', 'p.title'])
      .execute(),
    db
      .selectFrom('pages as p')
      .innerJoin('entries as e', 'e.page_id', 'p.id')
      // published_on is YYYY-MM-DD text on both databases: the year is its first four characters.
      .select(['p.slug', 'p.title', sql<string | null>`max(substr(e.published_on, 1, 4))`.as('newest')])
      .where('p.deleted_at', 'is', null)
      .where('e.kind', '=', 'news')
      .where('e.published_on', 'is not', null)
      .groupBy(['p.id', 'p.slug', 'p.title'])
      .execute(),
  ]);
  const newest = new Map<string, { title: string; year: number }>();
  for (const row of [...studies, ...news]) {
    const year = row.newest === null ? NaN : Number(row.newest);
    if (!Number.isFinite(year)) continue;
    const seen = newest.get(row.slug);
    if (!seen || year > seen.year) newest.set(row.slug, { title: row.title, year });
  }
  const thisYear = today.getUTCFullYear();
  return [...newest.entries()]
    .map(([slug, { title, year }]) => ({ slug, title, newestYear: year, ageYears: thisYear - year }))
    .filter((p) => p.ageYears > years)
    .sort((a, b) => a.newestYear - b.newestYear || a.title.localeCompare(b.title));
}
