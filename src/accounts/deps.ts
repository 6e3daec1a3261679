import type { Db } from '../db/database.js';
import type { MailOutbox } from '../mail/outbox.js';
import type { PageRenderer } from '../web/page-renderer.js';
import { type InvitationStore, createInvitationStore } from './invitations.js';
import { type ParkedForms, createParkedForms } from './parked-forms.js';
import { type SessionPolicy, type SessionStore, DEFAULT_SESSION_POLICY, createSessionStore } from './sessions.js';
import { loadSigningKey } from './signing-keys.js';
import { type LoginThrottle, type ThrottlePolicy, DEFAULT_THROTTLE_POLICY, createLoginThrottle } from './throttle.js';
import { type UserStore, createUserStore } from './users.js';

/** Everything the accounts middleware and routes share, built once at start. */
export interface AccountsDeps {
  db: Db;
  pages: PageRenderer;
  /** ATOZ_TRUST_PROXY: believe X-Forwarded-Proto and X-Forwarded-For. */
  trustProxy: boolean;
  clock: () => Date;
  /** Signs the anonymous double-submit CSRF cookie. */
  csrfKey: Buffer;
  users: UserStore;
  sessions: SessionStore;
  invitations: InvitationStore;
  throttle: LoginThrottle;
  /** Forms kept when a sign-in ran out mid-edit. */
  parkedForms: ParkedForms;
  /** The outbox (kernel.mail): invitations and password resets are e-mailed in the transaction that makes them. */
  mail: MailOutbox | null;
}

export interface AccountsOptions {
  db: Db;
  pages: PageRenderer;
  trustProxy: boolean;
  /** Tests move time forward; production uses the wall clock. */
  clock?: () => Date;
  sessionPolicy?: Partial<SessionPolicy>;
  throttlePolicy?: Partial<ThrottlePolicy>;
  invitationTtlMs?: number;
  mail?: MailOutbox;
}

export async function createAccounts(options: AccountsOptions): Promise<AccountsDeps> {
  const { db } = options;
  const clock = options.clock ?? (() => new Date());
  const sessions = createSessionStore(db, { ...DEFAULT_SESSION_POLICY, ...options.sessionPolicy }, clock);
  const throttle = createLoginThrottle(db, { ...DEFAULT_THROTTLE_POLICY, ...options.throttlePolicy }, clock);
  // Expired rows from earlier runs go now; afterwards each sign-in sweeps.
  const parkedForms = createParkedForms(db, clock);
  await Promise.all([sessions.cleanup(), throttle.cleanup(), parkedForms.cleanup()]);
  return {
    db,
    pages: options.pages,
    trustProxy: options.trustProxy,
    clock,
    csrfKey: await loadSigningKey(db, 'csrf'),
    users: createUserStore(db, clock),
    sessions,
    invitations: createInvitationStore(db, clock, options.invitationTtlMs),
    throttle,
    parkedForms,
    mail: options.mail ?? null,
  };
}
