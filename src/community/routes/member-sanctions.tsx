/**
 * Moderators act on the writer of a post, from its queue item or tools page:
 * a warning (an e-mail through the outbox, and a record), a suspension (no
 * posting until a date; e-mailed, and said again plainly when the member
 * tries to post), lifting a suspension, and private notes on the member.
 * Each is in the audit log, on the post, so the post's history shows it.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { recordAudit } from '../../accounts/audit.js';
import type { AppEnv } from '../../accounts/context.js';
import type { Tx } from '../../db/database.js';
import { normaliseAddress } from '../../mail/address.js';
import { composeEmail } from '../../mail/compose.js';
import type { SiteContext } from '../../web/site-context.js';
import type { CommunityDeps } from '../deps.js';
import { communityText } from '../messages/index.js';
import { NOTE_MAX, SANCTION_REASON_MAX, SUSPENSION_MAX_DAYS } from '../moderation/sanctions.js';
import { moderatorKit } from './moderator-kit.js';

const SanctionReason = (missing: 'warnReasonMissing' | 'suspendReasonMissing') => z.string().trim().min(1, missing).max(SANCTION_REASON_MAX, 'sanctionReasonTooLong');
export const WarnForm = z.object({ reason: SanctionReason('warnReasonMissing') });
export const NoteForm = z.object({ note: z.string().trim().min(1, 'memberNoteMissing').max(NOTE_MAX, 'memberNoteTooLong') });
/** The day posting is allowed again (from 00:00 UTC), after today and at most a year ahead. */
export const suspendForm = (today: Date) =>
  z.object({
    until: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'suspendUntilFormat')
      .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00.000Z`)) && new Date(`${d}T00:00:00.000Z`).toISOString().startsWith(d), 'suspendUntilFormat')
      .refine((d) => d > today.toISOString().slice(0, 10), 'suspendUntilPast')
      .refine((d) => Date.parse(`${d}T00:00:00.000Z`) <= today.getTime() + SUSPENSION_MAX_DAYS * 86_400_000, 'suspendUntilFar')
      .transform((d) => `${d}T00:00:00.000Z`),
    reason: SanctionReason('suspendReasonMissing'),
  });

export function memberSanctionRoutes(deps: CommunityDeps) {
  const app = new Hono<AppEnv>();
  const { sanctions, audit, postAction } = moderatorKit(deps, app);

  /** The writer's address, when they still have an account and it can receive mail. */
  async function addressOf(tx: Tx, userId: number): Promise<string | null> {
    const email = await deps.forums.authorEmail(userId, tx);
    const to = email ? normaliseAddress(email) : null;
    return to && !('problem' in to) ? to.address : null;
  }

  postAction(
    '/moderation/posts/:id/warn',
    WarnForm,
    (f) => ({ warnReason: f.reason ?? '' }),
    async (tx, postId, data: z.infer<typeof WarnForm>, c, site) => {
      const post = await tx.selectFrom('forum_posts').innerJoin('forum_topics', 'forum_topics.id', 'forum_posts.topic_id').select(['forum_posts.author_id', 'forum_topics.title']).where('forum_posts.id', '=', postId).executeTakeFirst();
      if (!post?.author_id) return false;
      await sanctions.warn(tx, { userId: post.author_id, reason: data.reason, postId, moderatorId: c.get('user')!.id });
      await recordAudit(tx, audit(c, 'community.member_warned', 'forum_post', postId, { memberId: post.author_id, warnReason: data.reason }), deps.clock());
      const to = await addressOf(tx, post.author_id);
      if (to) await deps.mail.enqueue(tx, { to, kind: 'community-warning', lang: site.lang, ...warningEmail(site, { topic: post.title, reason: data.reason }) });
      return true;
    },
    'warned',
    () => 'warn-reason',
  );

  postAction(
    '/moderation/posts/:id/suspend',
    // Built per request: the date must be after today.
    () => suspendForm(deps.clock()),
    (f) => ({ suspendUntil: f.until ?? '', suspendReason: f.reason ?? '' }),
    async (tx, postId, data: z.infer<ReturnType<typeof suspendForm>>, c, site) => {
      const post = await tx.selectFrom('forum_posts').select('author_id').where('id', '=', postId).executeTakeFirst();
      if (!post?.author_id) return false;
      await sanctions.suspend(tx, { userId: post.author_id, reason: data.reason, until: data.until, postId, moderatorId: c.get('user')!.id });
      await recordAudit(tx, audit(c, 'community.member_suspended', 'forum_post', postId, { memberId: post.author_id, until: data.until, suspendReason: data.reason }), deps.clock());
      const to = await addressOf(tx, post.author_id);
      if (to) await deps.mail.enqueue(tx, { to, kind: 'community-suspension', lang: site.lang, ...suspensionEmail(site, { until: data.until, reason: data.reason }) });
      return true;
    },
    'suspended',
    (name) => (name === 'until' ? 'suspend-until' : 'suspend-reason'),
  );

  postAction(
    '/moderation/posts/:id/lift',
    z.object({}),
    () => ({}),
    async (tx, postId, _data, c) => {
      const post = await tx.selectFrom('forum_posts').select('author_id').where('id', '=', postId).executeTakeFirst();
      if (!post?.author_id || !(await sanctions.lift(tx, post.author_id))) return false;
      await recordAudit(tx, audit(c, 'community.member_unsuspended', 'forum_post', postId, { memberId: post.author_id }), deps.clock());
      return true;
    },
    'lifted',
    () => 'suspend-until',
  );

  postAction(
    '/moderation/posts/:id/note',
    NoteForm,
    (f) => ({ note: f.note ?? '' }),
    async (tx, postId, data: z.infer<typeof NoteForm>, c) => {
      const post = await tx.selectFrom('forum_posts').select('author_id').where('id', '=', postId).executeTakeFirst();
      if (!post?.author_id) return false;
      const noteId = await sanctions.addNote(tx, { userId: post.author_id, authorId: c.get('user')!.id, body: data.note });
      // The note itself stays in the notes table, for moderators only; the log records that one was written.
      await recordAudit(tx, audit(c, 'community.member_noted', 'forum_post', postId, { memberId: post.author_id, noteId }), deps.clock());
      return true;
    },
    'noted',
    () => 'member-note',
  );

  return app;
}

function warningEmail(site: SiteContext, input: { topic: string; reason: string }) {
  const t = site.i18n.text(communityText);
  const organisation = site.settings.organisation;
  return composeEmail({
    lang: site.lang,
    dir: site.i18n.dir,
    subject: t('warnEmailSubject', { organisation }),
    blocks: [{ p: t('warnEmailBody', { organisation, topic: input.topic }) }, { p: input.reason }, { p: t('warnEmailGuidelines') }, { link: { label: t('guidelinesTitle'), href: `${site.baseUrl}${site.i18n.path('/forums')}` } }],
  });
}

function suspensionEmail(site: SiteContext, input: { until: string; reason: string }) {
  const t = site.i18n.text(communityText);
  const organisation = site.settings.organisation;
  return composeEmail({
    lang: site.lang,
    dir: site.i18n.dir,
    subject: t('suspendEmailSubject', { organisation }),
    blocks: [{ p: t('suspendEmailBody', { organisation, date: site.i18n.date(input.until) }) }, { p: input.reason }, { small: t('suspendEmailRead', { email: site.settings.contactEmail }) }],
  });
}
