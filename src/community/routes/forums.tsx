/**
 * The forums: the category list, a category's topics, a topic's posts, new
 * topics, replies (with quoting), and flags. Reading is open to everyone in
 * public categories and to signed-in people in members-only ones; writing
 * needs forum.post. Every new post passes the moderation checks.
 */
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv, CurrentUser } from '../../accounts/context.js';
import { formFields } from '../../accounts/forms.js';
import { loginHref, requirePermission } from '../../accounts/middleware.js';
import { can } from '../../accounts/permissions.js';
import type { FieldError } from '../../accounts/views/form-parts.js';
import { BadRequestPage, NotFoundPage } from '../../site/views/site-pages.js';
import { ownValue } from '../../web/known-key.js';
import { type CommunityDeps, frameOf, markdownFor, settingsOf } from '../deps.js';
import { BODY_MAX, type CategoryRow, FLAG_REASONS, type FlagReason, TITLE_MAX } from '../forums.js';
import { MAX_QUERY_CHARS } from '../../search/query.js';
import { ForumSearchPage, hitView } from '../views/forum-search.js';
import { communityText } from '../messages/index.js';
import { isNewMember, judgePost } from '../moderation/checks.js';
import { alertOnCall } from '../moderation/crisis-alert.js';
import { createEvidence } from '../moderation/evidence.js';
import type { Tx } from '../../db/database.js';
import { SOURCE_LANG, isLang } from '../../i18n/languages.js';
import type { SiteContext } from '../../web/site-context.js';
import { createSanctions } from '../moderation/sanctions.js';
import { type PrivacyFinding, findPersonalData } from '../privacy.js';
import { formStarted, spamProblem } from '../spam.js';
import { CategoryPage, FlagPage, ForumsIndexPage, NewTopicPage, TopicPage } from '../views/forum-pages.js';

const PageQuery = z.object({ page: z.string().regex(/^[1-9]\d{0,5}$/).transform(Number).optional() });
const Id = z.string().regex(/^[1-9]\d{0,12}$/).transform(Number);
const SearchQuery = z.object({
  // Longer queries are cut, as the site search does: the box allows no more.
  q: z.string().default('').transform((q) => q.slice(0, MAX_QUERY_CHARS)),
  category: Id.optional().catch(undefined),
  page: z.string().regex(/^[1-9]\d{0,5}$/).transform(Number).optional(),
});
const NOTICES = { followed: 'noticeFollowed', unfollowed: 'noticeUnfollowed', held: 'noticeHeld', posted: 'noticePosted', flagged: 'noticeFlagged', locked: 'noticeLocked', unlocked: 'noticeUnlocked', moved: 'noticeMoved', edited: 'noticeEdited', hidden: 'noticeHidden', unhidden: 'noticeUnhidden' } as const;

/** Who may read a category: everyone when public; anyone signed in when members-only. */
function mayRead(category: CategoryRow, user: CurrentUser | null): boolean {
  return category.visibility === 'public' || user !== null;
}

/** A Markdown quote of a post for the reply box. */
function quoteOf(name: string, body: string): string {
  return `> **${name.replace(/[*_\[\]\\]/g, '')}**:\n${body.split('\n').map((line) => `> ${line}`).join('\n')}\n\n`;
}

export function forumRoutes(deps: CommunityDeps) {
  const app = new Hono<AppEnv>();
  const { pages, forums, members } = deps;
  const poster = requirePermission('forum.post');
  const sanctions = createSanctions(deps.db, deps.clock);
  const evidence = createEvidence(deps.db, deps.clock);

  /** Why a suspended member cannot post, said plainly; none when they may. */
  async function suspensionProblem(c: Context<AppEnv>): Promise<FieldError[]> {
    const suspension = await sanctions.activeSuspension(c.get('user')!.id);
    if (!suspension) return [];
    const site = await pages.siteContext(c);
    return [{ field: 'body', message: site.i18n.text(communityText)('suspendedPosting', { date: site.i18n.date(suspension.until), reason: suspension.reason }) }];
  }

  const notFound = async (c: Context<AppEnv>) => pages.fresh(c, <NotFoundPage site={await pages.siteContext(c)} />, 404);
  /** Members-only pages: never indexed, never stored by a shared cache. */
  const privately = (res: Response, category: CategoryRow) => {
    if (category.visibility === 'members') res.headers.set('x-robots-tag', 'noindex');
    return res;
  };

  app.get('/forums', async (c) => {
    const user = c.get('user');
    const site = await pages.siteContext(c);
    const [categories, settings, render] = await Promise.all([forums.categories(user !== null), settingsOf(deps), markdownFor(deps, site)]);
    const res = await pages.fresh(c, <ForumsIndexPage {...await frameOf(deps, c)} categories={categories} guidelinesHtml={settings.guidelines ? render(settings.guidelines) : ''} notice={c.req.query('notice') === 'welcome' && user ? 'noticeWelcome' : undefined} />);
    return res;
  });

  // Before /forums/:slug, which would take "search" for a category.
  app.get('/forums/search', async (c) => {
    const user = c.get('user');
    const site = await pages.siteContext(c);
    const query = SearchQuery.safeParse(c.req.query());
    if (!query.success) return pages.fresh(c, <BadRequestPage site={site} message={site.i18n.text(communityText)('badPage')} />, 400);
    const { q, category, page } = query.data;
    const categories = (await forums.categories(user !== null)).map((c) => ({ id: c.id, name: c.name }));
    // A category the person may not read (or that is gone) is searched as "all categories".
    const categoryId = categories.some((c) => c.id === category) ? category : undefined;
    const found = q.trim() ? await deps.search.search({ text: q, lang: site.lang, signedIn: user !== null, categoryId, page: page ?? 1 }) : null;
    const results = found && { ...found, hits: found.hits.map((h) => hitView(site, h)) };
    return pages.fresh(c, <ForumSearchPage {...await frameOf(deps, c)} q={q} categoryId={categoryId} categories={categories} results={results} />);
  });

  app.get('/forums/topics/:id', async (c) => {
    const id = Id.safeParse(c.req.param('id'));
    const query = PageQuery.safeParse(c.req.query());
    if (!id.success) return notFound(c);
    if (!query.success) return pages.fresh(c, <BadRequestPage site={await pages.siteContext(c)} message={(await pages.siteContext(c)).i18n.text(communityText)('badPage')} />, 400);
    return showTopic(c, id.data, query.data.page ?? 1, null);
  });

  async function showTopic(c: Context<AppEnv>, topicId: number, page: number, reply: { body: string; errors: FieldError[]; findings: PrivacyFinding[] } | null, status = 200) {
    const user = c.get('user');
    const topic = await forums.topic(topicId);
    if (!topic) return notFound(c);
    const category = (await forums.categoryById(topic.category_id))!;
    if (!mayRead(category, user)) return c.redirect(loginHref(c), 303);
    const ownHeld = topic.status === 'held' && user !== null && topic.author_id === user.id;
    if (topic.status !== 'visible' && !ownHeld && !(user && can(user, 'forum.moderate'))) return notFound(c);
    const list = await forums.posts(topicId, page, user?.id ?? null);
    if (page > list.pageCount) return notFound(c);
    const site = await pages.siteContext(c);
    const render = await markdownFor(deps, site);
    const readSince = user ? await forums.readAt(user.id, topicId) : null;
    if (user) await forums.markRead(user.id, topicId);
    let body = reply?.body ?? '';
    const quoteId = Id.safeParse(c.req.query('quote') ?? '');
    if (!reply && quoteId.success) {
      const quoted = await forums.post(quoteId.data);
      if (quoted && quoted.topicId === topicId && quoted.status === 'visible') body = quoteOf(quoted.authorName ?? site.i18n.text(communityText)('formerMember'), quoted.body);
    }
    const settings = await settingsOf(deps);
    const crisis = c.req.query('crisis') === '1' ? (settings.crisisText ? render(settings.crisisText) : '') : null;
    // A locked topic takes no replies; a reply sent as it was locked still comes back with its text.
    const mayReply = user !== null && can(user, 'forum.post') && topic.status === 'visible' && (topic.locked_at === null || reply !== null);
    const moderating = user !== null && can(user, 'forum.moderate');
    const following = user !== null && can(user, 'forum.post') && topic.status === 'visible' ? await deps.following.follows(user.id, topicId) : null;
    const categories = moderating ? (await forums.categories(true)).map((c) => ({ id: c.id, name: c.name })) : [];
    const res = await pages.fresh(
      c,
      <TopicPage
        {...await frameOf(deps, c)}
        category={category}
        topic={{ id: topic.id, title: topic.title, status: topic.status, lockedAt: topic.locked_at, lockReason: topic.lock_reason, categoryId: category.id, categoryName: category.name }}
        moderatorCategories={moderating ? categories : null}
        following={following}
        evidence={await evidence.forPosts(list.items.filter((p) => p.status === 'visible').map((p) => p.id))}
        list={list}
        renderBody={render}
        reply={mayReply ? { body, errors: reply?.errors ?? [], findings: reply?.findings ?? [], started: formStarted(deps.formKey, deps.clock()) } : null}
        readSince={readSince}
        notice={ownValue(NOTICES, c.req.query('notice'))}
        crisisHtml={crisis}
      />,
      status,
    );
    return privately(res, category);
  }

  app.get('/forums/posts/:id/flag', poster, async (c) => {
    const id = Id.safeParse(c.req.param('id'));
    const post = id.success ? await forums.post(id.data) : undefined;
    if (!post || post.status !== 'visible') return notFound(c);
    return showFlag(c, post.id, { reason: '', note: '' }, [], 200);
  });

  async function showFlag(c: Context<AppEnv>, postId: number, values: { reason: FlagReason | ''; note: string }, errors: FieldError[], status: number) {
    const post = (await forums.post(postId))!;
    const topic = (await forums.topic(post.topicId))!;
    const site = await pages.siteContext(c);
    const render = await markdownFor(deps, site);
    return pages.fresh(c, <FlagPage {...await frameOf(deps, c)} post={post} topicTitle={topic.title} bodyHtml={render(post.body)} values={values} errors={errors} />, status);
  }

  app.post('/forums/posts/:id/flag', poster, async (c) => {
    const user = c.get('user')!;
    const id = Id.safeParse(c.req.param('id'));
    const post = id.success ? await forums.post(id.data) : undefined;
    if (!post || post.status !== 'visible') return notFound(c);
    const site = await pages.siteContext(c);
    const t = site.i18n.text(communityText);
    const f = await formFields(c);
    const reason = (FLAG_REASONS as readonly string[]).includes(f.reason ?? '') ? (f.reason as FlagReason) : '';
    const note = (f.note ?? '').trim().slice(0, 1000);
    if (!reason) return showFlag(c, post.id, { reason, note }, [{ field: 'reason-spam', message: t('flagReasonMissing') }], 400);
    const limited = await deps.rateLimits.forumFlags.take(`user:${user.id}`);
    if (!limited.allowed) return showFlag(c, post.id, { reason, note }, [{ field: 'reason-spam', message: t('flagsLimited') }], 429);
    const settings = await settingsOf(deps);
    await forums.flag(post.id, user.id, reason, note, settings.flagThreshold);
    return c.redirect(site.i18n.path(`/forums/topics/${post.topicId}?notice=flagged`), 303);
  });

  app.get('/forums/:slug', async (c) => {
    const category = await forums.categoryBySlug(c.req.param('slug'));
    if (!category) return notFound(c);
    const user = c.get('user');
    if (!mayRead(category, user)) return c.redirect(loginHref(c), 303);
    const query = PageQuery.safeParse(c.req.query());
    const site = await pages.siteContext(c);
    if (!query.success) return pages.fresh(c, <BadRequestPage site={site} message={site.i18n.text(communityText)('badPage')} />, 400);
    const page = query.data.page ?? 1;
    const list = await forums.topics(category.id, page, user?.id ?? null);
    if (page > list.pageCount) return notFound(c);
    return privately(await pages.fresh(c, <CategoryPage {...await frameOf(deps, c)} category={category} list={list} />), category);
  });

  app.get('/forums/:slug/new', poster, async (c) => {
    const category = await forums.categoryBySlug(c.req.param('slug'));
    if (!category) return notFound(c);
    return privately(await pages.fresh(c, <NewTopicPage {...await frameOf(deps, c)} category={category} values={{ title: '', body: '' }} errors={[]} findings={[]} started={formStarted(deps.formKey, deps.clock())} />), category);
  });

  /** Shared by new topics and replies: spam defence, limits, privacy, the checks. Returns the verdict or the form's problems. */
  async function prepare(c: Context<AppEnv>, f: Record<string, string>, title: string, body: string) {
    const user = c.get('user')!;
    const site = await pages.siteContext(c);
    const t = site.i18n.text(communityText);
    const errors: FieldError[] = [];
    const spam = spamProblem(f, deps.formKey, deps.clock());
    if (spam) return { errors: [{ field: 'body', message: t(spam === 'honeypot' ? 'formRefused' : spam) }], findings: [] as PrivacyFinding[] };
    if (!body.trim()) errors.push({ field: 'body', message: t('bodyMissing') });
    else if (body.length > BODY_MAX) errors.push({ field: 'body', message: t('bodyTooLong', { max: BODY_MAX }) });
    if (errors.length) return { errors, findings: [] };
    const findings = findPersonalData(`${title}\n${body}`);
    if (findings.length && f.privacyConfirmed !== '1') return { errors: [] as FieldError[], findings, ask: true };
    const settings = await settingsOf(deps);
    const member = await deps.db.transaction().execute((tx) => members.ensureProfile(user, tx));
    const trusted = can(user, 'forum.moderate');
    const author = { approvedPosts: member.approved_posts, joinedAt: member.joined_at, trusted };
    const limiter = isNewMember(author, settings, deps.clock()) ? deps.rateLimits.forumPostsNewMember : deps.rateLimits.forumPosts;
    const rateLimited = !trusted && !(await limiter.take(`user:${user.id}`)).allowed;
    const verdict = judgePost({ title, body, author, rateLimited }, settings, deps.clock());
    if (verdict.outcome === 'blocked') return { errors: [{ field: 'body', message: t('blockedWords', { words: verdict.words.join(', ') }) }], findings: [] };
    return { errors: [] as FieldError[], findings, verdict };
  }

  /** For an urgent post: alerts the moderators on call in the post's transaction, in the site's own language (theirs is unknown). */
  async function onCallAlert(site: SiteContext) {
    const primary = site.settings.language.split('-')[0];
    const staffSite = await pages.siteContext(isLang(primary) ? primary : SOURCE_LANG);
    const settings = await settingsOf(deps);
    return (tx: Tx, postId: number, topicTitle: string) => alertOnCall(tx, deps.mail, staffSite, settings, { postId, topicTitle });
  }

  const afterPost = (site: Awaited<ReturnType<typeof pages.siteContext>>, topicId: number, postId: number, verdict: { outcome: string; urgent: boolean }) =>
    site.i18n.path(`/forums/topics/${topicId}?notice=${verdict.outcome === 'held' ? 'held' : 'posted'}${verdict.urgent ? '&crisis=1' : ''}#post-${postId}`);

  app.post('/forums/:slug/new', poster, async (c) => {
    const category = await forums.categoryBySlug(c.req.param('slug'));
    if (!category) return notFound(c);
    const user = c.get('user')!;
    const site = await pages.siteContext(c);
    const t = site.i18n.text(communityText);
    const f = await formFields(c);
    const values = { title: (f.title ?? '').trim().slice(0, 1000), body: (f.body ?? '').slice(0, BODY_MAX + 1000) };
    const show = async (errors: FieldError[], findings: PrivacyFinding[], status: number) =>
      privately(await pages.fresh(c, <NewTopicPage {...await frameOf(deps, c)} category={category} values={values} errors={errors} findings={findings} started={formStarted(deps.formKey, deps.clock())} />, status), category);
    const suspended = await suspensionProblem(c);
    if (suspended.length) return show(suspended, [], 403);
    const titleErrors: FieldError[] = !values.title ? [{ field: 'title', message: t('titleMissing') }] : values.title.length > TITLE_MAX ? [{ field: 'title', message: t('titleTooLong', { max: TITLE_MAX }) }] : [];
    const prepared = await prepare(c, f, values.title, values.body);
    const errors = [...titleErrors, ...prepared.errors];
    if (errors.length) return show(errors, [], 400);
    if (!('verdict' in prepared) || !prepared.verdict) return show([], prepared.findings, 200);
    const v = prepared.verdict;
    const alert = v.urgent ? await onCallAlert(site) : null;
    const made = await deps.db.transaction().execute(async (tx) => {
      const made = await forums.createTopic(tx, { categoryId: category.id, authorId: user.id, title: v.title, body: v.body, held: v.outcome === 'held', reason: v.reason, matches: v.matches, urgent: v.urgent });
      if (alert) await alert(tx, made.postId, v.title);
      return made;
    });
    return c.redirect(afterPost(site, made.topicId, made.postId, v), 303);
  });

  app.post('/forums/topics/:id/reply', poster, async (c) => {
    const id = Id.safeParse(c.req.param('id'));
    const topic = id.success ? await forums.topic(id.data) : undefined;
    if (!topic || topic.status !== 'visible') return notFound(c);
    const user = c.get('user')!;
    const site = await pages.siteContext(c);
    const f = await formFields(c);
    const body = (f.body ?? '').slice(0, BODY_MAX + 1000);
    const lastPage = async () => (await forums.posts(topic.id, 1, user.id)).pageCount;
    if (topic.locked_at !== null) return showTopic(c, topic.id, await lastPage(), { body, errors: [{ field: 'body', message: site.i18n.text(communityText)('topicLockedReply') }], findings: [] }, 409);
    const suspended = await suspensionProblem(c);
    if (suspended.length) return showTopic(c, topic.id, await lastPage(), { body, errors: suspended, findings: [] }, 403);
    const prepared = await prepare(c, f, '', body);
    if (prepared.errors.length) return showTopic(c, topic.id, await lastPage(), { body, errors: prepared.errors, findings: [] }, 400);
    if (!('verdict' in prepared) || !prepared.verdict) return showTopic(c, topic.id, await lastPage(), { body, errors: [], findings: prepared.findings });
    const v = prepared.verdict;
    const alert = v.urgent ? await onCallAlert(site) : null;
    const postId = await deps.db.transaction().execute(async (tx) => {
      const id = await forums.createReply(tx, { topicId: topic.id, authorId: user.id, body: v.body, held: v.outcome === 'held', reason: v.reason, matches: v.matches, urgent: v.urgent });
      if (alert) await alert(tx, id, topic.title);
      // Followers hear of a reply once readers can see it: now, or when a moderator approves it.
      if (v.outcome !== 'held') await deps.following.notify(tx, deps.mail, site, id);
      return id;
    });
    return c.redirect(afterPost(site, topic.id, postId, v), 303);
  });

  return app;
}
