/**
 * Members of the community: sign-ups waiting for their e-mail to be confirmed
 * (the account is made only then), pseudonymous display names, the data a
 * member can download, and deleting an account.
 */
import type { Selectable } from 'kysely';
import type { Db, Tx } from '../db/database.js';
import type { CommunityMembersTable, CommunitySignupsTable } from '../db/schema.js';
import { randomToken, sha256Hex } from '../accounts/tokens.js';
import { DuplicateEmailError, createUserStore, normaliseEmail } from '../accounts/users.js';
import { createForumSearch } from './search.js';

export type MemberRow = Selectable<CommunityMembersTable>;

export const DISPLAY_NAME_MIN = 3;
export const DISPLAY_NAME_MAX = 40;
/** How long a confirmation link works. */
export const SIGNUP_TTL_MS = 48 * 60 * 60 * 1000;

/** Two names that differ only in case or spacing are the same name. */
export function displayKey(name: string): string {
  return name.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
}

export type DisplayNameProblem = 'displayNameMissing' | 'displayNameTooShort' | 'displayNameTooLong' | 'displayNameCharacters' | 'displayNameEmail';

/** Why a display name cannot be used, or null. Letters of any script, digits, spaces and . _ - */
export function displayNameProblem(name: string): DisplayNameProblem | null {
  const trimmed = name.trim();
  if (!trimmed) return 'displayNameMissing';
  if (/@/.test(trimmed)) return 'displayNameEmail';
  if ([...trimmed].length < DISPLAY_NAME_MIN) return 'displayNameTooShort';
  if ([...trimmed].length > DISPLAY_NAME_MAX) return 'displayNameTooLong';
  if (!/^[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N} ._-]*$/u.test(trimmed)) return 'displayNameCharacters';
  return null;
}

/**
 * Whether a display name looks like someone's real name ("Maria Lopez",
 * "J. Smith"): two or three capitalised words of letters. Only a warning: the
 * member may keep it.
 */
export function looksLikeRealName(name: string): boolean {
  const words = name.trim().split(/\s+/);
  if (words.length < 2 || words.length > 3) return false;
  const nameWord = /^(?:\p{Lu}\.|\p{Lu}\p{Ll}*(?:[-'’]\p{Lu}?\p{Ll}+)*)$/u;
  return words.every((w) => nameWord.test(w) && (w.length > 1 || w.endsWith('.'))) && words.some((w) => w.length > 2);
}

export class DisplayNameTakenError extends Error {
  override name = 'DisplayNameTakenError';
}

export type SignupProblem = 'unknown' | 'used' | 'expired';

export function createMemberStore(db: Db, clock: () => Date = () => new Date()) {
  const now = () => clock().toISOString();
  const users = createUserStore(db, clock);
  const search = createForumSearch(db);

  async function nameTaken(executor: Db | Tx, name: string, exceptUserId?: number): Promise<boolean> {
    let q = executor.selectFrom('community_members').select('user_id').where('display_key', '=', displayKey(name));
    if (exceptUserId !== undefined) q = q.where('user_id', '!=', exceptUserId);
    return (await q.executeTakeFirst()) !== undefined;
  }

  return {
    nameTaken: (name: string) => nameTaken(db, name),

    /** Keeps a sign-up until its link is used; returns the token for the link (only its hash is stored). */
    async startSignup(input: { email: string; displayName: string; passwordHash: string }, tx: Tx): Promise<{ token: string; expiresAt: string }> {
      const token = randomToken();
      const at = clock();
      const expiresAt = new Date(at.getTime() + SIGNUP_TTL_MS).toISOString();
      await tx
        .insertInto('community_signups')
        .values({ token_hash: sha256Hex(token), email: normaliseEmail(input.email), display_name: input.displayName.trim(), password_hash: input.passwordHash, created_at: at.toISOString(), expires_at: expiresAt, used_at: null })
        .execute();
      return { token, expiresAt };
    },

    async findSignup(token: string): Promise<{ problem: SignupProblem } | { signup: Selectable<CommunitySignupsTable> }> {
      if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return { problem: 'unknown' };
      const row = await db.selectFrom('community_signups').selectAll().where('token_hash', '=', sha256Hex(token)).executeTakeFirst();
      if (!row) return { problem: 'unknown' };
      if (row.used_at) return { problem: 'used' };
      if (row.expires_at <= now()) return { problem: 'expired' };
      return { signup: row };
    },

    /**
     * Makes the member's account from a confirmed sign-up, in the caller's
     * transaction. Null when another tab used the link first. Throws
     * DuplicateEmailError / DisplayNameTakenError when someone got there between sign-up and confirmation.
     */
    async completeSignup(signupId: number, tx: Tx): Promise<{ userId: number } | null> {
      const used = await tx.updateTable('community_signups').set({ used_at: now() }).where('id', '=', signupId).where('used_at', 'is', null).executeTakeFirst();
      if (Number(used.numUpdatedRows) !== 1) return null;
      const signup = await tx.selectFrom('community_signups').selectAll().where('id', '=', signupId).executeTakeFirstOrThrow();
      if (await nameTaken(tx, signup.display_name)) throw new DisplayNameTakenError(signup.display_name);
      const user = await users.create({ email: signup.email, name: signup.display_name, role: 'member', passwordHash: signup.password_hash }, tx);
      await tx.insertInto('community_members').values({ user_id: user.id, display_name: signup.display_name, display_key: displayKey(signup.display_name), joined_at: now(), approved_posts: 0 }).execute();
      // Other pending sign-ups of the same address can no longer be used.
      await tx.updateTable('community_signups').set({ used_at: now() }).where('email', '=', signup.email).where('used_at', 'is', null).execute();
      return { userId: user.id };
    },

    byUser: (userId: number) => db.selectFrom('community_members').selectAll().where('user_id', '=', userId).executeTakeFirst(),

    /** A staff member who joins the conversation gets a member profile under their own name, made on first post. */
    async ensureProfile(user: { id: number; name: string }, tx: Tx): Promise<MemberRow> {
      const existing = await tx.selectFrom('community_members').selectAll().where('user_id', '=', user.id).executeTakeFirst();
      if (existing) return existing;
      let name = user.name.trim().slice(0, DISPLAY_NAME_MAX);
      if (await nameTaken(tx, name)) name = `${name.slice(0, DISPLAY_NAME_MAX - 8)} ${user.id}`;
      const row = { user_id: user.id, display_name: name, display_key: displayKey(name), joined_at: now(), approved_posts: 0 };
      await tx.insertInto('community_members').values(row).execute();
      return row;
    },

    async rename(userId: number, name: string): Promise<void> {
      await db.transaction().execute(async (tx) => {
        if (await nameTaken(tx, name, userId)) throw new DisplayNameTakenError(name);
        try {
          await tx.updateTable('community_members').set({ display_name: name.trim(), display_key: displayKey(name) }).where('user_id', '=', userId).execute();
        } catch (error) {
          if (/unique|duplicate/i.test(String((error as Error).message))) throw new DisplayNameTakenError(name);
          throw error;
        }
        await tx.updateTable('users').set({ name: name.trim() }).where('id', '=', userId).execute();
      });
    },

    /** Everything the community keeps about a member, as a member downloads it. */
    async exportData(userId: number) {
      const user = await db.selectFrom('users').select(['email', 'name', 'role', 'created_at']).where('id', '=', userId).executeTakeFirstOrThrow();
      const member = await db.selectFrom('community_members').selectAll().where('user_id', '=', userId).executeTakeFirst();
      const posts = await db
        .selectFrom('forum_posts')
        .innerJoin('forum_topics', 'forum_topics.id', 'forum_posts.topic_id')
        .select(['forum_posts.id', 'forum_posts.topic_id', 'forum_topics.title as topic_title', 'forum_posts.is_opening', 'forum_posts.body', 'forum_posts.status', 'forum_posts.created_at', 'forum_posts.moderator_note'])
        .where('forum_posts.author_id', '=', userId)
        .orderBy('forum_posts.id')
        .execute();
      const flags = await db.selectFrom('forum_flags').select(['post_id', 'reason', 'note', 'created_at']).where('user_id', '=', userId).orderBy('id').execute();
      const follows = await db.selectFrom('forum_follows').select(['topic_id', 'created_at']).where('user_id', '=', userId).orderBy('topic_id').execute();
      const reads = await db.selectFrom('forum_reads').select(['topic_id', 'read_at']).where('user_id', '=', userId).orderBy('topic_id').execute();
      return {
        account: { email: user.email, displayName: member?.display_name ?? user.name, role: user.role, createdAt: user.created_at, joinedCommunityAt: member?.joined_at ?? null },
        posts: posts.map((p) => ({ id: p.id, topicId: p.topic_id, topicTitle: p.topic_title, opensTopic: p.is_opening === 1, body: p.body, status: p.status, createdAt: p.created_at, moderatorNote: p.moderator_note })),
        flags: flags.map((f) => ({ postId: f.post_id, reason: f.reason, note: f.note, createdAt: f.created_at })),
        topicsRead: reads.map((r) => ({ topicId: r.topic_id, readAt: r.read_at })),
        topicsFollowed: follows.map((f) => ({ topicId: f.topic_id, since: f.created_at })),
      };
    },

    /**
     * Deletes a member's account. "keep": their posts stay, signed "a former
     * member". "remove": their posts are deleted; a topic they opened goes
     * with its replies when nobody else replied, otherwise its opening post is
     * emptied and marked removed so the others' replies keep their place.
     */
    async deleteAccount(userId: number, posts: 'keep' | 'remove', within?: (tx: Tx) => Promise<void>): Promise<void> {
      await db.transaction().execute(async (tx) => {
        if (posts === 'remove') {
          const touched = (await tx.selectFrom('forum_posts').select('topic_id').distinct().where('author_id', '=', userId).execute()).map((r) => r.topic_id);
          const opened = await tx.selectFrom('forum_topics').select('id').where('author_id', '=', userId).execute();
          // Theirs, and every post of a topic that goes with them: out of search once deleted or emptied.
          const affected = (
            await tx
              .selectFrom('forum_posts')
              .select('id')
              .where((eb) => eb.or([eb('author_id', '=', userId), ...(opened.length ? [eb('topic_id', 'in', opened.map((t) => t.id))] : [])]))
              .execute()
          ).map((r) => r.id);
          for (const { id } of opened) {
            const others = await tx.selectFrom('forum_posts').select('id').where('topic_id', '=', id).where((eb) => eb.or([eb('author_id', '!=', userId), eb('author_id', 'is', null)])).executeTakeFirst();
            if (!others) await tx.deleteFrom('forum_topics').where('id', '=', id).execute();
          }
          await tx.updateTable('forum_posts').set({ body: '', status: 'removed' }).where('author_id', '=', userId).where('is_opening', '=', 1).execute();
          await tx.deleteFrom('forum_posts').where('author_id', '=', userId).where('is_opening', '=', 0).execute();
          await recountReplies(tx, touched);
          await search.sync(tx, affected);
        }
        await within?.(tx);
        await tx.deleteFrom('community_signups').where('email', '=', (await tx.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirstOrThrow()).email).execute();
        // Sessions, the member profile, roles and read marks go with the user row (on delete cascade); posts kept lose their author (set null).
        await tx.deleteFrom('users').where('id', '=', userId).execute();
      });
    },
  };
}

/** Visible reply counts and latest-post instants, after posts were removed. */
async function recountReplies(tx: Tx, topicIds: number[]): Promise<void> {
  if (!topicIds.length) return;
  const topics = await tx.selectFrom('forum_topics').select('id').where('id', 'in', topicIds).execute();
  for (const { id } of topics) {
    const visible = await tx.selectFrom('forum_posts').select(['created_at', 'is_opening']).where('topic_id', '=', id).where('status', '=', 'visible').orderBy('created_at', 'desc').execute();
    const replies = visible.filter((p) => p.is_opening === 0).length;
    const update: { reply_count: number; last_post_at?: string } = { reply_count: replies };
    if (visible[0]) update.last_post_at = visible[0].created_at;
    await tx.updateTable('forum_topics').set(update).where('id', '=', id).execute();
  }
}

export { DuplicateEmailError };
export type MemberStore = ReturnType<typeof createMemberStore>;
