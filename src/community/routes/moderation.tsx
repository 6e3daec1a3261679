/**
 * The moderators' review queue: why each item is there, claiming it, editing
 * before approving (the post then says "edited by a moderator" and why),
 * approving, rejecting with a canned reply e-mailed to the writer. Every
 * action is in the audit log, and the item shows its history.
 */
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { recordAudit } from '../../accounts/audit.js';
import { clientIp } from '../../accounts/client-ip.js';
import type { AppEnv } from '../../accounts/context.js';
import { formFields } from '../../accounts/forms.js';
import { requirePermission } from '../../accounts/middleware.js';
import type { FieldError } from '../../accounts/views/form-parts.js';
import { normaliseAddress } from '../../mail/address.js';
import { composeEmail } from '../../mail/compose.js';
import { NotFoundPage } from '../../site/views/site-pages.js';
import { ownValue } from '../../web/known-key.js';
import type { SiteContext } from '../../web/site-context.js';
import { type CommunityDeps, frameOf, markdownFor, settingsOf } from '../deps.js';
import { BODY_MAX } from '../forums.js';
import { CANNED_REPLIES, type CannedReply } from '../moderation/canned-replies.js';
import { communityText } from '../messages/index.js';
import { selectKey } from '../messages/select-key.js';
import { createModeratorActions } from '../moderation/actions.js';
import { createSanctions } from '../moderation/sanctions.js';
import { MemberTools } from '../views/member-tools.js';
import { NOTICES as TOOL_NOTICES } from './moderator-kit.js';
import { QueueItemPage, QueuePage } from '../views/moderation-pages.js';

const Id = z.string().regex(/^[1-9]\d{0,12}$/).transform(Number);
const NOTICES = { approved: 'noticeApproved', rejected: 'noticeRejected' } as const;

export function moderationRoutes(deps: CommunityDeps) {
  const app = new Hono<AppEnv>();
  const { pages, forums } = deps;
  const moderator = requirePermission('forum.moderate');
  const notFound = async (c: Context<AppEnv>) => pages.fresh(c, <NotFoundPage site={await pages.siteContext(c)} />, 404);
  const audit = (c: Context<AppEnv>, action: string, postId: number, details: Record<string, unknown> = {}) => ({
    actorUserId: c.get('user')!.id,
    action,
    subjectType: 'forum_post',
    subjectId: postId,
    details,
    ip: clientIp(c, deps.trustProxy),
  });

  app.get('/moderation', moderator, async (c) => {
    const site = await pages.siteContext(c);
    const [items, settings, render, shared] = await Promise.all([forums.queue(), settingsOf(deps), markdownFor(deps, site), Promise.all(deps.queueSources.map((source) => source(site)))]);
    const writers = await sanctions.summaries([...new Set(items.map((i) => i.authorId).filter((id): id is number => id !== null))]);
    return pages.fresh(c, <QueuePage {...await frameOf(deps, c)} items={items} writers={writers} shared={shared} notice={ownValue(NOTICES, c.req.query('notice'))} guidelinesHtml={settings.guidelines ? render(settings.guidelines) : ''} />);
  });

  const actions = createModeratorActions(deps.db, deps.clock);
  const sanctions = createSanctions(deps.db, deps.clock);

  async function showItem(c: Context<AppEnv>, postId: number, values?: { body: string; reason: string }, errors: FieldError[] = [], status = 200, notice?: string) {
    const item = await forums.queueItem(postId);
    if (!item) return notFound(c);
    const user = c.get('user')!;
    const site = await pages.siteContext(c);
    const render = await markdownFor(deps, site);
    const topic = (await forums.topic(item.topicId))!;
    const categories = (await forums.categories(true)).map((c) => ({ id: c.id, name: c.name }));
    const claimedByOther = item.claimedBy !== null && item.claimedBy !== user.id && (await forums.claimedByOther(postId, user.id)) ? item.claimedByName : null;
    return pages.fresh(
      c,
      <QueueItemPage
        {...await frameOf(deps, c)}
        item={item}
        bodyHtml={render(item.body)}
        values={values ?? { body: item.body, reason: '' }}
        errors={errors}
        claimedByOther={claimedByOther}
        claimedByMe={item.claimedBy === user.id}
        history={await actions.history(postId, item.topicId)}
        topic={{ id: topic.id, title: topic.title, lockedAt: topic.locked_at, lockReason: topic.lock_reason, categoryId: topic.category_id, categoryName: item.categoryName }}
        categories={categories}
        notice={ownValue(TOOL_NOTICES, notice)}
        memberTools={item.authorId === null ? null : <MemberTools site={site} csrfToken={c.get('csrfToken')} postId={item.postId} record={await sanctions.record(item.authorId)} back="queue" values={{}} errors={[]} />}
      />,
      status,
    );
  }

  app.get('/moderation/:id', moderator, async (c) => {
    const id = Id.safeParse(c.req.param('id'));
    return id.success ? showItem(c, id.data, undefined, [], 200, c.req.query('notice')) : notFound(c);
  });

  app.post('/moderation/:id/claim', moderator, async (c) => {
    const id = Id.safeParse(c.req.param('id'));
    if (!id.success || !(await forums.queueItem(id.data))) return notFound(c);
    const t = (await pages.siteContext(c)).i18n.text(communityText);
    const claimed = await deps.db.transaction().execute(async (tx) => {
      const ok = await forums.claim(id.data, c.get('user')!.id, tx);
      if (ok) await recordAudit(tx, audit(c, 'community.post_claimed', id.data), deps.clock());
      return ok;
    });
    if (!claimed) return showItem(c, id.data, undefined, [{ field: 'body', message: t('claimFailed') }], 409);
    return c.redirect((await pages.siteContext(c)).i18n.path(`/moderation/${id.data}`), 303);
  });

  app.post('/moderation/:id/approve', moderator, async (c) => {
    const id = Id.safeParse(c.req.param('id'));
    const item = id.success ? await forums.queueItem(id.data) : undefined;
    if (!item) return notFound(c);
    const user = c.get('user')!;
    const site = await pages.siteContext(c);
    const t = site.i18n.text(communityText);
    const f = await formFields(c);
    const body = (f.body ?? item.body).replace(/\r\n/g, '\n');
    const reason = (f.reason ?? '').trim().slice(0, 200);
    const edited = body.trim() !== item.body.replace(/\r\n/g, '\n').trim();
    const errors: FieldError[] = [];
    if (!body.trim()) errors.push({ field: 'body', message: t('bodyMissing') });
    else if (body.length > BODY_MAX) errors.push({ field: 'body', message: t('bodyTooLong', { max: BODY_MAX }) });
    if (edited && !reason) errors.push({ field: 'edit-reason', message: t('editReasonMissing') });
    if (errors.length) return showItem(c, item.postId, { body, reason }, errors, 400);
    const done = await deps.db.transaction().execute(async (tx) => {
      if (await forums.claimedByOther(item.postId, user.id, tx)) return false;
      await forums.approve(tx, item.postId, edited ? { body, reason } : null);
      await deps.following.notify(tx, deps.mail, site, item.postId);
      await recordAudit(tx, audit(c, edited ? 'community.post_edited_approved' : 'community.post_approved', item.postId, { reason: item.reason, ...(edited ? { editReason: reason } : {}) }), deps.clock());
      return true;
    });
    if (!done) return showItem(c, item.postId, { body, reason }, [{ field: 'body', message: t('claimFailed') }], 409);
    return c.redirect(site.i18n.path('/moderation?notice=approved'), 303);
  });

  app.post('/moderation/:id/reject', moderator, async (c) => {
    const id = Id.safeParse(c.req.param('id'));
    const item = id.success ? await forums.queueItem(id.data) : undefined;
    if (!item) return notFound(c);
    const user = c.get('user')!;
    const site = await pages.siteContext(c);
    const t = site.i18n.text(communityText);
    const f = await formFields(c);
    const reply = (CANNED_REPLIES as readonly string[]).includes(f.reply ?? '') ? (f.reply as CannedReply) : null;
    if (!reply) return showItem(c, item.postId, undefined, [{ field: 'reply-guidelines', message: t('cannedReplyMissing') }], 400);
    const email = item.authorId === null ? null : await forums.authorEmail(item.authorId);
    const done = await deps.db.transaction().execute(async (tx) => {
      if (await forums.claimedByOther(item.postId, user.id, tx)) return false;
      await forums.reject(tx, item.postId);
      await recordAudit(tx, audit(c, 'community.post_rejected', item.postId, { reason: item.reason, reply }), deps.clock());
      const to = email ? normaliseAddress(email) : null;
      if (to && !('problem' in to)) await deps.mail.enqueue(tx, { to: to.address, kind: 'community-rejected', lang: site.lang, ...rejectionEmail(site, { topic: item.topicTitle, body: item.body, reply }) });
      return true;
    });
    if (!done) return showItem(c, item.postId, undefined, [{ field: 'body', message: t('claimFailed') }], 409);
    return c.redirect(site.i18n.path('/moderation?notice=rejected'), 303);
  });

  return app;
}

function rejectionEmail(site: SiteContext, input: { topic: string; body: string; reply: CannedReply }) {
  const t = site.i18n.text(communityText);
  const organisation = site.settings.organisation;
  return composeEmail({
    lang: site.lang,
    dir: site.i18n.dir,
    subject: t('rejectEmailSubject', { organisation }),
    blocks: [
      { p: t('rejectEmailBody', { topic: input.topic }) },
      { p: t('cannedReplyText', { reply: selectKey(input.reply) }) },
      { small: t('rejectEmailCopy') },
      { p: input.body.slice(0, 4000) },
    ],
  });
}
