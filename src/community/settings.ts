/**
 * The community's own settings (stored under the key "community" of the
 * settings table): how new members are trusted, the watched words, the crisis
 * phrases and what the writer is shown, the flag threshold and the guidelines.
 */
import { z } from 'zod';
import type { Db, Tx } from '../db/database.js';

export const WatchedWord = z.object({
  /** A word or phrase, matched case-insensitively on word boundaries. */
  word: z.string().trim().min(1).max(100),
  /** block: the post is refused; hold: it waits for a moderator; replace: the word is replaced. */
  action: z.enum(['block', 'hold', 'replace']),
  replacement: z.string().max(100).default(''),
});
export type WatchedWord = z.infer<typeof WatchedWord>;

export const CommunitySettings = z.object({
  /** A member's first posts wait for a moderator. */
  firstPostsHeld: z.number().int().min(0).max(50).default(3),
  /** Members younger than this (days) are "new": their links are held and their limits stricter. */
  newMemberDays: z.number().int().min(0).max(365).default(7),
  watchedWords: z.array(WatchedWord).max(500).default([]),
  /** Phrases about self-harm or suicide; matched case-insensitively. */
  crisisPhrases: z.array(z.string().trim().min(2).max(100)).max(200).default([]),
  /** What the writer of a post with a crisis phrase is shown at once (Markdown), with the site's helplines. */
  crisisText: z.string().max(5000).default(''),
  /** Who hears of an urgent post at once (moderation/crisis-alert.ts); empty: every moderator. */
  crisisNotify: z.array(z.string().trim().min(3).max(254)).max(20).default([]),
  /** hold: the post waits for a moderator (urgent); post: it is shown at once and still goes to the queue, urgent. */
  crisisAction: z.enum(['hold', 'post']).default('hold'),
  /** This many open flags hold a visible post for a moderator. */
  flagThreshold: z.number().int().min(1).max(100).default(3),
  /** Markdown of the community guidelines (moderators and members see it). */
  guidelines: z.string().max(20_000).default(''),
});
export type CommunitySettings = z.infer<typeof CommunitySettings>;
export type CommunitySettingsInput = z.input<typeof CommunitySettings>;

const KEY = 'community';

export async function loadCommunitySettings(db: Db | Tx): Promise<CommunitySettings> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  return CommunitySettings.parse(row ? JSON.parse(row.value) : {});
}

export async function saveCommunitySettings(db: Db | Tx, input: CommunitySettingsInput): Promise<CommunitySettings> {
  const valid = CommunitySettings.parse(input);
  const value = JSON.stringify(valid);
  await db
    .insertInto('settings')
    .values({ key: KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
  return valid;
}
