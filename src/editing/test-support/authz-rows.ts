import type { AuthzRoute, MatrixContext, Who } from '../../accounts/authz-matrix.js';
import { loadSettings } from '../../site/settings.js';
import { formFromSettings } from '../settings-form.js';
import { actorFor, addRevision, editorFields, pageInState, sampleDocument, uniqueSlug } from './fixtures.js';

// Role lists spelled out here (not imported) so this module and the matrix can load in either order.
const SIGNED_IN: readonly Who[] = ['admin', 'editor', 'reviewer'];
const ADMIN: readonly Who[] = ['admin'];
const EDITORS: readonly Who[] = ['admin', 'editor']; // page.delete
const REVIEWERS: readonly Who[] = ['admin', 'reviewer']; // page.review

/** A writer and a reviewer other than the caller, so the caller never approves their own work. */
async function people(ctx: MatrixContext) {
  const author = await ctx.createUser('editor');
  const reviewer = await ctx.createUser('reviewer');
  return { author: actorFor({ ...author, role: 'editor' }), reviewer: actorFor({ ...reviewer, role: 'reviewer' }) };
}

/** Every editing route for the authorization matrix (src/accounts/authz-matrix.ts). */
export function editingRows(): AuthzRoute[] {
  return [
    { method: 'GET', route: '/dashboard', allowed: SIGNED_IN, success: 200, prepare: async () => ({ path: '/dashboard' }) },
    { method: 'GET', route: '/edit', allowed: SIGNED_IN, success: 200, prepare: async () => ({ path: '/edit' }) },
    {
      method: 'POST',
      route: '/edit',
      allowed: SIGNED_IN,
      success: 303,
      prepare: async () => {
        const doc = sampleDocument(uniqueSlug('matrix-new'));
        return { path: '/edit', body: { intent: 'save', title: doc.title, slug: doc.slug, body: 'A new page.', authors: 'example-editor', reviewIntervalMonths: '24', baseRevisionId: '0' } };
      },
    },
    { method: 'GET', route: '/edit/:slug', allowed: SIGNED_IN, success: 200, prepare: async (ctx) => ({ path: `/edit/${(await pageInState(ctx.db, 'draft', await people(ctx))).slug}` }) },
    {
      method: 'POST',
      route: '/edit/:slug',
      allowed: SIGNED_IN,
      success: 303,
      prepare: async (ctx) => {
        const { slug, revision } = await pageInState(ctx.db, 'draft', await people(ctx));
        return { path: `/edit/${slug}`, body: editorFields(revision, { editSummary: 'matrix' }) };
      },
    },
    {
      method: 'POST',
      route: '/edit/:slug/submit',
      allowed: SIGNED_IN,
      success: 303,
      prepare: async (ctx) => {
        const { slug, revision } = await pageInState(ctx.db, 'draft', await people(ctx));
        return { path: `/edit/${slug}/submit`, body: { revisionId: String(revision.id) } };
      },
    },
    {
      method: 'POST',
      route: '/edit/:slug/approve',
      allowed: REVIEWERS,
      success: 303,
      prepare: async (ctx) => {
        const { slug, revision } = await pageInState(ctx.db, 'in_review', await people(ctx));
        return { path: `/edit/${slug}/approve`, body: { revisionId: String(revision.id) } };
      },
    },
    {
      method: 'POST',
      route: '/edit/:slug/publish',
      allowed: SIGNED_IN,
      success: 303,
      prepare: async (ctx) => {
        const { slug, revision } = await pageInState(ctx.db, 'approved', await people(ctx));
        return { path: `/edit/${slug}/publish`, body: { revisionId: String(revision.id) } };
      },
    },
    {
      method: 'POST',
      route: '/edit/:slug/restore',
      allowed: SIGNED_IN,
      success: 303,
      prepare: async (ctx) => {
        const who = await people(ctx);
        const { slug, revision } = await pageInState(ctx.db, 'draft', who);
        await addRevision(ctx.db, slug, who.author, 'A second version.');
        return { path: `/edit/${slug}/restore`, body: { revisionId: String(revision.id) } };
      },
    },
    {
      method: 'POST',
      route: '/edit/:slug/delete',
      allowed: EDITORS,
      success: 303,
      prepare: async (ctx) => ({ path: `/edit/${(await pageInState(ctx.db, 'published', await people(ctx))).slug}/delete`, body: { confirm: 'yes' } }),
    },
    {
      method: 'POST',
      route: '/edit/:slug/undelete',
      allowed: EDITORS,
      success: 303,
      prepare: async (ctx) => ({ path: `/edit/${(await pageInState(ctx.db, 'deleted', await people(ctx))).slug}/undelete`, body: {} }),
    },
    {
      method: 'GET',
      route: '/edit/:slug/history',
      allowed: SIGNED_IN,
      success: 200,
      prepare: async (ctx) => ({ path: `/edit/${(await pageInState(ctx.db, 'draft', await people(ctx))).slug}/history` }),
    },
    {
      method: 'GET',
      route: '/edit/:slug/revisions/:id',
      allowed: SIGNED_IN,
      success: 200,
      prepare: async (ctx) => {
        const { slug, revision } = await pageInState(ctx.db, 'draft', await people(ctx));
        return { path: `/edit/${slug}/revisions/${revision.id}` };
      },
    },
    {
      method: 'GET',
      route: '/edit/:slug/diff',
      allowed: SIGNED_IN,
      success: 200,
      prepare: async (ctx) => {
        const who = await people(ctx);
        const { slug, revision } = await pageInState(ctx.db, 'draft', who);
        const second = await addRevision(ctx.db, slug, who.author, 'Changed words.');
        return { path: `/edit/${slug}/diff?from=${revision.id}&to=${second.id}` };
      },
    },
    { method: 'GET', route: '/admin/settings', allowed: ADMIN, success: 200, prepare: async () => ({ path: '/admin/settings' }) },
    {
      method: 'POST',
      route: '/admin/settings',
      allowed: ADMIN,
      success: 303,
      prepare: async (ctx) => ({ path: '/admin/settings', body: { ...formFromSettings(await loadSettings(ctx.db)) } }),
    },
  ];
}
