import type { AuthzRequests } from '../../accounts/test-support/authz-requests.js';
import type { Db } from '../../db/database.js';

const SLUG = 'causes-of-scleroderma';

async function openItem(db: Db): Promise<number> {
  const page = await db.selectFrom('pages').select('id').where('slug', '=', SLUG).executeTakeFirstOrThrow();
  const row = await db
    .insertInto('reader_feedback')
    .values({ page_id: page.id, kind: 'problem', helpful: null, problem: 'outdated', comment: 'The study list looks old.', lang: 'en', created_at: new Date().toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Requests for src/feedback/authz.ts. */
export const feedbackRequests: AuthzRequests = {
  'GET /feedback/:slug': async () => ({ path: `/feedback/${SLUG}?helpful=yes` }),
  'POST /feedback/:slug': async () => ({ path: `/feedback/${SLUG}`, body: { helpful: 'yes', comment: '', website: '' } }),
  'GET /feedback/:slug/problem': async () => ({ path: `/feedback/${SLUG}/problem` }),
  'POST /feedback/:slug/problem': async () => ({ path: `/feedback/${SLUG}/problem`, body: { problem: 'broken-link', comment: 'The second link in the list goes nowhere.', website: '' } }),
  'GET /edit/feedback': async () => ({ path: '/edit/feedback' }),
  'GET /edit/feedback/:slug': async () => ({ path: `/edit/feedback/${SLUG}` }),
  'POST /edit/feedback/items/:id/handled': async (ctx) => ({ path: `/edit/feedback/items/${await openItem(ctx.db)}/handled`, body: {} }),
};
