import type { AuthzRequests } from '../../accounts/test-support/authz-requests.js';
import { randomToken, sha256Hex } from '../../accounts/tokens.js';
import { loadSigningKey } from '../../accounts/signing-keys.js';
import { createFollowing } from '../following.js';
import { createForums } from '../forums.js';
import { guardFields, makeHeldPost, makeMember, makeTopic } from './community.js';

const NEW_PASSWORD = 'lantern otter quarry 31';
let seq = 0;
const fresh = () => `${process.pid}-${Date.now().toString(36)}-${++seq}`;

/** Requests for src/community/authz.ts. */
export const communityRequests: AuthzRequests = {
  'POST /join': async (ctx) => ({ path: '/join', body: { ...(await guardFields(ctx.db)), displayName: `otter${fresh()}`.slice(0, 40), email: `join-${fresh()}@example.org`, password: NEW_PASSWORD, 'password-confirm': NEW_PASSWORD } }),
  'POST /join/verify/:token': async (ctx) => {
    const token = randomToken();
    const at = new Date();
    await ctx.db
      .insertInto('community_signups')
      .values({ token_hash: sha256Hex(token), email: `verify-${fresh()}@example.org`, display_name: `heron${fresh()}`.slice(0, 40), password_hash: 'scrypt$x', created_at: at.toISOString(), expires_at: new Date(at.getTime() + 3_600_000).toISOString(), used_at: null })
      .execute();
    return { path: `/join/verify/${token}`, body: {} };
  },
  'GET /members/me': async () => ({ path: '/members/me' }),
  'POST /members/me/name': async () => ({ path: '/members/me/name', body: { displayName: `kestrel${fresh()}`.slice(0, 40) } }),
  'GET /members/me/data': async () => ({ path: '/members/me/data' }),
  'POST /members/me/delete': async (ctx) => ({ path: '/members/me/delete', body: { posts: 'keep', password: ctx.password } }),
  'GET /forums/:slug/new': async (ctx) => ({ path: `/forums/${(await makeTopic(ctx.db, (await ctx.createUser('member')).id)).slug}/new` }),
  'POST /forums/:slug/new': async (ctx) => {
    const { slug } = await makeTopic(ctx.db, (await ctx.createUser('member')).id);
    return { path: `/forums/${slug}/new`, body: { ...(await guardFields(ctx.db)), title: 'Gloves for cold mornings', body: 'Which gloves keep your fingers warm?' } };
  },
  'POST /forums/topics/:id/reply': async (ctx) => {
    const { topicId } = await makeTopic(ctx.db, (await ctx.createUser('member')).id);
    return { path: `/forums/topics/${topicId}/reply`, body: { ...(await guardFields(ctx.db)), body: 'Thank you for asking.' } };
  },
  'POST /forums/topics/:id/follow': async (ctx) => ({ path: `/forums/topics/${(await makeTopic(ctx.db, (await ctx.createUser('member')).id)).topicId}/follow`, body: {} }),
  'POST /forums/topics/:id/unfollow': async (ctx) => ({ path: `/forums/topics/${(await makeTopic(ctx.db, (await ctx.createUser('member')).id)).topicId}/unfollow`, body: {} }),
  'POST /forums/unfollow/:token': async (ctx) => {
    const follower = await ctx.createUser('member');
    const { topicId } = await makeTopic(ctx.db, follower.id);
    await ctx.db.insertInto('forum_follows').values({ user_id: follower.id, topic_id: topicId, created_at: new Date().toISOString() }).execute();
    const following = createFollowing(ctx.db, await loadSigningKey(ctx.db, 'community-follows'));
    return { path: `/forums/unfollow/${following.unfollowToken(follower.id, topicId)}`, body: {} };
  },
  'GET /forums/posts/:id/flag': async (ctx) => ({ path: `/forums/posts/${(await makeTopic(ctx.db, (await ctx.createUser('member')).id)).postId}/flag` }),
  'POST /forums/posts/:id/flag': async (ctx) => ({ path: `/forums/posts/${(await makeTopic(ctx.db, (await ctx.createUser('member')).id)).postId}/flag`, body: { reason: 'spam', note: '' } }),
  'GET /moderation': async () => ({ path: '/moderation' }),
  'GET /moderation/:id': async (ctx) => ({ path: `/moderation/${(await heldFrom(ctx)).heldPostId}` }),
  'POST /moderation/:id/claim': async (ctx) => ({ path: `/moderation/${(await heldFrom(ctx)).heldPostId}/claim`, body: {} }),
  'POST /moderation/:id/approve': async (ctx) => {
    const held = await heldFrom(ctx);
    return { path: `/moderation/${held.heldPostId}/approve`, body: { body: 'Held reply', reason: '' } };
  },
  'GET /moderation/posts/:id': async (ctx) => ({ path: `/moderation/posts/${(await topicFrom(ctx)).postId}` }),
  'POST /moderation/posts/:id/edit': async (ctx) => ({ path: `/moderation/posts/${(await topicFrom(ctx)).postId}/edit`, body: { body: 'Opening post, shortened', reason: 'shortened' } }),
  'POST /moderation/posts/:id/hide': async (ctx) => ({ path: `/moderation/posts/${(await topicFrom(ctx)).postId}/hide`, body: { reason: 'off topic' } }),
  'POST /moderation/posts/:id/unhide': async (ctx) => {
    const { postId } = await topicFrom(ctx);
    await ctx.db.updateTable('forum_posts').set({ status: 'removed', hidden_reason: 'off topic' }).where('id', '=', postId).execute();
    return { path: `/moderation/posts/${postId}/unhide`, body: {} };
  },
  'POST /moderation/posts/:id/split': async (ctx) => {
    const { topicId, authorId } = await topicFrom(ctx);
    const replyId = await ctx.db.transaction().execute((tx) => createForums(ctx.db).createReply(tx, { topicId, authorId, body: 'A new question', held: false, reason: null, matches: [], urgent: false }));
    return { path: `/moderation/posts/${replyId}/split`, body: { title: 'A new question', reason: 'another subject' } };
  },
  'POST /moderation/topics/:id/lock': async (ctx) => ({ path: `/moderation/topics/${(await topicFrom(ctx)).topicId}/lock`, body: { reason: 'answered' } }),
  'POST /moderation/topics/:id/unlock': async (ctx) => {
    const { topicId } = await topicFrom(ctx);
    await ctx.db.updateTable('forum_topics').set({ locked_at: new Date().toISOString() }).where('id', '=', topicId).execute();
    return { path: `/moderation/topics/${topicId}/unlock`, body: {} };
  },
  'POST /moderation/topics/:id/move': async (ctx) => {
    const { topicId } = await topicFrom(ctx);
    const other = await makeTopic(ctx.db, (await ctx.createUser('member')).id);
    return { path: `/moderation/topics/${topicId}/move`, body: { category: String(other.categoryId) } };
  },
  'POST /moderation/posts/:id/warn': async (ctx) => ({ path: `/moderation/posts/${(await topicFrom(ctx)).postId}/warn`, body: { reason: 'Please keep to the guidelines.' } }),
  'POST /moderation/posts/:id/suspend': async (ctx) => ({ path: `/moderation/posts/${(await topicFrom(ctx)).postId}/suspend`, body: { until: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10), reason: 'Repeated advertising.' } }),
  'POST /moderation/posts/:id/lift': async (ctx) => {
    const { postId } = await topicFrom(ctx);
    const post = await ctx.db.selectFrom('forum_posts').select('author_id').where('id', '=', postId).executeTakeFirstOrThrow();
    await ctx.db.insertInto('community_sanctions').values({ user_id: post.author_id!, kind: 'suspension', reason: 'test', until: new Date(Date.now() + 86_400_000).toISOString(), post_id: postId, moderator_id: null, created_at: new Date().toISOString() }).execute();
    return { path: `/moderation/posts/${postId}/lift`, body: {} };
  },
  'POST /moderation/posts/:id/note': async (ctx) => ({ path: `/moderation/posts/${(await topicFrom(ctx)).postId}/note`, body: { note: 'Posted the same link twice before.' } }),
  'POST /moderation/posts/:id/evidence': async (ctx) => {
    const page = await ctx.db.selectFrom('pages').select('slug').where('deleted_at', 'is', null).orderBy('id').executeTakeFirstOrThrow();
    return { path: `/moderation/posts/${(await topicFrom(ctx)).postId}/evidence`, body: { page: page.slug, note: 'The directory page explains what is known.' } };
  },
  'GET /admin/community': async () => ({ path: '/admin/community' }),
  'POST /admin/community': async () => ({
    path: '/admin/community',
    body: { firstPostsHeld: '3', newMemberDays: '7', flagThreshold: '3', crisisAction: 'hold', crisisPhrases: 'end my life\nkill myself', crisisText: 'Call your local emergency number.', blockWords: '', holdWords: '', replaceWords: '', guidelines: '' },
  }),
  'POST /moderation/:id/reject': async (ctx) => ({ path: `/moderation/${(await heldFrom(ctx)).heldPostId}/reject`, body: { reply: 'guidelines' } }),
};

async function topicFrom(ctx: Parameters<AuthzRequests[string]>[0]) {
  const writer = await ctx.createUser('member');
  await makeMember(ctx.db, writer.id);
  return { ...(await makeTopic(ctx.db, writer.id)), authorId: writer.id };
}

async function heldFrom(ctx: Parameters<AuthzRequests[string]>[0]) {
  const writer = await ctx.createUser('member');
  await makeMember(ctx.db, writer.id);
  return makeHeldPost(ctx.db, writer.id);
}
