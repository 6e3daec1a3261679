/**
 * Signed links for followers, who have no account: confirm (expires), manage
 * and unsubscribe (they work as long as the address is subscribed: an
 * unsubscribe link in an old e-mail must still work). Nothing is stored: the
 * link carries the subscriber id and expiry, signed with a server-wide key.
 */
import type { Db } from '../../db/database.js';
import { loadSigningKey } from '../../accounts/signing-keys.js';
import { hmacBase64url, safeEqual } from '../../accounts/tokens.js';

export type LinkPurpose = 'confirm' | 'manage' | 'unsubscribe';
export type LinkProblem = 'forged' | 'expired';

const LETTER: Record<LinkPurpose, string> = { confirm: 'c', manage: 'm', unsubscribe: 'u' };

/** A week to find the confirmation e-mail. */
export const CONFIRM_TTL_MS = 7 * 24 * 3_600_000;

export async function createFollowLinks(db: Db, clock: () => Date = () => new Date()) {
  const key = await loadSigningKey(db, 'mail-following');
  const sign = (body: string) => hmacBase64url(key, `mail-following:${body}`);
  return {
    make(purpose: LinkPurpose, subscriberId: number): string {
      const expires = purpose === 'confirm' ? clock().getTime() + CONFIRM_TTL_MS : 0;
      const body = `${LETTER[purpose]}.${subscriberId}.${expires}`;
      return `${body}.${sign(body)}`;
    },
    check(purpose: LinkPurpose, token: string): { subscriberId: number } | { problem: LinkProblem } {
      const match = /^([cmu])\.(\d{1,12})\.(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(token);
      if (!match || match[1] !== LETTER[purpose]) return { problem: 'forged' };
      if (!safeEqual(sign(`${match[1]}.${match[2]}.${match[3]}`), match[4]!)) return { problem: 'forged' };
      const expires = Number(match[3]);
      if (expires !== 0 && expires <= clock().getTime()) return { problem: 'expired' };
      return { subscriberId: Number(match[2]) };
    },
  };
}

export type FollowLinks = Awaited<ReturnType<typeof createFollowLinks>>;
