import type { AuthzRequests } from '../../accounts/test-support/authz-requests.js';
import { newsDraft, seedNews } from './seed.js';

/** The form fields of a valid draft (topics and all), as the editor sends them. */
function formOf(draft: ReturnType<typeof newsDraft>): Record<string, string> {
  return {
    slug: draft.slug,
    headline: draft.headline,
    summary: draft.summary,
    body: draft.body ?? '',
    outlet: draft.outlet,
    sourceDate: draft.sourceDate ?? '',
    topics: 'causes-proteins',
  };
}

/** Requests for src/news/authz.ts. */
export const newsRequests: AuthzRequests = {
  'GET /edit/news': async () => ({ path: '/edit/news' }),
  'GET /edit/news/new': async () => ({ path: '/edit/news/new' }),
  'POST /edit/news/new': async () => ({ path: '/edit/news/new', body: formOf(newsDraft()) }),
  'GET /edit/news/:id': async (ctx) => ({ path: `/edit/news/${await seedNews(ctx.db, 'draft')}` }),
  // A published item: the edit is a correction and carries its note.
  'POST /edit/news/:id': async (ctx) => ({ path: `/edit/news/${await seedNews(ctx.db, 'published')}`, body: { ...formOf(newsDraft()), correction: 'The date of the report was wrong.' } }),
  'POST /edit/news/:id/submit': async (ctx) => ({ path: `/edit/news/${await seedNews(ctx.db, 'draft')}/submit`, body: {} }),
  'POST /edit/news/:id/sign-off': async (ctx) => ({ path: `/edit/news/${await seedNews(ctx.db, 'review')}/sign-off`, body: {} }),
  'POST /edit/news/:id/publish': async (ctx) => ({ path: `/edit/news/${await seedNews(ctx.db, 'review', {}, { signedOff: true })}/publish`, body: {} }),
};
