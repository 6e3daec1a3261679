import { type Context, Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../accounts/context.js';
import { requirePermission } from '../../accounts/middleware.js';
import { can } from '../../accounts/permissions.js';
import type { FieldError } from '../../accounts/views/form-parts.js';
import { documentAsText } from '../page-source.js';
import { presentPreview } from '../preview.js';
import type { Revision } from '../revision-store.js';
import { REVIEW_COMMENT_MAX, reviewComments } from '../review-comments.js';
import { type EditableLocation, WorkflowError } from '../service/index.js';
import { ReviewPage, SEND_BACK_FIELD } from '../views/review-page.js';
import { wordDiff } from '../word-diff.js';
import type { EditingKit } from './kit.js';
import { RevisionIdForm } from './workflow-routes.js';

const ReviewQuery = z.object({ revision: z.coerce.number().int().positive().max(2 ** 31).optional() });
const SendBackForm = RevisionIdForm.extend({ comment: z.string().max(100_000).default('') });

/** The reviewer's screen (GET /edit/:slug/review) and sending a revision back with a comment. */
export function reviewRoutes(kit: EditingKit) {
  const { service } = kit;
  const app = new Hono<AppEnv>();

  app.get('/edit/:slug/review', async (c) => {
    const found = await kit.locateOrAnswer(c);
    if ('response' in found) return found.response;
    const query = ReviewQuery.safeParse(c.req.query());
    const revision = await revisionToReview(kit, found.located, query.success ? query.data.revision : undefined);
    if (!revision) return kit.notFound(c);
    return reviewScreen(kit, c, found.located, revision, { comment: '', errors: [], notice: await kit.notice(c) });
  });

  app.post('/edit/:slug/send-back', requirePermission('page.review'), async (c) => {
    const found = await kit.locateOrAnswer(c);
    if ('response' in found) return found.response;
    const limited = await kit.tooFast(c, kit.writes);
    if (limited) return limited;
    const input = SendBackForm.safeParse(await kit.fields(c));
    const revision = input.success ? await service.read.byId(input.data.revisionId) : null;
    if (!input.success || !revision || revision.pageKey !== found.located.pageKey) return kit.notFound(c);
    const t = await kit.text(c);
    const comment = input.data.comment.trim();
    const problem = !comment ? t('sendBackEmpty') : comment.length > REVIEW_COMMENT_MAX ? t('sendBackTooLong', { max: REVIEW_COMMENT_MAX }) : null;
    if (problem) return reviewScreen(kit, c, found.located, revision, { comment: input.data.comment, errors: [{ field: SEND_BACK_FIELD, message: problem }], status: 400 });
    try {
      await service.sendBack(revision.id, kit.actor(c), comment);
    } catch (error) {
      if (!(error instanceof WorkflowError)) throw error;
      const { key, values = {} } = error.reason;
      const message = t(key, { ...values, ...(values.state ? { state: t('stateInSentence', { state: values.state }) } : {}) });
      const fresh = (await service.read.byId(revision.id)) ?? revision;
      return reviewScreen(kit, c, found.located, fresh, { comment: input.data.comment, errors: [{ field: SEND_BACK_FIELD, message }], status: 409 });
    }
    return c.redirect(kit.here(c, `/edit/${found.located.slug}?notice=sent-back`), 303);
  });

  return app;
}

/** The revision asked for, else the page's revision waiting for review, else its newest. */
async function revisionToReview(kit: EditingKit, located: EditableLocation, id: number | undefined): Promise<Revision | null> {
  const { read } = kit.service;
  if (id !== undefined) {
    const asked = await read.byId(id);
    return asked && asked.pageKey === located.pageKey ? asked : null;
  }
  return (await read.latestInState(located.pageKey, 'in_review')) ?? (await read.head(located.pageKey));
}

async function reviewScreen(
  kit: EditingKit,
  c: Context<AppEnv>,
  located: EditableLocation,
  revision: Revision,
  state: { comment: string; errors: FieldError[]; notice?: string | undefined; status?: number },
): Promise<Response> {
  const { service, deps } = kit;
  const user = c.get('user')!;
  const [base, checklist, comments, site] = await Promise.all([
    service.read.lastReviewedBefore(located.pageKey, revision.number),
    service.checklist(revision),
    reviewComments(deps.db, located.pageKey),
    deps.pages.siteContext(c),
  ]);
  const preview = await presentPreview(deps, site, revision.document, located.kind === 'page' ? located.slug : null);
  const decision =
    revision.state !== 'in_review' ? 'not-in-review' : !can(user, 'page.review') ? 'not-reviewer' : revision.authorUserId === user.id ? 'own-revision' : 'decide';
  const page = (
    <ReviewPage
      {...await kit.frame(c)}
      slug={located.slug}
      revision={revision}
      base={base}
      diff={wordDiff(base ? documentAsText(base.document) : '', documentAsText(revision.document))}
      checklist={checklist}
      preview={preview}
      comments={comments}
      decision={decision}
      comment={state.comment}
      errors={state.errors}
      notice={state.notice}
    />
  );
  return deps.pages.fresh(c, page, state.status ?? 200);
}
