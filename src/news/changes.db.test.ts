import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { skipWithoutDatabase } from '../../test/support/database.js';
import { newsChanges } from './changes.js';
import { seedNews } from './test-support/seed.js';

describe.skipIf(await skipWithoutDatabase())('news in e-mail digests', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  test('an item published in the window is a change naming its topics; drafts and items outside the window are not', async () => {
    const db = t.atoz.database.db;
    const from = new Date(Date.now() - 1000).toISOString();
    const published = await seedNews(db, 'published', { topicSlugs: ['causes-genetics'] });
    await seedNews(db, 'draft', { topicSlugs: ['causes-genetics'] });
    const to = new Date(Date.now() + 1000).toISOString();
    const genetics = await db.selectFrom('pages').select('id').where('slug', '=', 'causes-genetics').executeTakeFirstOrThrow();
    const item = await db.selectFrom('news_items').select(['slug', 'headline']).where('id', '=', published).executeTakeFirstOrThrow();

    const changes = await newsChanges.changesBetween(db, from, to);
    expect(changes).toEqual([expect.objectContaining({ kind: 'news', title: item.headline, path: `/news/${item.slug}`, pageIds: [genetics.id] })]);
    expect(await newsChanges.changesBetween(db, to, new Date(Date.now() + 60_000).toISOString())).toEqual([]);
  });

  test('the news domain offers it to the mail domain', () => {
    const news = t.atoz.domains.find((d) => d.name === 'news')!;
    expect(news.changeSources).toContain(newsChanges);
  });
});
