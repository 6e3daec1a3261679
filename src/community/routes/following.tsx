/**
 * Following a topic: a member follows or unfollows from the topic page (a
 * plain form, no script); the e-mail of each new reply carries a signed link
 * that unfollows in one click (GET asks, POST unfollows: RFC 8058, no session
 * or CSRF token needed, the signed link is the authority).
 */
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../accounts/context.js';
import { requirePermission } from '../../accounts/middleware.js';
import { BadRequestPage, NotFoundPage } from '../../site/views/site-pages.js';
import { type CommunityDeps, frameOf } from '../deps.js';
import { communityText } from '../messages/index.js';
import { UnfollowPage } from '../views/following-pages.js';

const Params = z.object({ id: z.string().regex(/^[1-9]\d{0,12}$/).transform(Number) });

export function followRoutes(deps: CommunityDeps) {
  const app = new Hono<AppEnv>();
  const { pages, forums, following } = deps;
  const poster = requirePermission('forum.post');
  const notFound = async (c: Context<AppEnv>) => pages.fresh(c, <NotFoundPage site={await pages.siteContext(c)} />, 404);
  const private_ = (res: Response) => {
    // The signed link is in the address: never pass it on to another site.
    res.headers.set('referrer-policy', 'no-referrer');
    return res;
  };

  /** Follow and unfollow share everything but the change. */
  const change = (path: string, act: (userId: number, topicId: number) => Promise<unknown>, notice: 'followed' | 'unfollowed') =>
    app.post(path, poster, async (c) => {
      const params = Params.safeParse(c.req.param());
      const topic = params.success ? await forums.topic(params.data.id) : undefined;
      if (!topic || topic.status !== 'visible') return notFound(c);
      const site = await pages.siteContext(c);
      const limited = await deps.rateLimits.forumFollows.take(`user:${c.get('user')!.id}`);
      if (!limited.allowed) return pages.fresh(c, <BadRequestPage site={site} message={site.i18n.text(communityText)('followsLimited')} />, 429, { 'retry-after': String(limited.retryAfterSeconds) });
      await act(c.get('user')!.id, topic.id);
      return c.redirect(site.i18n.path(`/forums/topics/${topic.id}?notice=${notice}#follow`), 303);
    });
  change('/forums/topics/:id/follow', (u, t) => following.follow(u, t), 'followed');
  change('/forums/topics/:id/unfollow', (u, t) => following.unfollow(u, t), 'unfollowed');

  async function fromToken(c: Context<AppEnv>) {
    const checked = following.checkUnfollow(c.req.param('token') ?? '');
    const topic = checked ? await forums.topic(checked.topicId) : undefined;
    return checked && topic ? { ...checked, title: topic.title } : null;
  }

  app.get('/forums/unfollow/:token', async (c) => {
    const target = await fromToken(c);
    if (!target) return private_(await notFound(c));
    return private_(await pages.fresh(c, <UnfollowPage {...await frameOf(deps, c)} title={target.title} token={c.req.param('token')} done={false} />));
  });

  app.post('/forums/unfollow/:token', async (c) => {
    const target = await fromToken(c);
    if (!target) return private_(await notFound(c));
    await following.unfollow(target.userId, target.topicId);
    return private_(await pages.fresh(c, <UnfollowPage {...await frameOf(deps, c)} title={target.title} token={c.req.param('token')} done={true} />));
  });

  return app;
}
