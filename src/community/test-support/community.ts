import { loadSigningKey } from '../../accounts/signing-keys.js';
import type { Db } from '../../db/database.js';
import { createForums } from '../forums.js';
import { displayKey } from '../members.js';
import { formStarted } from '../spam.js';

/** A "form opened at" field from a minute ago: the minimum typing time has passed. */
export async function openedAMinuteAgo(db: Db): Promise<string> {
  return formStarted(await loadSigningKey(db, 'community-forms'), new Date(Date.now() - 60_000));
}

/** The fields every guarded community form carries, valid (honeypot empty). */
export async function guardFields(db: Db): Promise<Record<string, string>> {
  return { _started: await openedAMinuteAgo(db), website: '' };
}

let seq = 0;
/** A member profile for an existing user (as sign-up would make), with this many approved posts. */
export async function makeMember(db: Db, userId: number, approvedPosts = 0, name = `Member ${process.pid} ${++seq} ${Math.random().toString(36).slice(2, 7)}`) {
  await db.insertInto('community_members').values({ user_id: userId, display_name: name, display_key: displayKey(name), joined_at: '2020-01-01T00:00:00.000Z', approved_posts: approvedPosts }).execute();
  return name;
}

/** A public category and a visible topic in it, written straight to the store. */
export async function makeTopic(db: Db, authorId: number, options: { visibility?: 'public' | 'members'; title?: string; body?: string } = {}) {
  const forums = createForums(db);
  const slug = `cat-${process.pid}-${++seq}-${Math.random().toString(36).slice(2, 7)}`;
  const categoryId = await forums.addCategory({ slug, name: `Category ${seq}`, description: '', lang: null, visibility: options.visibility ?? 'public' });
  const made = await db.transaction().execute((tx) =>
    forums.createTopic(tx, { categoryId, authorId, title: options.title ?? `Topic ${seq}`, body: options.body ?? 'Opening post', held: false, reason: null, matches: [], urgent: false }),
  );
  return { slug, categoryId, ...made };
}

/** A post held for a moderator (a reply in a fresh topic). */
export async function makeHeldPost(db: Db, authorId: number) {
  const forums = createForums(db);
  const topic = await makeTopic(db, authorId);
  const postId = await db.transaction().execute((tx) => forums.createReply(tx, { topicId: topic.topicId, authorId, body: 'Held reply', held: true, reason: 'first-posts', matches: [{ check: 'first-posts', detail: '1/3' }], urgent: false }));
  return { ...topic, heldPostId: postId };
}
