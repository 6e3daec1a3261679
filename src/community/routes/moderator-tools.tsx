/**
 * Moderators' tools on published posts and topics, reached from the queue and
 * from the topic page: edit a post (the reason is shown with it), hide it and
 * show it again, lock and unlock a topic, move it to another category, split
 * it in two at a reply, and the history of all of it. Every action is written to the audit log in the
 * transaction of the change.
 */
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { recordAudit } from '../../accounts/audit.js';
import type { AppEnv } from '../../accounts/context.js';
import { formFields } from '../../accounts/forms.js';
import type { Tx } from '../../db/database.js';
import type { CommunityDeps } from '../deps.js';
import { BODY_MAX, TITLE_MAX } from '../forums.js';
import { type CommunityKey, communityText } from '../messages/index.js';
import { REASON_MAX } from '../moderation/actions.js';
import type { PostToolsValues } from '../views/moderator-tools.js';
import { Back, Id, type ToolNotice, moderatorKit } from './moderator-kit.js';

/** Messages of the schemas below are catalogue keys, turned into words in the moderator's language. */
const Reason = (missing: CommunityKey) => z.string().trim().min(1, missing).max(REASON_MAX, 'reasonTooLong');
export const EditForm = z.object({
  body: z.string().transform((s) => s.replace(/\r\n/g, '\n')).pipe(z.string().refine((s) => s.trim().length > 0, 'bodyMissing').refine((s) => s.length <= BODY_MAX, 'bodyTooLong')),
  reason: Reason('editReasonMissing'),
});
export const HideForm = z.object({ reason: Reason('hideReasonMissing') });
export const LockForm = z.object({ reason: z.string().trim().max(REASON_MAX, 'reasonTooLong').default('') });
export const MoveForm = z.object({ category: Id });
export const SplitForm = z.object({ title: z.string().trim().min(1, 'titleMissing').max(TITLE_MAX, 'titleTooLong'), reason: Reason('splitReasonMissing') });
export function moderatorToolRoutes(deps: CommunityDeps) {
  const app = new Hono<AppEnv>();
  const { forums, pages } = deps;
  const { actions, moderator, notFound, audit, limited, problems, showPost, postAction, redirectAfter } = moderatorKit(deps, app);

  postAction(
    '/moderation/posts/:id/edit',
    EditForm,
    (f) => ({ editBody: f.body ?? '', editReason: f.reason ?? '' }),
    async (tx, postId, data: z.infer<typeof EditForm>, c) => {
      const post = await actions.post(postId, tx);
      if (post?.status !== 'visible') return false;
      await actions.edit(tx, postId, data.body, data.reason);
      await recordAudit(tx, audit(c, 'community.post_edited', 'forum_post', postId, { editReason: data.reason }), deps.clock());
      return true;
    },
    'edited',
    (name) => (name === 'body' ? 'edit-body' : 'edit-reason'),
  );

  postAction(
    '/moderation/posts/:id/hide',
    HideForm,
    (f) => ({ hideReason: f.reason ?? '' }),
    async (tx, postId, data: z.infer<typeof HideForm>, c) => {
      if (!(await actions.hide(tx, postId, data.reason))) return false;
      await recordAudit(tx, audit(c, 'community.post_hidden', 'forum_post', postId, { hideReason: data.reason }), deps.clock());
      return true;
    },
    'hidden',
    () => 'hide-reason',
  );

  postAction(
    '/moderation/posts/:id/unhide',
    z.object({}),
    () => ({}),
    async (tx, postId, _data, c) => {
      if (!(await actions.unhide(tx, postId))) return false;
      await recordAudit(tx, audit(c, 'community.post_unhidden', 'forum_post', postId), deps.clock());
      return true;
    },
    'unhidden',
    () => 'hide-reason',
  );

  postAction(
    '/moderation/posts/:id/split',
    SplitForm,
    (f) => ({ splitTitle: f.title ?? '', splitReason: f.reason ?? '' }),
    async (tx, postId, data: z.infer<typeof SplitForm>, c) => {
      const from = (await actions.post(postId, tx))?.topicId;
      const topicId = from && (await actions.split(tx, postId, data.title));
      if (!topicId) return false;
      const details = { from, to: topicId, fromPost: postId, splitReason: data.reason };
      // On both topics, so each one's history says where its posts went or came from.
      await recordAudit(tx, audit(c, 'community.topic_split', 'forum_topic', from, details), deps.clock());
      await recordAudit(tx, audit(c, 'community.topic_split', 'forum_topic', topicId, details), deps.clock());
      return true;
    },
    'split',
    (name) => (name === 'title' ? 'split-title' : 'split-reason'),
  );

  /** A topic action; errors come back on the tools page of the post the moderator came from (or the opening post). */
  function topicAction<S extends z.ZodType>(path: string, schema: S, valuesOf: (f: Record<string, string>) => PostToolsValues, run: (tx: Tx, topicId: number, data: z.infer<S>, c: Context<AppEnv>) => Promise<boolean>, notice: ToolNotice, field: string) {
    app.post(path, moderator, async (c) => {
      const id = Id.safeParse(c.req.param('id'));
      const topic = id.success ? await forums.topic(id.data) : undefined;
      if (!topic) return notFound(c);
      const stop = await limited(c);
      if (stop) return stop;
      const t = (await pages.siteContext(c)).i18n.text(communityText);
      const f = await formFields(c);
      const back = Back.parse(f);
      const from = back.post ?? (await deps.db.selectFrom('forum_posts').select('id').where('topic_id', '=', topic.id).where('is_opening', '=', 1).executeTakeFirst())?.id;
      const parsed = schema.safeParse(f);
      if (!parsed.success) return from ? showPost(c, from, valuesOf(f), problems(parsed.error, () => field, t), 400) : notFound(c);
      const ok = await deps.db.transaction().execute((tx) => run(tx, topic.id, parsed.data, c));
      if (!ok) return from ? showPost(c, from, valuesOf(f), [{ field, message: t('moveCategoryUnknown') }], 400) : notFound(c);
      return redirectAfter(c, f, topic.id, back.post, notice);
    });
  }

  topicAction(
    '/moderation/topics/:id/lock',
    LockForm,
    (f) => ({ lockReason: f.reason ?? '' }),
    async (tx, topicId, data: z.infer<typeof LockForm>, c) => {
      await actions.lock(tx, topicId, data.reason);
      await recordAudit(tx, audit(c, 'community.topic_locked', 'forum_topic', topicId, { lockReason: data.reason }), deps.clock());
      return true;
    },
    'locked',
    'lock-reason',
  );

  topicAction(
    '/moderation/topics/:id/unlock',
    z.object({}),
    () => ({}),
    async (tx, topicId, _data, c) => {
      await actions.unlock(tx, topicId);
      await recordAudit(tx, audit(c, 'community.topic_unlocked', 'forum_topic', topicId), deps.clock());
      return true;
    },
    'unlocked',
    'lock-reason',
  );

  topicAction(
    '/moderation/topics/:id/move',
    MoveForm,
    (f) => ({ moveCategory: f.category ?? '' }),
    async (tx, topicId, data: z.infer<typeof MoveForm>, c) => {
      const target = await tx.selectFrom('forum_categories').select('id').where('id', '=', data.category).executeTakeFirst();
      if (!target) return false;
      const from = await actions.move(tx, topicId, target.id);
      await recordAudit(tx, audit(c, 'community.topic_moved', 'forum_topic', topicId, { from, to: target.id }), deps.clock());
      return true;
    },
    'moved',
    'move-category',
  );

  return app;
}
