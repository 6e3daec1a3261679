import type { AuthzRequests, MatrixContext } from '../../accounts/test-support/authz-requests.js';
import { loadSettings } from '../../site/settings.js';
import { formFromSettings } from '../settings-form.js';
import { actorFor, addRevision, editorFields, pageInState, sampleDocument, uniqueSlug } from './fixtures.js';

/** A writer and a reviewer other than the caller, so the caller never approves their own work. */
async function people(ctx: MatrixContext) {
  const author = await ctx.createUser('editor');
  const reviewer = await ctx.createUser('reviewer');
  return { author: actorFor({ ...author, role: 'editor' }), reviewer: actorFor({ ...reviewer, role: 'reviewer' }) };
}

/** Requests for src/editing/authz.ts. */
export const editingRequests: AuthzRequests = {
  'GET /dashboard': async () => ({ path: '/dashboard' }),
  'GET /edit': async () => ({ path: '/edit' }),
  'POST /edit': async () => {
        const doc = sampleDocument(uniqueSlug('matrix-new'));
        return { path: '/edit', body: { intent: 'save', title: doc.title, slug: doc.slug, body: 'A new page.', authors: 'example-editor', reviewIntervalMonths: '24', baseRevisionId: '0' } };
      },
  'GET /edit/:slug': async (ctx) => ({ path: `/edit/${(await pageInState(ctx.db, 'draft', await people(ctx))).slug}` }),
  'POST /edit/:slug': async (ctx) => {
        const { slug, revision } = await pageInState(ctx.db, 'draft', await people(ctx));
        return { path: `/edit/${slug}`, body: editorFields(revision, { editSummary: 'matrix' }) };
      },
  'POST /edit/:slug/submit': async (ctx) => {
        const { slug, revision } = await pageInState(ctx.db, 'draft', await people(ctx));
        return { path: `/edit/${slug}/submit`, body: { revisionId: String(revision.id) } };
      },
  'POST /edit/:slug/approve': async (ctx) => {
        const { slug, revision } = await pageInState(ctx.db, 'in_review', await people(ctx));
        return { path: `/edit/${slug}/approve`, body: { revisionId: String(revision.id) } };
      },
  'GET /edit/:slug/review': async (ctx) => ({ path: `/edit/${(await pageInState(ctx.db, 'in_review', await people(ctx))).slug}/review` }),
  'POST /edit/:slug/send-back': async (ctx) => {
        const { slug, revision } = await pageInState(ctx.db, 'in_review', await people(ctx));
        return { path: `/edit/${slug}/send-back`, body: { revisionId: String(revision.id), comment: 'Please cite the trial for the second claim.' } };
      },
  'POST /edit/:slug/publish': async (ctx) => {
        const { slug, revision } = await pageInState(ctx.db, 'approved', await people(ctx));
        return { path: `/edit/${slug}/publish`, body: { revisionId: String(revision.id) } };
      },
  'POST /edit/:slug/restore': async (ctx) => {
        const who = await people(ctx);
        const { slug, revision } = await pageInState(ctx.db, 'draft', who);
        await addRevision(ctx.db, slug, who.author, 'A second version.');
        return { path: `/edit/${slug}/restore`, body: { revisionId: String(revision.id) } };
      },
  'POST /edit/:slug/delete': async (ctx) => ({ path: `/edit/${(await pageInState(ctx.db, 'published', await people(ctx))).slug}/delete`, body: { confirm: 'yes' } }),
  'POST /edit/:slug/undelete': async (ctx) => ({ path: `/edit/${(await pageInState(ctx.db, 'deleted', await people(ctx))).slug}/undelete`, body: {} }),
  'GET /edit/:slug/history': async (ctx) => ({ path: `/edit/${(await pageInState(ctx.db, 'draft', await people(ctx))).slug}/history` }),
  'GET /edit/:slug/revisions/:number': async (ctx) => {
        const { slug, revision } = await pageInState(ctx.db, 'draft', await people(ctx));
        return { path: `/edit/${slug}/revisions/${revision.number}` };
      },
  'GET /edit/:slug/diff': async (ctx) => {
        const who = await people(ctx);
        const { slug, revision } = await pageInState(ctx.db, 'draft', who);
        const second = await addRevision(ctx.db, slug, who.author, 'Changed words.');
        return { path: `/edit/${slug}/diff?from=${revision.number}&to=${second.number}` };
      },
  'GET /account/byline': async () => ({ path: '/account/byline' }),
  'POST /account/byline': async () => ({ path: '/account/byline', body: { name: 'Matrix Person', role: 'Volunteer editor', disclosure: '' } }),
  'GET /admin/settings': async () => ({ path: '/admin/settings' }),
  'POST /admin/settings': async (ctx) => ({ path: '/admin/settings', body: { ...formFromSettings(await loadSettings(ctx.db)) } }),
  'GET /declaration': async () => ({ path: '/declaration' }),
  'POST /declaration': async () => ({ path: '/declaration', body: { qualifications: 'Test qualification', affiliation: '', interests: '', noConflicts: 'yes', funding: '' } }),
};
