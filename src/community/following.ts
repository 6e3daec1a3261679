/**
 * Members following a topic: each new reply that readers can see (posted
 * straight away, or approved by a moderator) is e-mailed through the outbox to
 * every follower but its writer, in the transaction that makes it visible.
 * forum_follow_notices keeps one row per follower and reply, so a reply is
 * never e-mailed twice (approved again after being hidden, a retried request).
 * The e-mail carries a signed one-click unfollow link (RFC 8058, as following
 * a directory topic does: src/mail/following/emails.ts listHeaders).
 */
import type { Db, Tx } from '../db/database.js';
import { hmacBase64url, safeEqual } from '../accounts/tokens.js';
import { normaliseAddress } from '../mail/address.js';
import { composeEmail } from '../mail/compose.js';
import { listHeaders } from '../mail/following/emails.js';
import type { MailOutbox } from '../mail/outbox.js';
import type { SiteContext } from '../web/site-context.js';
import { communityText } from './messages/index.js';

/** How much of a reply the e-mail quotes; the rest is on the site. */
const EXCERPT_MAX = 1500;

export function createFollowing(db: Db, key: Buffer, clock: () => Date = () => new Date()) {
  const sign = (body: string) => hmacBase64url(key, `forum-unfollow:${body}`);

  const links = {
    /** The unfollow link of one member and topic; it works as long as they follow it. */
    unfollowToken(userId: number, topicId: number): string {
      const body = `${userId}.${topicId}`;
      return `${body}.${sign(body)}`;
    },
    checkUnfollow(token: string): { userId: number; topicId: number } | null {
      const m = /^(\d{1,12})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
      if (!m || !safeEqual(sign(`${m[1]}.${m[2]}`), m[3]!)) return null;
      return { userId: Number(m[1]), topicId: Number(m[2]) };
    },
  };

  return {
    ...links,

    async follow(userId: number, topicId: number): Promise<void> {
      await db.insertInto('forum_follows').values({ user_id: userId, topic_id: topicId, created_at: clock().toISOString() }).onConflict((oc) => oc.columns(['user_id', 'topic_id']).doNothing()).execute();
    },

    async unfollow(userId: number, topicId: number): Promise<boolean> {
      const result = await db.deleteFrom('forum_follows').where('user_id', '=', userId).where('topic_id', '=', topicId).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async follows(userId: number, topicId: number): Promise<boolean> {
      return (await db.selectFrom('forum_follows').select('topic_id').where('user_id', '=', userId).where('topic_id', '=', topicId).executeTakeFirst()) !== undefined;
    },

    /** The topics a member follows, latest activity first, marked when there is something new since they last read it. */
    async followedTopics(userId: number) {
      const rows = await db
        .selectFrom('forum_follows')
        .innerJoin('forum_topics', 'forum_topics.id', 'forum_follows.topic_id')
        .leftJoin('forum_reads', (j) => j.onRef('forum_reads.topic_id', '=', 'forum_follows.topic_id').onRef('forum_reads.user_id', '=', 'forum_follows.user_id'))
        .select(['forum_topics.id', 'forum_topics.title', 'forum_topics.last_post_at', 'forum_topics.reply_count', 'forum_topics.status', 'forum_reads.read_at'])
        .where('forum_follows.user_id', '=', userId)
        .orderBy('forum_topics.last_post_at', 'desc')
        .limit(100)
        .execute();
      return rows.map((r) => ({ id: r.id, title: r.title, lastPostAt: r.last_post_at, replyCount: r.reply_count, isNew: r.status === 'visible' && (r.read_at === null || r.read_at < r.last_post_at) }));
    },

    /**
     * E-mails a reply that has just become visible to the topic's followers
     * (never its writer), in the caller's transaction. Returns how many were queued.
     */
    async notify(tx: Tx, mail: MailOutbox, site: SiteContext, postId: number): Promise<number> {
      const post = await tx
        .selectFrom('forum_posts')
        .innerJoin('forum_topics', 'forum_topics.id', 'forum_posts.topic_id')
        .leftJoin('community_members', 'community_members.user_id', 'forum_posts.author_id')
        .select(['forum_posts.topic_id', 'forum_posts.author_id', 'forum_posts.body', 'forum_posts.status', 'forum_posts.is_opening', 'forum_topics.title', 'community_members.display_name'])
        .where('forum_posts.id', '=', postId)
        .executeTakeFirst();
      if (!post || post.status !== 'visible' || post.is_opening === 1) return 0;
      let q = tx.selectFrom('forum_follows').innerJoin('users', 'users.id', 'forum_follows.user_id').select(['users.id', 'users.email']).where('forum_follows.topic_id', '=', post.topic_id);
      if (post.author_id !== null) q = q.where('forum_follows.user_id', '!=', post.author_id);
      const followers = await q.execute();
      let queued = 0;
      for (const follower of followers) {
        const to = normaliseAddress(follower.email);
        if ('problem' in to) continue;
        const fresh = await tx
          .insertInto('forum_follow_notices')
          .values({ user_id: follower.id, post_id: postId, sent_at: clock().toISOString() })
          .onConflict((oc) => oc.columns(['user_id', 'post_id']).doNothing())
          .returning('user_id')
          .executeTakeFirst();
        if (!fresh) continue;
        const topicUrl = `${site.baseUrl}${site.i18n.path(`/forums/topics/${post.topic_id}`)}`;
        const unfollowUrl = `${site.baseUrl}${site.i18n.path(`/forums/unfollow/${links.unfollowToken(follower.id, post.topic_id)}`)}`;
        await mail.enqueue(tx, {
          to: to.address,
          kind: 'community-reply',
          lang: site.lang,
          dedupeKey: `forum-reply:${postId}:${follower.id}`,
          ...replyEmail(site, { topic: post.title, writer: post.display_name ?? site.i18n.text(communityText)('formerMember'), body: post.body, postUrl: `${topicUrl}#post-${postId}`, unfollowUrl }),
          headers: listHeaders(site, { manage: topicUrl, unsubscribe: unfollowUrl }),
        });
        queued++;
      }
      return queued;
    },
  };
}

export type Following = ReturnType<typeof createFollowing>;

function replyEmail(site: SiteContext, input: { topic: string; writer: string; body: string; postUrl: string; unfollowUrl: string }) {
  const t = site.i18n.text(communityText);
  const organisation = site.settings.organisation;
  const excerpt = input.body.length > EXCERPT_MAX ? `${input.body.slice(0, EXCERPT_MAX)}…` : input.body;
  return composeEmail({
    lang: site.lang,
    dir: site.i18n.dir,
    subject: t('followEmailSubject', { topic: input.topic.slice(0, 200) }),
    blocks: [
      { p: t('followEmailBody', { name: input.writer, topic: input.topic }) },
      { p: excerpt },
      { link: { label: t('followEmailRead'), href: input.postUrl } },
      { rule: true },
      { link: { label: t('followEmailUnfollow'), href: input.unfollowUrl } },
      { small: t('followEmailWhy', { organisation }) },
    ],
  });
}
