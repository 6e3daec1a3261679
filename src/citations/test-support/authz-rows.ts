import type { AuthzRoute, Who } from '../../accounts/authz-matrix.js';
import { seedFlaggedCitation, seedInboxItem, somePage } from './seed.js';

// Role lists spelled out here (not imported) so this module and the matrix can load in either order.
const SIGNED_IN: readonly Who[] = ['admin', 'editor', 'reviewer']; // citation.import
const EDITORS: readonly Who[] = ['admin', 'editor']; // citation.resolve, inbox.manage

/** A PMID the recorded fixtures answer (test apps reach PubMed through fixtureFetch, never the network). */
const KNOWN_PMID = '27933103';

/** Every citation and inbox route for the authorization matrix (src/accounts/authz-matrix.ts). */
export function citationRows(): AuthzRoute[] {
  return [
    { method: 'GET', route: '/edit/citations', allowed: SIGNED_IN, success: 200, prepare: async () => ({ path: '/edit/citations' }) },
    { method: 'GET', route: '/edit/citations/import', allowed: SIGNED_IN, success: 200, prepare: async () => ({ path: '/edit/citations/import' }) },
    { method: 'POST', route: '/edit/citations/import', allowed: SIGNED_IN, success: 200, prepare: async () => ({ path: '/edit/citations/import', body: { identifier: KNOWN_PMID } }) },
    {
      method: 'POST',
      route: '/edit/citations/import/confirm',
      allowed: SIGNED_IN,
      success: 303,
      prepare: async () => ({ path: '/edit/citations/import/confirm', body: { identifier: KNOWN_PMID } }),
    },
    { method: 'GET', route: '/edit/citations/:id', allowed: SIGNED_IN, success: 200, prepare: async (ctx) => ({ path: `/edit/citations/${await seedFlaggedCitation(ctx.db)}` }) },
    {
      method: 'POST',
      route: '/edit/citations/:id/resolve',
      allowed: EDITORS,
      success: 303,
      prepare: async (ctx) => ({ path: `/edit/citations/${await seedFlaggedCitation(ctx.db)}/resolve`, body: { note: 'Digest rewritten to say the study was retracted.' } }),
    },
    { method: 'GET', route: '/edit/inbox', allowed: EDITORS, success: 200, prepare: async () => ({ path: '/edit/inbox' }) },
    {
      method: 'GET',
      route: '/edit/inbox/query',
      allowed: EDITORS,
      success: 303,
      prepare: async (ctx) => ({ path: `/edit/inbox/query?page=${(await somePage(ctx.db)).slug}` }),
    },
    {
      method: 'POST',
      route: '/edit/inbox/:id/draft',
      allowed: EDITORS,
      success: 303,
      prepare: async (ctx) => ({ path: `/edit/inbox/${await seedInboxItem(ctx.db, (await somePage(ctx.db)).id)}/draft`, body: {} }),
    },
    {
      method: 'POST',
      route: '/edit/inbox/:id/dismiss',
      allowed: EDITORS,
      success: 303,
      prepare: async (ctx) => ({ path: `/edit/inbox/${await seedInboxItem(ctx.db, (await somePage(ctx.db)).id)}/dismiss`, body: {} }),
    },
    {
      method: 'GET',
      route: '/edit/:slug/research-query',
      allowed: EDITORS,
      success: 200,
      prepare: async (ctx) => ({ path: `/edit/${(await somePage(ctx.db)).slug}/research-query` }),
    },
    {
      method: 'POST',
      route: '/edit/:slug/research-query',
      allowed: EDITORS,
      success: 303,
      prepare: async (ctx) => ({ path: `/edit/${(await somePage(ctx.db)).slug}/research-query`, body: { term: `scleroderma AND example ${Date.now()}` } }),
    },
  ];
}
