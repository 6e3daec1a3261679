import type { Db } from '../../db/database.js';
import type { Role } from '../context.js';
import { SESSION_COOKIE } from '../cookies.js';
import { hashPassword } from '../password.js';
import { createSessionStore } from '../sessions.js';

type Requester = { request(path: string, init?: RequestInit): Response | Promise<Response> };

/** A password good enough for the policy, shared by test users. */
export const TEST_PASSWORD = 'correct mule battery staple 42';

let testHash: Promise<string> | undefined;
/** One scrypt hash of TEST_PASSWORD per test file, reused for every seeded user (hashing is deliberately slow). */
export function testPasswordHash(): Promise<string> {
  testHash ??= hashPassword(TEST_PASSWORD);
  return testHash;
}

let seq = 0;
/** Inserts an active user with TEST_PASSWORD. */
export async function seedUser(db: Db, role: Role, overrides: { email?: string; name?: string; passwordHash?: string | null } = {}) {
  seq += 1;
  const email = overrides.email ?? `${role}-${process.pid}-${seq}-${Math.random().toString(36).slice(2, 8)}@example.org`;
  const row = await db
    .insertInto('users')
    .values({
      email,
      name: overrides.name ?? `Test ${role} ${seq}`,
      role,
      password_hash: overrides.passwordHash === undefined ? await testPasswordHash() : overrides.passwordHash,
      author_key: null,
      created_at: new Date().toISOString(),
      password_changed_at: null,
      disabled_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return row;
}

/** The masked CSRF token of the first form on a page. */
export function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('No _csrf field on this page');
  return match[1]!;
}

/**
 * A cookie-keeping client for in-process requests: enough of a browser to
 * sign in, carry the session and CSRF cookies, and post forms.
 */
export class SessionClient {
  readonly cookies = new Map<string, string>();

  constructor(private readonly app: Requester) {}

  /** Starts signed in as a user without going through the form (fast: no password hashing). */
  static async signedInAs(app: Requester, db: Db, userId: number): Promise<SessionClient> {
    const client = new SessionClient(app);
    const { token } = await createSessionStore(db).create(userId);
    client.cookies.set(SESSION_COOKIE, token);
    return client;
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await Promise.resolve(this.app.request(path, { ...init, headers, redirect: 'manual' }));
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  get(path: string): Promise<Response> {
    return this.request(path);
  }

  /** A CSRF token valid for this client: from a page's form (default: the sign-in page, which every client can open). */
  async csrfToken(path = '/login'): Promise<string> {
    const res = await this.get(path);
    return csrfFrom(await res.text());
  }

  /** Posts a urlencoded form; `csrf: true` fetches a valid token first, a string uses it, false sends none. */
  /** A field given as a list is sent once per value, as a group of checkboxes sends it. */
  async post(path: string, fields: Record<string, string | string[]>, csrf: boolean | string = true): Promise<Response> {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(fields)) for (const v of ([] as string[]).concat(value)) body.append(name, v);
    if (csrf !== false) body.set('_csrf', typeof csrf === 'string' ? csrf : await this.csrfToken(this.cookies.has(SESSION_COOKIE) ? '/account' : '/login'));
    return this.request(path, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }

  /** Signs in through the form, as a person would. */
  async login(email: string, password = TEST_PASSWORD, next?: string): Promise<Response> {
    return this.post('/login', { email, password, ...(next ? { next } : {}) });
  }
}

/** The role of a seeded user, for table-driven tests. */
export type Who = 'anonymous' | Role;
