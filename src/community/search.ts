/**
 * Forum posts in site search: a post is in the index while readers can see it
 * (published, in a published topic), with its topic's title when it opens the
 * topic. Every write that changes a post's text or state calls `sync` with
 * its id in the same transaction. Searching checks each match again against
 * the category's visibility for the person asking: members-only categories
 * are found only by people who are signed in, never by the public search.
 */
import type { Db, Tx } from '../db/database.js';
import { type Lang, isLang } from '../i18n/languages.js';
import { plainText } from '../editing/readability.js';
import { RECORD_MATCH_LIMIT, createRecordIndex } from '../search/records.js';
import { type Segment, snippet } from '../search/snippet.js';

export const FORUM_POST_SOURCE = 'forum-post';
export const SEARCH_RESULTS_PER_PAGE = 20;

export interface ForumSearchHit {
  postId: number;
  topicId: number;
  topicTitle: string;
  categoryName: string;
  categorySlug: string;
  body: string;
  createdAt: string;
  isOpening: boolean;
  /** The category's language, when it has one. */
  lang: Lang | null;
  /** The words around the match, matched words marked. */
  snippet: Segment[];
  /** How many posts come before it on the topic's pages (which page to link to). */
  postsBefore: number;
}

export interface ForumSearchResults {
  hits: ForumSearchHit[];
  total: number;
  /** More matched than are ranked (RECORD_MATCH_LIMIT): `total` is "at least". */
  capped: boolean;
  page: number;
  pageCount: number;
}

export function createForumSearch(db: Db) {
  const records = createRecordIndex(db);
  const langOf = (lang: string | null): Lang => (isLang(lang) ? lang : 'en');

  /** Puts each post in the index as it now is, or takes it out (hidden, held, rejected, deleted). */
  async function sync(tx: Tx, postIds: readonly number[]): Promise<void> {
    if (!postIds.length) return;
    const rows = await tx
      .selectFrom('forum_posts')
      .innerJoin('forum_topics', 'forum_topics.id', 'forum_posts.topic_id')
      .innerJoin('forum_categories', 'forum_categories.id', 'forum_topics.category_id')
      .select(['forum_posts.id', 'forum_posts.body', 'forum_posts.status', 'forum_posts.is_opening', 'forum_topics.title', 'forum_topics.status as topic_status', 'forum_categories.lang'])
      .where('forum_posts.id', 'in', postIds)
      .execute();
    const shown = rows.filter((r) => r.status === 'visible' && r.topic_status === 'visible');
    await records.remove(tx, FORUM_POST_SOURCE, postIds.filter((id) => !shown.some((r) => r.id === id)));
    for (const r of shown) await records.put(tx, FORUM_POST_SOURCE, r.id, { title: r.is_opening === 1 ? r.title : '', body: r.body, lang: langOf(r.lang) });
  }

  return {
    sync,

    /**
     * Indexes published posts the index lacks (posts written before search
     * covered the forums, or restored from a backup); run at start. Returns how many.
     */
    async catchUp(): Promise<number> {
      let added = 0;
      for (;;) {
        const missing = await db
          .selectFrom('forum_posts')
          .innerJoin('forum_topics', 'forum_topics.id', 'forum_posts.topic_id')
          .leftJoin('search_records', (j) => j.onRef('search_records.ref_id', '=', 'forum_posts.id').on('search_records.source', '=', FORUM_POST_SOURCE))
          .select('forum_posts.id')
          .where('forum_posts.status', '=', 'visible')
          .where('forum_topics.status', '=', 'visible')
          .where('search_records.id', 'is', null)
          .limit(500)
          .execute();
        if (!missing.length) return added;
        await db.transaction().execute((tx) => sync(tx, missing.map((r) => r.id)));
        added += missing.length;
      }
    },

    /**
     * Published posts holding every word of `text`, best first; in one category when `categoryId` is given.
     * `signedIn`: members-only categories count too.
     */
    async search(request: { text: string; lang: Lang; signedIn: boolean; categoryId?: number | undefined; page: number; perPage?: number }): Promise<ForumSearchResults> {
      const perPage = request.perPage ?? SEARCH_RESULTS_PER_PAGE;
      const matches = await records.match(FORUM_POST_SOURCE, request.text, request.lang);
      const order = new Map(matches.map((m, i) => [m.refId, i]));
      const allowed: ForumSearchHit[] = [];
      // In slices, so a large match list never makes one huge IN list.
      for (let start = 0; start < matches.length; start += 500) {
        const ids = matches.slice(start, start + 500).map((m) => m.refId);
        let q = db
          .selectFrom('forum_posts')
          .innerJoin('forum_topics', 'forum_topics.id', 'forum_posts.topic_id')
          .innerJoin('forum_categories', 'forum_categories.id', 'forum_topics.category_id')
          .select(['forum_posts.id', 'forum_posts.topic_id', 'forum_posts.body', 'forum_posts.created_at', 'forum_posts.is_opening', 'forum_topics.title', 'forum_categories.name', 'forum_categories.slug', 'forum_categories.lang'])
          .where('forum_posts.id', 'in', ids)
          .where('forum_posts.status', '=', 'visible')
          .where('forum_topics.status', '=', 'visible');
        if (!request.signedIn) q = q.where('forum_categories.visibility', '=', 'public');
        if (request.categoryId !== undefined) q = q.where('forum_categories.id', '=', request.categoryId);
        for (const r of await q.execute()) {
          allowed.push({ postId: r.id, topicId: r.topic_id, topicTitle: r.title, categoryName: r.name, categorySlug: r.slug, body: r.body, createdAt: r.created_at, isOpening: r.is_opening === 1, lang: isLang(r.lang) ? r.lang : null, snippet: [], postsBefore: 0 });
        }
      }
      allowed.sort((a, b) => order.get(a.postId)! - order.get(b.postId)!);
      const pageCount = Math.max(1, Math.ceil(allowed.length / perPage));
      const page = Math.min(Math.max(1, request.page), pageCount);
      const hits = allowed.slice((page - 1) * perPage, page * perPage);
      const marked = records.termsOf(request.text, request.lang);
      // One query for the page: how many posts come before each hit as its topic page lists them (published posts and the places of hidden ones).
      const before = hits.length
        ? await db
            .selectFrom('forum_posts as hit')
            .select((eb) => [
              'hit.id',
              eb
                .selectFrom('forum_posts as p')
                .select((e) => e.fn.countAll<number>().as('n'))
                .whereRef('p.topic_id', '=', 'hit.topic_id')
                .whereRef('p.id', '<', 'hit.id')
                .where('p.status', 'in', ['visible', 'removed'])
                .as('before'),
            ])
            .where('hit.id', 'in', hits.map((h) => h.postId))
            .execute()
        : [];
      const beforeById = new Map(before.map((r) => [r.id, Number(r.before ?? 0)]));
      for (const hit of hits) {
        hit.snippet = snippet(plainText(hit.body), marked, hit.lang ?? request.lang).segments;
        hit.postsBefore = beforeById.get(hit.postId) ?? 0;
      }
      return { hits, total: allowed.length, capped: matches.length >= RECORD_MATCH_LIMIT, page, pageCount };
    },
  };
}

export type ForumSearch = ReturnType<typeof createForumSearch>;
