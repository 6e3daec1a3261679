/**
 * Every new post passes one ordered list of named checks (in the manner of
 * Discourse's NewPostManager and Coral's moderation pipeline). The first check
 * that matches holds the post and names the reason the moderator sees; every
 * match is kept as detail. Crisis words also make the item urgent, whatever
 * check held it first, and show the writer the site's crisis text.
 */
import type { CommunitySettings } from '../settings.js';
import { type PrivacyFinding, findPersonalData } from '../privacy.js';

export const CHECK_NAMES = ['first-posts', 'new-member-links', 'watched-words', 'personal-data', 'crisis', 'rate-limit', 'flagged'] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

export interface CheckContext {
  /** Title (a new topic) and body after watched-word replacements. */
  title: string;
  body: string;
  author: {
    /** Posts of theirs already visible. */
    approvedPosts: number;
    joinedAt: string;
    /** Moderators and admins: not held as new members. */
    trusted: boolean;
  };
  settings: CommunitySettings;
  now: Date;
  /** Watched words with the action "hold" found in the text. */
  heldWords: readonly string[];
  personalData: readonly PrivacyFinding[];
  /** The member's post limit was exceeded (src/web/rate-limits.ts). */
  rateLimited: boolean;
  /** Open flags on the post (0 for a new post). */
  openFlags: number;
}

export interface Check {
  name: CheckName;
  /** A short detail for the moderator when the check matches (what was found), or null. */
  match(ctx: CheckContext): string | null;
}

export function isNewMember(author: CheckContext['author'], settings: CommunitySettings, now: Date): boolean {
  return !author.trusted && now.getTime() - Date.parse(author.joinedAt) < settings.newMemberDays * 86_400_000;
}

const LINK = /\bhttps?:\/\/|\bwww\.|\]\(/i;

/** Case-insensitive, on word boundaries in any script. */
export function phrasePattern(phrase: string, flags = 'iu'): RegExp {
  const body = phrase.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, flags);
}

export function crisisPhrasesIn(text: string, settings: CommunitySettings): string[] {
  return settings.crisisPhrases.filter((p) => phrasePattern(p).test(text));
}

/** The checks, in the order they are asked. */
export const CHECKS: readonly Check[] = [
  {
    name: 'first-posts',
    match: (ctx) => (!ctx.author.trusted && ctx.author.approvedPosts < ctx.settings.firstPostsHeld ? `${ctx.author.approvedPosts + 1}/${ctx.settings.firstPostsHeld}` : null),
  },
  {
    name: 'new-member-links',
    match: (ctx) => (isNewMember(ctx.author, ctx.settings, ctx.now) && LINK.test(`${ctx.title}\n${ctx.body}`) ? 'link' : null),
  },
  { name: 'watched-words', match: (ctx) => (ctx.heldWords.length ? ctx.heldWords.join(', ') : null) },
  { name: 'personal-data', match: (ctx) => (ctx.personalData.length ? [...new Set(ctx.personalData.map((f) => f.kind))].join(', ') : null) },
  {
    name: 'crisis',
    match: (ctx) => {
      const found = crisisPhrasesIn(`${ctx.title}\n${ctx.body}`, ctx.settings);
      return found.length ? found.join(', ') : null;
    },
  },
  { name: 'rate-limit', match: (ctx) => (ctx.rateLimited ? 'limit' : null) },
  { name: 'flagged', match: (ctx) => (ctx.openFlags >= ctx.settings.flagThreshold ? String(ctx.openFlags) : null) },
];

export interface CheckMatch {
  check: CheckName;
  detail: string;
}

export type Verdict =
  | { outcome: 'blocked'; words: string[] }
  | {
      outcome: 'visible' | 'held';
      /** The first check that held the post. */
      reason: CheckName | null;
      matches: CheckMatch[];
      /** Crisis words: first in the queue, and the writer sees the crisis text. */
      urgent: boolean;
      title: string;
      body: string;
    };

/** Applies the watched words: which block, which hold, and the text with "replace" words replaced. */
export function applyWatchedWords(text: string, settings: CommunitySettings): { text: string; blocked: string[]; held: string[] } {
  const blocked: string[] = [];
  const held: string[] = [];
  let out = text;
  for (const w of settings.watchedWords) {
    const pattern = phrasePattern(w.word, 'giu');
    if (!pattern.test(out)) continue;
    pattern.lastIndex = 0;
    if (w.action === 'block') blocked.push(w.word);
    else if (w.action === 'hold') held.push(w.word);
    else out = out.replace(pattern, w.replacement);
  }
  return { text: out, blocked, held };
}

/** Runs the checks on a new post (or a flagged one: `openFlags`); the post's fate and why. */
export function judgePost(
  input: { title: string; body: string; author: CheckContext['author']; rateLimited: boolean; openFlags?: number },
  settings: CommunitySettings,
  now: Date,
  checks: readonly Check[] = CHECKS,
): Verdict {
  const title = applyWatchedWords(input.title, settings);
  const body = applyWatchedWords(input.body, settings);
  const blocked = [...new Set([...title.blocked, ...body.blocked])];
  if (blocked.length) return { outcome: 'blocked', words: blocked };
  const ctx: CheckContext = {
    title: title.text,
    body: body.text,
    author: input.author,
    settings,
    now,
    heldWords: [...new Set([...title.held, ...body.held])],
    personalData: findPersonalData(`${title.text}\n${body.text}`),
    rateLimited: input.rateLimited,
    openFlags: input.openFlags ?? 0,
  };
  const matches: CheckMatch[] = [];
  for (const check of checks) {
    const detail = check.match(ctx);
    if (detail !== null) matches.push({ check: check.name, detail });
  }
  const urgent = matches.some((m) => m.check === 'crisis');
  // With crisisAction "post", crisis words alone do not hold the post (it is still urgent in the queue).
  const holding = matches.filter((m) => !(m.check === 'crisis' && settings.crisisAction === 'post'));
  return { outcome: holding.length ? 'held' : 'visible', reason: holding[0]?.check ?? null, matches, urgent, title: title.text, body: body.text };
}
