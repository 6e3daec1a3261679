/**
 * Stories in the moderators' queue (listed on /moderation beside posts):
 * publish as sent, or edit lightly for privacy (the storyteller then approves
 * the edited text by a signed link before anything is published), or reject.
 * Every action is in the audit log.
 */
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { recordAudit } from '../../accounts/audit.js';
import { clientIp } from '../../accounts/client-ip.js';
import type { AppEnv } from '../../accounts/context.js';
import { formFields } from '../../accounts/forms.js';
import { requirePermission } from '../../accounts/middleware.js';
import type { FieldError } from '../../accounts/views/form-parts.js';
import { composeEmail } from '../../mail/compose.js';
import { NotFoundPage } from '../../site/views/site-pages.js';
import { SOURCE_LANG, isLang } from '../../i18n/languages.js';
import type { SiteContext } from '../../web/site-context.js';
import { type StoriesDeps, frameOf, markdownFor } from '../deps.js';
import { storyLinkPath } from '../links.js';
import { storiesText } from '../messages/index.js';
import { BODY_MAX, TITLE_MAX, type StoryRow } from '../store.js';
import { type StoryHistoryEntry, StoryModerationPage } from '../views/moderation-pages.js';

const Id = z.string().regex(/^[1-9]\d{0,12}$/).transform(Number);
const Decision = z.object({
  title: z.string().catch('').default('').transform((s) => s.trim().slice(0, TITLE_MAX * 2)),
  body: z.string().catch('').default('').transform((s) => s.replace(/\r\n/g, '\n').slice(0, BODY_MAX * 2)),
  reason: z.string().catch('').default('').transform((s) => s.trim().slice(0, 200)),
});

export function storyModerationRoutes(deps: StoriesDeps) {
  const app = new Hono<AppEnv>();
  const { pages, store } = deps;
  const moderator = requirePermission('forum.moderate');
  const notFound = async (c: Context<AppEnv>) => pages.fresh(c, <NotFoundPage site={await pages.siteContext(c)} />, 404);
  const audit = (c: Context<AppEnv>, action: string, storyId: number, details: Record<string, unknown> = {}) => ({ actorUserId: c.get('user')!.id, action, subjectType: 'story', subjectId: storyId, details, ip: clientIp(c, deps.trustProxy) });

  /** E-mails to the storyteller are in the language they wrote in, not the moderator's. */
  const storytellerSite = (story: StoryRow) => pages.siteContext(isLang(story.lang) ? story.lang : SOURCE_LANG);

  /** The story, only while it waits for a moderator. */
  async function pending(c: Context<AppEnv>): Promise<StoryRow | null> {
    const id = Id.safeParse(c.req.param('id'));
    const story = id.success ? await store.byId(id.data) : undefined;
    return story && story.status === 'pending' && !story.withdrawn_at ? story : null;
  }

  async function history(storyId: number): Promise<StoryHistoryEntry[]> {
    const rows = await deps.db
      .selectFrom('audit_log')
      .leftJoin('users', 'users.id', 'audit_log.actor_user_id')
      .select(['audit_log.at', 'audit_log.action', 'users.name'])
      .where('audit_log.subject_type', '=', 'story')
      .where('audit_log.subject_id', '=', String(storyId))
      .orderBy('audit_log.id')
      .execute();
    return rows.map((r) => ({ at: r.at, actor: r.name ?? null, action: r.action }));
  }

  async function show(c: Context<AppEnv>, story: StoryRow, values?: { title: string; body: string; reason: string }, errors: FieldError[] = [], status = 200) {
    const site = await pages.siteContext(c);
    const user = c.get('user')!;
    const [render, topics, consents, past, claimer] = await Promise.all([
      markdownFor(deps, site), store.topics(story.id), store.consents(story.id), history(story.id),
      story.claimed_by ? deps.db.selectFrom('users').select('name').where('id', '=', story.claimed_by).executeTakeFirst() : undefined,
    ]);
    return pages.fresh(
      c,
      <StoryModerationPage
        {...await frameOf(deps, c)}
        story={{
          id: story.id,
          title: story.title,
          bodyHtml: render(story.body),
          displayName: story.display_name,
          nameKind: story.name_kind,
          country: story.country,
          createdAt: story.created_at,
          topics,
          consents: consents.map((k) => ({ purpose: k.purpose, granted: k.granted === 1, textVersion: k.text_version, expiresOn: k.expires_on })),
        }}
        values={values ?? { title: story.title, body: story.body, reason: '' }}
        errors={errors}
        claimedByOther={store.claimedByOther(story, user.id) ? (claimer?.name ?? '') : null}
        claimedByMe={story.claimed_by === user.id}
        history={past}
      />,
      status,
    );
  }

  app.get('/moderation/stories/:id', moderator, async (c) => {
    const story = await pending(c);
    return story ? show(c, story) : notFound(c);
  });

  app.post('/moderation/stories/:id/claim', moderator, async (c) => {
    const story = await pending(c);
    if (!story) return notFound(c);
    const site = await pages.siteContext(c);
    const claimed = await deps.db.transaction().execute(async (tx) => {
      const ok = await store.claim(tx, story.id, c.get('user')!.id);
      if (ok) await recordAudit(tx, audit(c, 'stories.claimed', story.id), deps.clock());
      return ok;
    });
    if (!claimed) return show(c, (await store.byId(story.id)) ?? story, undefined, [{ field: 'title', message: site.i18n.text(storiesText)('claimFailed') }], 409);
    return c.redirect(site.i18n.path(`/moderation/stories/${story.id}`), 303);
  });

  /** Why a decision changed nothing: another moderator's claim, or the story moved on. */
  const refusal = async (storyId: number, moderatorId: number): Promise<'claimFailed' | 'moderationStale'> => {
    const now = await store.byId(storyId);
    return now && now.status === 'pending' && store.claimedByOther(now, moderatorId) ? 'claimFailed' : 'moderationStale';
  };

  app.post('/moderation/stories/:id/approve', moderator, async (c) => {
    const story = await pending(c);
    if (!story) return notFound(c);
    const site = await pages.siteContext(c);
    const t = site.i18n.text(storiesText);
    const f = Decision.parse(await formFields(c));
    const values = { title: f.title || story.title, body: f.body.trim() ? f.body : story.body, reason: f.reason };
    const edited = values.title !== story.title || values.body.trim() !== story.body.replace(/\r\n/g, '\n').trim();
    const errors: FieldError[] = [];
    if (values.title.length > TITLE_MAX) errors.push({ field: 'title', message: t('titleTooLong', { max: TITLE_MAX }) });
    if (values.body.length > BODY_MAX) errors.push({ field: 'body', message: t('bodyTooLong', { max: BODY_MAX }) });
    if (edited && !values.reason) errors.push({ field: 'edit-reason', message: t('editReasonMissing') });
    if (errors.length) return show(c, story, values, errors, 400);
    const mailSite = await storytellerSite(story);
    const done = await deps.db.transaction().execute(async (tx) => {
      if (edited) {
        if (!(await store.proposeEdit(tx, story.id, values, c.get('user')!.id))) return false;
        await recordAudit(tx, audit(c, 'stories.edit_proposed', story.id, { reason: values.reason }), deps.clock());
        await deps.mail.enqueue(tx, { to: story.email, kind: 'story-review', lang: mailSite.lang, ...storytellerEmail(mailSite, 'review', { title: values.title, reason: values.reason, href: `${mailSite.baseUrl}${mailSite.i18n.path(storyLinkPath(deps.linkKey, 'review', story.id))}`, withdraw: `${mailSite.baseUrl}${mailSite.i18n.path(storyLinkPath(deps.linkKey, 'withdraw', story.id))}` }) });
      } else {
        if (!(await store.publish(tx, story.id, c.get('user')!.id))) return false;
        await recordAudit(tx, audit(c, 'stories.published', story.id), deps.clock());
        await deps.mail.enqueue(tx, { to: story.email, kind: 'story-published', lang: mailSite.lang, ...storytellerEmail(mailSite, 'published', { title: story.title, reason: '', href: `${mailSite.baseUrl}${mailSite.i18n.path(`/stories/${story.id}`)}`, withdraw: `${mailSite.baseUrl}${mailSite.i18n.path(storyLinkPath(deps.linkKey, 'withdraw', story.id))}` }) });
      }
      return true;
    });
    if (!done) return show(c, (await store.byId(story.id)) ?? story, values, [{ field: 'title', message: t(await refusal(story.id, c.get('user')!.id)) }], 409);
    if (!edited) await deps.contentChanged();
    return c.redirect(site.i18n.path('/moderation?notice=approved'), 303);
  });

  app.post('/moderation/stories/:id/reject', moderator, async (c) => {
    const story = await pending(c);
    if (!story) return notFound(c);
    const site = await pages.siteContext(c);
    const mailSite = await storytellerSite(story);
    const done = await deps.db.transaction().execute(async (tx) => {
      if (!(await store.reject(tx, story.id, c.get('user')!.id))) return false;
      await recordAudit(tx, audit(c, 'stories.rejected', story.id), deps.clock());
      await deps.mail.enqueue(tx, { to: story.email, kind: 'story-rejected', lang: mailSite.lang, ...storytellerEmail(mailSite, 'rejected', { title: story.title, reason: '', href: '', withdraw: '' }) });
      return true;
    });
    if (!done) return show(c, (await store.byId(story.id)) ?? story, undefined, [{ field: 'title', message: site.i18n.text(storiesText)(await refusal(story.id, c.get('user')!.id)) }], 409);
    return c.redirect(site.i18n.path('/moderation?notice=rejected'), 303);
  });

  return app;
}

function storytellerEmail(site: SiteContext, kind: 'review' | 'published' | 'rejected', input: { title: string; reason: string; href: string; withdraw: string }) {
  const t = site.i18n.text(storiesText);
  const organisation = site.settings.organisation;
  const withdraw = [{ p: t('withdrawEmailNote') }, { link: { label: t('withdrawEmailLink'), href: input.withdraw } }];
  if (kind === 'review') {
    return composeEmail({ lang: site.lang, dir: site.i18n.dir, subject: t('reviewEmailSubject'), blocks: [{ p: t('reviewEmailBody', { title: input.title, reason: input.reason }) }, { link: { label: t('reviewEmailLink'), href: input.href } }, ...withdraw] });
  }
  if (kind === 'published') {
    return composeEmail({ lang: site.lang, dir: site.i18n.dir, subject: t('publishedEmailSubject', { organisation }), blocks: [{ p: t('publishedEmailBody', { title: input.title }) }, { link: { label: t('readYourStory'), href: input.href } }, ...withdraw] });
  }
  return composeEmail({ lang: site.lang, dir: site.i18n.dir, subject: t('rejectedEmailSubject', { organisation }), blocks: [{ p: t('rejectedEmailBody', { title: input.title }) }] });
}
