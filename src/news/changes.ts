/** News for e-mail digests (src/mail/following): items published or corrected in a window, with the topics they name. */
import type { Db } from '../db/database.js';
import type { Change, ChangeSource } from '../mail/following/changes.js';

export const newsChanges: ChangeSource = {
  name: 'news',
  async changesBetween(db: Db, from: string, to: string): Promise<Change[]> {
    const items = await db
      .selectFrom('news_items')
      .select(['id', 'slug', 'headline', 'summary', 'updated_at'])
      .where('state', '=', 'published')
      .where('updated_at', '>', from)
      .where('updated_at', '<=', to)
      .orderBy('updated_at')
      .orderBy('id')
      .execute();
    if (items.length === 0) return [];
    const topics = await db.selectFrom('news_topics').select(['news_id', 'page_id']).where('news_id', 'in', items.map((i) => i.id)).execute();
    return items.map((item) => ({
      // A correction is a change of its own: the key includes when it was made.
      id: `news:${item.id}:${item.updated_at}`,
      kind: 'news' as const,
      at: item.updated_at,
      pageIds: topics.filter((t) => t.news_id === item.id).map((t) => t.page_id),
      title: item.headline,
      path: `/news/${item.slug}`,
      detail: item.summary,
    }));
  },
};
