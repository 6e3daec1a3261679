/** The read side of news: lists (by topic subtree and year), one item, what feeds and topic pages show. */
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { NewsState } from '../db/schema.js';
import type { DirectoryTree } from '../directory/tree.js';

export interface NewsTopic {
  slug: string;
  title: string;
}

export interface NewsCorrection {
  /** ISO instant. */
  at: string;
  note: string;
}

export interface NewsItemView {
  id: number;
  slug: string;
  state: NewsState;
  headline: string;
  summary: string;
  body: string;
  source: { outlet: string; headline: string | null; url: string | null; date: string | null };
  citation: { id: number; key: string; title: string; issuedYear: number | null; pubTypes: string[] } | null;
  author: { key: string; name: string; role: string } | null;
  study: { what: string; size: string; limits: string };
  signOff: { by: string; on: string } | null;
  publishedOn: string | null;
  /** Last change readers can see (ISO instant). */
  updatedAt: string;
  createdAt: string;
  topics: NewsTopic[];
  corrections: NewsCorrection[];
}

export interface NewsFilter {
  /** Only items naming one of these pages (a topic and its sub-pages). */
  pageIds?: readonly number[];
  year?: number;
}

export interface NewsPage {
  items: NewsItemView[];
  total: number;
  page: number;
  pageCount: number;
}

export type NewsQueries = ReturnType<typeof createNewsQueries>;

/** A topic and every page below it, by id: news of a topic includes its sub-pages'. */
export function subtreeIds(tree: DirectoryTree, slug: string): number[] | null {
  const root = tree.bySlug.get(slug);
  if (!root) return null;
  const ids: number[] = [];
  const walk = (n: typeof root) => {
    ids.push(n.id);
    for (const child of n.children) walk(child);
  };
  walk(root);
  return ids;
}

export function createNewsQueries(db: Db) {
  function published(filter: NewsFilter) {
    let q = db.selectFrom('news_items as n').where('n.state', '=', 'published');
    if (filter.pageIds) {
      const ids = filter.pageIds.length ? [...filter.pageIds] : [-1];
      q = q.where('n.id', 'in', db.selectFrom('news_topics').select('news_id').where('page_id', 'in', ids));
    }
    if (filter.year !== undefined) q = q.where('n.published_on', '>=', `${filter.year}-01-01`).where('n.published_on', '<', `${filter.year + 1}-01-01`);
    return q;
  }

  /** Full views of these items, in the order given. */
  async function views(ids: number[]): Promise<NewsItemView[]> {
    if (!ids.length) return [];
    const [rows, topics, corrections] = await Promise.all([
      db
        .selectFrom('news_items as n')
        .leftJoin('citations as c', 'c.id', 'n.citation_id')
        .leftJoin('authors as a', 'a.id', 'n.author_id')
        .selectAll('n')
        .select(['c.key as c_key', 'c.title as c_title', 'c.issued_year as c_year', 'c.pub_types as c_pub_types', 'a.key as a_key', 'a.name as a_name', 'a.role as a_role'])
        .where('n.id', 'in', ids)
        .execute(),
      db
        .selectFrom('news_topics as t')
        .innerJoin('pages as p', 'p.id', 't.page_id')
        .select(['t.news_id', 'p.slug', 'p.title'])
        .where('t.news_id', 'in', ids)
        .where('p.deleted_at', 'is', null)
        .orderBy('t.news_id')
        .orderBy('t.position')
        .execute(),
      db.selectFrom('news_corrections').select(['news_id', 'corrected_at', 'note']).where('news_id', 'in', ids).orderBy('news_id').orderBy('corrected_at').orderBy('id').execute(),
    ]);
    const byId = new Map(
      rows.map((r): [number, NewsItemView] => [
        r.id,
        {
          id: r.id,
          slug: r.slug,
          state: r.state,
          headline: r.headline,
          summary: r.summary,
          body: r.body,
          source: { outlet: r.source_outlet, headline: r.source_headline, url: r.source_url, date: r.source_date },
          citation: r.citation_id !== null && r.c_key !== null ? { id: r.citation_id, key: r.c_key, title: r.c_title ?? '', issuedYear: r.c_year === null ? null : Number(r.c_year), pubTypes: parseList(r.c_pub_types) } : null,
          author: r.a_key !== null ? { key: r.a_key, name: r.a_name ?? '', role: r.a_role ?? '' } : null,
          study: { what: r.study_what, size: r.study_size, limits: r.study_limits },
          signOff: r.signed_off_by && r.signed_off_on ? { by: r.signed_off_by, on: r.signed_off_on } : null,
          publishedOn: r.published_on,
          updatedAt: r.updated_at,
          createdAt: r.created_at,
          topics: [],
          corrections: [],
        },
      ]),
    );
    for (const t of topics) byId.get(t.news_id)?.topics.push({ slug: t.slug, title: t.title });
    for (const c of corrections) byId.get(c.news_id)?.corrections.push({ at: c.corrected_at, note: c.note });
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  return {
    /** Published items, newest first, one page of them. */
    async list(filter: NewsFilter, page: number, perPage = 10): Promise<NewsPage> {
      const count = await published(filter).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
      const total = Number(count.n);
      const pageCount = Math.max(1, Math.ceil(total / perPage));
      const current = Math.min(Math.max(1, page), pageCount);
      const rows = await published(filter)
        .select('n.id')
        .orderBy('n.published_on', 'desc')
        .orderBy(sql`coalesce(n.source_date, '')`, 'desc')
        .orderBy('n.id', 'desc')
        .limit(perPage)
        .offset((current - 1) * perPage)
        .execute();
      return { items: await views(rows.map((r) => r.id)), total, page: current, pageCount };
    },

    /** The newest published items (feeds, "Latest news on this topic"). */
    async latest(filter: NewsFilter, limit: number): Promise<NewsItemView[]> {
      return (await this.list(filter, 1, limit)).items;
    },

    /** Years that have published news (matching the topic filter), newest first. */
    async years(filter: Omit<NewsFilter, 'year'>): Promise<number[]> {
      const rows = await published(filter).select(sql<string>`substr(n.published_on, 1, 4)`.as('y')).distinct().execute();
      return rows.map((r) => Number(r.y)).filter((y) => Number.isInteger(y)).sort((a, b) => b - a);
    },

    /** The last change readers can see among these items (feeds' Last-Modified); null when there are none. */
    async lastUpdated(filter: NewsFilter): Promise<string | null> {
      const row = await published(filter).select(sql<string | null>`max(n.updated_at)`.as('at')).executeTakeFirst();
      return row?.at ?? null;
    },

    /** A published item by its address. */
    async published(slug: string): Promise<NewsItemView | null> {
      const row = await db.selectFrom('news_items').select('id').where('slug', '=', slug).where('state', '=', 'published').executeTakeFirst();
      return row ? ((await views([row.id]))[0] ?? null) : null;
    },

    /** Any item, for editors. */
    async byId(id: number): Promise<NewsItemView | null> {
      return (await views([id]))[0] ?? null;
    },

    /** Every item, newest change first, for the editors' list. */
    async all(limit = 200): Promise<NewsItemView[]> {
      const rows = await db.selectFrom('news_items').select('id').orderBy('changed_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
      return views(rows.map((r) => r.id));
    },

    /** Pages named by published items (the list's topic filter offers these and the pages above them). */
    async topicPageIds(): Promise<number[]> {
      const rows = await db
        .selectFrom('news_topics as t')
        .innerJoin('news_items as n', 'n.id', 't.news_id')
        .select('t.page_id')
        .distinct()
        .where('n.state', '=', 'published')
        .execute();
      return rows.map((r) => r.page_id);
    },

    /** Published addresses for the sitemap. */
    async dates(): Promise<Array<{ slug: string; updatedAt: string }>> {
      const rows = await db.selectFrom('news_items').select(['slug', 'updated_at']).where('state', '=', 'published').orderBy('slug').execute();
      return rows.map((r) => ({ slug: r.slug, updatedAt: r.updated_at }));
    },
  };
}

function parseList(text: string | null): string[] {
  if (!text) return [];
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
