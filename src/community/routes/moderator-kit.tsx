/**
 * What every moderator action on a post shares: the post's tools page (shown
 * again with the form's values and errors when an action fails), the
 * moderator's rate limit, the claim check, the audit entry and where to go
 * afterwards. Used by the post and topic tools and by the member sanctions.
 */
import { type Context, type Hono } from 'hono';
import { z } from 'zod';
import { clientIp } from '../../accounts/client-ip.js';
import type { AppEnv } from '../../accounts/context.js';
import { formFields } from '../../accounts/forms.js';
import { requirePermission } from '../../accounts/middleware.js';
import type { FieldError } from '../../accounts/views/form-parts.js';
import type { Tx } from '../../db/database.js';
import { BadRequestPage, NotFoundPage } from '../../site/views/site-pages.js';
import { ownValue } from '../../web/known-key.js';
import type { SiteContext } from '../../web/site-context.js';
import { type CommunityDeps, frameOf, markdownFor } from '../deps.js';
import { BODY_MAX, TITLE_MAX } from '../forums.js';
import { type CommunityKey, communityText } from '../messages/index.js';
import { REASON_MAX, createModeratorActions } from '../moderation/actions.js';
import { EVIDENCE_NOTE_MAX, createEvidence } from '../moderation/evidence.js';
import { NOTE_MAX, SANCTION_REASON_MAX, SUSPENSION_MAX_DAYS, createSanctions } from '../moderation/sanctions.js';
import { MemberTools } from '../views/member-tools.js';
import { PostToolsPage, type PostToolsValues } from '../views/moderator-tools.js';

export const Id = z.string().regex(/^[1-9]\d{0,12}$/).transform(Number);
/** Where to go after an action: the topic page, the queue item, or the post's tools page. */
export const Back = z.object({ back: z.enum(['topic', 'post', 'queue']).catch('post'), post: Id.optional().catch(undefined) });

export const NOTICES = {
  edited: 'noticeEdited', hidden: 'noticeHidden', unhidden: 'noticeUnhidden', locked: 'noticeLocked', unlocked: 'noticeUnlocked', moved: 'noticeMoved',
  warned: 'noticeWarned', suspended: 'noticeSuspended', lifted: 'noticeLifted', noted: 'noticeNoted', evidence: 'noticeEvidence', split: 'noticeSplit',
} as const;
export type ToolNotice = keyof typeof NOTICES;
/** The {max} of each "too long" message. */
const MAX_OF: Record<string, number> = { bodyTooLong: BODY_MAX, titleTooLong: TITLE_MAX, reasonTooLong: REASON_MAX, sanctionReasonTooLong: SANCTION_REASON_MAX, memberNoteTooLong: NOTE_MAX, evidenceNoteTooLong: EVIDENCE_NOTE_MAX };

export function moderatorKit(deps: CommunityDeps, app: Hono<AppEnv>) {
  const { pages, forums } = deps;
  const actions = createModeratorActions(deps.db, deps.clock);
  const moderator = requirePermission('forum.moderate');
  const sanctions = createSanctions(deps.db, deps.clock);
  const evidence = createEvidence(deps.db, deps.clock);
  const notFound = async (c: Context<AppEnv>) => pages.fresh(c, <NotFoundPage site={await pages.siteContext(c)} />, 404);
  const audit = (c: Context<AppEnv>, action: string, subjectType: 'forum_post' | 'forum_topic', subjectId: number, details: Record<string, unknown> = {}) => ({
    actorUserId: c.get('user')!.id,
    action,
    subjectType,
    subjectId,
    details,
    ip: clientIp(c, deps.trustProxy),
  });

  /** The moderator's limit, checked before any write; a page saying so when it is used up. */
  async function limited(c: Context<AppEnv>): Promise<Response | null> {
    const taken = await deps.rateLimits.moderatorActions.take(`user:${c.get('user')!.id}`);
    if (taken.allowed) return null;
    const site = await pages.siteContext(c);
    return pages.fresh(c, <BadRequestPage site={site} message={site.i18n.text(communityText)('moderatorLimited')} />, 429, { 'retry-after': String(taken.retryAfterSeconds) });
  }

  /** Field errors of a failed schema, in the moderator's language. */
  function problems(error: z.ZodError, field: (name: string) => string, t: (key: CommunityKey, values?: Record<string, number>) => string): FieldError[] {
    return error.issues.map((i) => ({ field: field(String(i.path[0] ?? 'reason')), message: t(i.message as CommunityKey, { max: MAX_OF[i.message] ?? REASON_MAX, days: SUSPENSION_MAX_DAYS }) }));
  }

  async function showPost(c: Context<AppEnv>, postId: number, values: PostToolsValues = {}, errors: FieldError[] = [], status = 200) {
    const post = await actions.post(postId);
    const topic = post && (await forums.topic(post.topicId));
    if (!post || !topic) return notFound(c);
    const site = await pages.siteContext(c);
    const render = await markdownFor(deps, site);
    const [author, record, category, categories, history] = await Promise.all([
      post.authorId === null ? null : deps.members.byUser(post.authorId),
      post.authorId === null ? null : sanctions.record(post.authorId),
      forums.categoryById(topic.category_id),
      forums.categories(true),
      actions.history(post.id, topic.id),
    ]);
    const notes = (await evidence.forPosts([post.id])).get(post.id) ?? [];
    return pages.fresh(
      c,
      <PostToolsPage
        {...await frameOf(deps, c)}
        post={post}
        authorName={post.authorId === null ? null : (author?.display_name ?? null)}
        bodyHtml={render(post.body)}
        topic={{ id: topic.id, title: topic.title, lockedAt: topic.locked_at, lockReason: topic.lock_reason, categoryId: topic.category_id, categoryName: category?.name ?? '' }}
        categories={categories.map((c) => ({ id: c.id, name: c.name }))}
        history={history}
        values={values}
        errors={errors}
        notice={ownValue(NOTICES, c.req.query('notice'))}
        evidence={notes}
        memberTools={record ? <MemberTools site={site} csrfToken={c.get('csrfToken')} postId={post.id} record={record} back="post" values={values} errors={errors} /> : null}
      />,
      status,
    );
  }

  app.get('/moderation/posts/:id', moderator, async (c) => {
    const id = Id.safeParse(c.req.param('id'));
    return id.success ? showPost(c, id.data) : notFound(c);
  });

  /** A post action: the post, the form, the moderator's claim respected; `run` returns false when the post is not in a state for it. */
  function postAction<S extends z.ZodType>(path: string, schema: S | (() => S), valuesOf: (f: Record<string, string>) => PostToolsValues, run: (tx: Tx, postId: number, data: z.infer<S>, c: Context<AppEnv>, site: SiteContext) => Promise<boolean>, notice: ToolNotice, field: (name: string) => string) {
    app.post(path, moderator, async (c) => {
      const id = Id.safeParse(c.req.param('id'));
      const post = id.success ? await actions.post(id.data) : undefined;
      if (!post) return notFound(c);
      const stop = await limited(c);
      if (stop) return stop;
      const site = await pages.siteContext(c);
      const t = site.i18n.text(communityText);
      const f = await formFields(c);
      const parsed = (typeof schema === 'function' ? schema() : schema).safeParse(f);
      if (!parsed.success) return showPost(c, post.id, valuesOf(f), problems(parsed.error, field, t), 400);
      const user = c.get('user')!;
      const outcome = await deps.db.transaction().execute(async (tx) => {
        if (await forums.claimedByOther(post.id, user.id, tx)) return 'claimed';
        return (await run(tx, post.id, parsed.data, c, site)) ? 'done' : 'state';
      });
      if (outcome === 'claimed') return showPost(c, post.id, valuesOf(f), [{ field: field('reason'), message: t('claimFailed') }], 409);
      if (outcome === 'state') return showPost(c, post.id, valuesOf(f), [{ field: field('reason'), message: t('postStateChanged') }], 409);
      return redirectAfter(c, f, post.topicId, post.id, notice);
    });
  }

  async function redirectAfter(c: Context<AppEnv>, f: Record<string, string>, topicId: number, postId: number | undefined, notice: ToolNotice) {
    const site = await pages.siteContext(c);
    const back = Back.parse(f);
    if (back.back === 'topic' || (postId ?? back.post) === undefined) return c.redirect(site.i18n.path(`/forums/topics/${topicId}?notice=${notice}`), 303);
    if (back.back === 'queue') return c.redirect(site.i18n.path(`/moderation/${postId ?? back.post}?notice=${notice}`), 303);
    return c.redirect(site.i18n.path(`/moderation/posts/${postId ?? back.post}?notice=${notice}`), 303);
  }

  return { actions, sanctions, evidence, moderator, notFound, audit, limited, problems, showPost, postAction, redirectAfter };
}
