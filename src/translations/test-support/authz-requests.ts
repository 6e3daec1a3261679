import type { AuthzRequests, MatrixContext } from '../../accounts/test-support/authz-requests.js';
import { createTranslationWorkflow } from '../workflow.js';

/** A demo page with one section, translated into French for the requests (placeholder words). */
const SLUG = 'causes-stress';

async function pageId(ctx: MatrixContext): Promise<number> {
  return (await ctx.db.selectFrom('pages').select('id').where('slug', '=', SLUG).executeTakeFirstOrThrow()).id;
}

async function head(ctx: MatrixContext): Promise<number> {
  const row = await ctx.db.selectFrom('translation_revisions').select('id').where('page_id', '=', await pageId(ctx)).where('lang', '=', 'fr').orderBy('number', 'desc').executeTakeFirst();
  return row?.id ?? 0;
}

/** Requests for src/translations/authz.ts. */
export const translationRequests: AuthzRequests = {
  'GET /translate': async () => ({ path: '/translate' }),
  'POST /translate/languages': async () => ({ path: '/translate/languages', body: { 'translates-fr': 'yes', 'credentials-fr': 'Matrix test' } }),
  'GET /translate/:lang/:slug': async () => ({ path: `/translate/fr/${SLUG}` }),
  'GET /translate/:lang/:slug/changes/:number': async (ctx) => {
    await waitingForReview(ctx);
    const { number } = await ctx.db.selectFrom('translation_revisions').select('number').where('page_id', '=', await pageId(ctx)).where('lang', '=', 'fr').orderBy('number', 'desc').executeTakeFirstOrThrow();
    return { path: `/translate/fr/${SLUG}/changes/${number}` };
  },
  'POST /translate/:lang/:slug': async (ctx) => ({
    path: `/translate/fr/${SLUG}`,
    body: { intent: 'save', baseRevisionId: String(await head(ctx)), title: 'Essai', 'entry-introduction-0': 'Texte d’essai.', translators: 'Matrice' },
  }),
  // Someone else's translation waits for review; the caller reviews French (the role decides the rest).
  'POST /translate/:lang/:slug/approve': async (ctx) => ({ path: `/translate/fr/${SLUG}/approve`, body: { revisionId: String(await waitingForReview(ctx)) } }),
  'POST /translate/:lang/:slug/send-back': async (ctx) => ({
    path: `/translate/fr/${SLUG}/send-back`,
    body: { revisionId: String(await waitingForReview(ctx)), comment: 'Matrix test: say it more plainly.' },
  }),
};

/** A French translation by someone else, sent for review; the caller (if any) reviews French. Its revision id. */
async function waitingForReview(ctx: MatrixContext): Promise<number> {
  const author = await ctx.createUser('editor');
  const workflow = createTranslationWorkflow(ctx.db);
  const saved = await workflow.save({
    pageId: await pageId(ctx),
    doc: { lang: 'fr', title: 'Essai', translators: [{ name: 'Matrice', credentials: '' }], sections: [{ sourceAnchor: 'introduction', heading: null, entries: ['Texte d’essai.'] }] },
    userId: author.id,
    summary: '',
    baseRevisionId: await head(ctx),
    submit: true,
  });
  if (saved.kind !== 'saved') throw new Error(`could not prepare a translation for review: ${saved.kind}`);
  if (ctx.actor) await workflow.setLanguages(ctx.actor.id, [{ lang: 'fr', credentials: '', reviews: true }], true);
  return saved.revision.id;
}
