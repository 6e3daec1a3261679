import type { AuthzRequests, MatrixContext } from '../../accounts/test-support/authz-requests.js';
import { createGlossaryStore } from '../store.js';

let seq = 0;
const fresh = () => `${process.pid.toString(36)}${Date.now().toString(36)}${++seq}`;

/** A term written by someone else, waiting for review: `slug` and the revision to approve. */
async function waitingTerm(ctx: MatrixContext): Promise<{ slug: string; revisionId: number }> {
  const author = await ctx.createUser('editor');
  return createGlossaryStore(ctx.db, () => new Date()).create({ term: `matrix term ${fresh()}`, synonyms: [], definition: 'A word used only by the authorization matrix.' }, author.id);
}

/** Requests for src/glossary/authz.ts. */
export const glossaryRequests: AuthzRequests = {
  'GET /edit/glossary': async () => ({ path: '/edit/glossary' }),
  'GET /edit/glossary/new': async () => ({ path: '/edit/glossary/new' }),
  'POST /edit/glossary/new': async () => ({ path: '/edit/glossary/new', body: { term: `new term ${fresh()}`, synonyms: '', definition: 'A definition written by the matrix.' } }),
  'GET /edit/glossary/:slug': async () => ({ path: '/edit/glossary/fibroblast' }),
  'POST /edit/glossary/:slug': async () => ({ path: '/edit/glossary/collagen', body: { term: 'collagen', synonyms: '', definition: 'The main structural protein of the body.' } }),
  'GET /edit/glossary/:slug/translate/:lang': async () => ({ path: '/edit/glossary/fibroblast/translate/es' }),
  'POST /edit/glossary/:slug/translate/:lang': async () => ({ path: '/edit/glossary/collagen/translate/fr', body: { term: 'collagène', synonyms: '', definition: 'La principale protéine de structure du corps.' } }),
  'POST /edit/glossary/:slug/translate/:lang/approve': async (ctx) => {
    const { slug } = await waitingTerm(ctx);
    const store = createGlossaryStore(ctx.db, () => new Date());
    const reviewer = await ctx.createUser('reviewer');
    const revisions = await store.revisions(slug);
    await store.approve(revisions[0]!.id, reviewer.id);
    const author = await ctx.createUser('translator');
    const revisionId = await store.translate(slug, 'es', { term: `término ${fresh()}`, synonyms: [], definition: 'Una palabra que solo usa la matriz de autorización.' }, author.id);
    return { path: `/edit/glossary/${slug}/translate/es/approve`, body: { revision: String(revisionId) } };
  },
  'POST /edit/glossary/:slug/approve': async (ctx) => {
    const { slug, revisionId } = await waitingTerm(ctx);
    return { path: `/edit/glossary/${slug}/approve`, body: { revision: String(revisionId) } };
  },
};
