/**
 * "What the evidence says": a moderator attaches a note to a published post
 * linking the directory page that answers it, rather than deleting the post.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { recordAudit } from '../../accounts/audit.js';
import type { AppEnv } from '../../accounts/context.js';
import { formFields } from '../../accounts/forms.js';
import type { CommunityDeps } from '../deps.js';
import { communityText } from '../messages/index.js';
import { EVIDENCE_NOTE_MAX } from '../moderation/evidence.js';
import { Id, moderatorKit } from './moderator-kit.js';

export const EvidenceForm = z.object({
  page: z.string().trim().min(1, 'evidencePageMissing').max(300, 'evidencePageUnknown'),
  note: z.string().trim().min(1, 'evidenceNoteMissing').max(EVIDENCE_NOTE_MAX, 'evidenceNoteTooLong'),
});
const FIELD: Record<string, string> = { page: 'evidence-page', note: 'evidence-note' };

export function evidenceRoutes(deps: CommunityDeps) {
  const app = new Hono<AppEnv>();
  const { actions, evidence, moderator, notFound, audit, limited, problems, showPost, redirectAfter } = moderatorKit(deps, app);

  app.post('/moderation/posts/:id/evidence', moderator, async (c) => {
    const id = Id.safeParse(c.req.param('id'));
    const post = id.success ? await actions.post(id.data) : undefined;
    if (!post) return notFound(c);
    const stop = await limited(c);
    if (stop) return stop;
    const t = (await deps.pages.siteContext(c)).i18n.text(communityText);
    const f = await formFields(c);
    const values = { evidencePage: f.page ?? '', evidenceNote: f.note ?? '' };
    const parsed = EvidenceForm.safeParse(f);
    if (!parsed.success) return showPost(c, post.id, values, problems(parsed.error, (name) => FIELD[name] ?? 'evidence-note', t), 400);
    const page = await evidence.findPage(parsed.data.page);
    if (!page) return showPost(c, post.id, values, [{ field: 'evidence-page', message: t('evidencePageUnknown') }], 400);
    const user = c.get('user')!;
    const outcome = await deps.db.transaction().execute(async (tx) => {
      const now = await actions.post(post.id, tx);
      if (now?.status !== 'visible') return 'state';
      await evidence.add(tx, { postId: post.id, pageId: page.id, note: parsed.data.note, moderatorId: user.id });
      await recordAudit(tx, audit(c, 'community.evidence_added', 'forum_post', post.id, { pageId: page.id, evidenceNote: parsed.data.note }), deps.clock());
      return 'done';
    });
    if (outcome === 'state') return showPost(c, post.id, values, [{ field: 'evidence-page', message: t('postStateChanged') }], 409);
    return redirectAfter(c, f, post.topicId, post.id, 'evidence');
  });

  return app;
}
