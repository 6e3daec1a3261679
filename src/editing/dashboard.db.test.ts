import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importContent } from '../content/import.js';
import { createDirectoryQueries } from '../directory/queries.js';
import { createDirectoryStore } from '../directory/store.js';
import { packageRoot } from '../web/package-root.js';
import { type TestDatabase, createTestDatabase, skipWithoutDatabase } from '../../test/support/database.js';
import { seedUser } from '../accounts/test-support/session-client.js';
import { loadDashboard } from './dashboard.js';
import { actorFor, pageInState } from './test-support/fixtures.js';

const skip = await skipWithoutDatabase();

describe.skipIf(skip)('the dashboard', () => {
  let database: TestDatabase;
  const today = '2025-06-15';

  beforeAll(async () => {
    database = await createTestDatabase();
    await importContent(database.handle.db, createDirectoryStore(database.handle.db), join(packageRoot(), 'content'));
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('lists what needs doing: drafts, reviews waiting and due, pages never reviewed, wanted pages', async () => {
    const db = database.handle.db;
    const setReview = (slug: string, reviewed: string, next: string) =>
      db.updateTable('pages').set({ reviewed_on: reviewed, next_review_on: next }).where('slug', '=', slug).execute();
    await setReview('causes-genetics', '2023-06-01', '2025-06-01'); // overdue
    await setReview('causes-stress', '2023-07-10', '2025-07-10'); // due in 25 days
    await setReview('causes-radiation', '2023-08-01', '2025-08-01'); // 47 days away: not yet

    const me = await seedUser(db, 'editor', { name: 'Mia Me' });
    const other = await seedUser(db, 'editor', { name: 'Olu Other' });
    const reviewer = await seedUser(db, 'reviewer', { name: 'Dr Rae' });
    const mine = await pageInState(db, 'draft', { author: actorFor({ ...me, role: 'editor' }), reviewer: actorFor({ ...reviewer, role: 'reviewer' }) });
    const theirs = await pageInState(db, 'draft', { author: actorFor({ ...other, role: 'editor' }), reviewer: actorFor({ ...reviewer, role: 'reviewer' }) });
    const waiting = await pageInState(db, 'in_review', { author: actorFor({ ...other, role: 'editor' }), reviewer: actorFor({ ...reviewer, role: 'reviewer' }) });

    const data = await loadDashboard(db, createDirectoryQueries(db), { id: me.id, email: me.email, name: me.name, role: 'editor', authorKey: null }, today);
    expect(data.myDrafts.map((r) => r.slug)).toEqual([mine.slug]);
    expect(data.myDrafts.map((r) => r.slug)).not.toContain(theirs.slug);
    expect(data.awaitingReview.map((r) => r.slug)).toEqual([waiting.slug]);
    expect(data.reviewDue).toEqual([
      { slug: 'causes-genetics', title: 'Causes: Genetics', nextReviewOn: '2025-06-01', overdue: true, openReports: 0 },
      { slug: 'causes-stress', title: 'Causes: Stress', nextReviewOn: '2025-07-10', overdue: false, openReports: 0 },
    ]);
    const never = data.neverReviewed.map((p) => p.slug);
    expect(never).toContain('causes-silica');
    expect(never).not.toContain('causes-genetics');
    expect(data.wanted.length).toBeGreaterThan(0);
    // Most-linked first.
    expect(data.wanted.map((w) => w.linkCount)).toEqual([...data.wanted.map((w) => w.linkCount)].sort((a, b) => b - a));
    expect(data.recent.map((r) => r.slug)).toEqual(expect.arrayContaining([mine.slug, theirs.slug, waiting.slug]));
    expect(data.editSlug.get(mine.revision.pageKey)).toBe(mine.slug);
  });
});
