import type { AuthzRequests } from '../../accounts/test-support/authz-requests.js';
import { seedFlaggedCitation, seedInboxItem, somePage } from './seed.js';

/** A PMID the recorded fixtures answer (test apps reach PubMed through fixtureFetch, never the network). */
const KNOWN_PMID = '27933103';

/** Requests for src/citations/authz.ts. */
export const citationRequests: AuthzRequests = {
  'GET /edit/citations': async () => ({ path: '/edit/citations' }),
  'GET /edit/citations/import': async () => ({ path: '/edit/citations/import' }),
  'POST /edit/citations/import': async () => ({ path: '/edit/citations/import', body: { identifier: KNOWN_PMID } }),
  'POST /edit/citations/import/confirm': async () => ({ path: '/edit/citations/import/confirm', body: { identifier: KNOWN_PMID } }),
  'POST /edit/citations/import/manual': async () => ({ path: '/edit/citations/import/manual', body: { mode: 'manual', type: 'report', title: 'A report typed by hand for the matrix', year: '2020' } }),
  'POST /edit/citations/import/manual/confirm': async () => ({ path: '/edit/citations/import/manual/confirm', body: { mode: 'manual', type: 'report', title: `A report typed by hand ${Date.now()}`, year: '2020' } }),
  'GET /edit/citations/:id': async (ctx) => ({ path: `/edit/citations/${await seedFlaggedCitation(ctx.db)}` }),
  'POST /edit/citations/:id/resolve': async (ctx) => ({ path: `/edit/citations/${await seedFlaggedCitation(ctx.db)}/resolve`, body: { note: 'Digest rewritten to say the study was retracted.' } }),
  'GET /edit/inbox': async () => ({ path: '/edit/inbox' }),
  'GET /edit/inbox/query': async (ctx) => ({ path: `/edit/inbox/query?page=${(await somePage(ctx.db)).slug}` }),
  'POST /edit/inbox/:id/draft': async (ctx) => ({ path: `/edit/inbox/${await seedInboxItem(ctx.db, (await somePage(ctx.db)).id)}/draft`, body: {} }),
  'POST /edit/inbox/:id/dismiss': async (ctx) => ({ path: `/edit/inbox/${await seedInboxItem(ctx.db, (await somePage(ctx.db)).id)}/dismiss`, body: {} }),
  'GET /edit/:slug/research-query': async (ctx) => ({ path: `/edit/${(await somePage(ctx.db)).slug}/research-query` }),
  'POST /edit/:slug/research-query': async (ctx) => ({ path: `/edit/${(await somePage(ctx.db)).slug}/research-query`, body: { term: `scleroderma AND example ${Date.now()}` } }),
};
