import type { AccountsDeps } from './deps.js';
import { decoyPasswordHash, hashPassword, needsRehash, verifyPassword } from './password.js';
import { accountKey, ipKey } from './throttle.js';
import type { UserRow } from './users.js';

export type LoginResult =
  | { kind: 'ok'; user: UserRow }
  /** Wrong e-mail or password; which of the two is never said to the person (userId is for the audit log only). */
  | { kind: 'invalid'; userId: number | null }
  /** Too many failures for this e-mail or this IP; known or unknown e-mail alike. `justLocked`: this attempt tipped it. */
  | { kind: 'locked'; until: Date; justLocked: boolean; userId: number | null }
  /** Right password, but an admin disabled the account. */
  | { kind: 'disabled'; user: UserRow };

/**
 * Checks a password under the throttle. A locked key is refused before any
 * hashing; an unknown e-mail is hashed against a decoy so it takes as long as
 * a known one.
 */
export async function attemptLogin(deps: Pick<AccountsDeps, 'users' | 'throttle'>, email: string, password: string, ip: string): Promise<LoginResult> {
  const keys = [accountKey(email), ipKey(ip)];
  const locked = await deps.throttle.lockedUntil(keys);
  if (locked) return { kind: 'locked', until: locked, justLocked: false, userId: null };
  const user = await deps.users.byEmail(email);
  const stored = user?.password_hash ?? (await decoyPasswordHash());
  const matches = await verifyPassword(password, stored);
  if (!user || !user.password_hash || !matches) {
    const lockedNow = await deps.throttle.recordFailure(keys);
    const userId = user?.id ?? null;
    return lockedNow ? { kind: 'locked', until: lockedNow, justLocked: true, userId } : { kind: 'invalid', userId };
  }
  await deps.throttle.reset(keys[0]!);
  if (user.disabled_at) return { kind: 'disabled', user };
  // Hashes made with weaker parameters are upgraded while we hold the password.
  if (needsRehash(user.password_hash)) await deps.users.replaceHash(user.id, await hashPassword(password));
  return { kind: 'ok', user };
}
