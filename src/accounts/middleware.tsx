import type { Context, MiddlewareHandler } from 'hono';
import { type AccessRule, routePattern } from './access.js';
import { ACTION_LABELS } from './action-labels.js';
import { accountsText } from './messages/index.js';
import { pathIn, splitLangPrefix } from '../i18n/languages.js';
import type { AppEnv, CurrentUser } from './context.js';
import { CSRF_COOKIE, SESSION_COOKIE, clearCookieHeader, cookieHeader, cookieName, readCookie } from './cookies.js';
import { maskToken, signAnonymousNonce, tokenMatches, verifyAnonymousCookie } from './csrf-token.js';
import type { AccountsDeps } from './deps.js';
import { type Action, can } from './permissions.js';
import { randomToken } from './tokens.js';
import { CsrfFailedPage, ForbiddenPage, SignInRequiredPage } from './views/problem-pages.js';

/** What the accounts middleware learned about a request, for the guards that run after it. */
interface RequestState {
  deps: AccountsDeps;
  /** The secret a CSRF token on this request must carry; null when none can be valid (anonymous without cookie). */
  csrfSecret: string | null;
  /** The sessions row id when signed in. */
  sessionId: string | null;
  /** A session cookie came with the request but no longer works (expired, signed out elsewhere). */
  staleSession: boolean;
}

// Keyed by the raw Request: private to this module, gone with the request.
const states = new WeakMap<Request, RequestState>();

function stateOf(c: Context): RequestState {
  const state = states.get(c.req.raw);
  // Failing closed: a guard without the middleware before it would otherwise let everyone through.
  if (!state) throw new Error('accountsMiddleware() must run before requirePermission(), requireSignedIn() and csrfProtection()');
  return state;
}

/** The sessions row id of a signed-in request (sign-out and password change end it). */
export function sessionIdOf(c: Context): string | null {
  return stateOf(c).sessionId;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Sets c.var.user and c.var.csrfToken on every request. Anonymous readers
 * cost nothing: without a session cookie there is no database query, and the
 * anonymous CSRF cookie is only issued on per-user pages (Cache-Control:
 * no-store: forms, errors), never on cached reader pages.
 */
export function accountsMiddleware(deps: AccountsDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const state: RequestState = { deps, csrfSecret: null, sessionId: null, staleSession: false };
    states.set(c.req.raw, state);
    const sessionToken = readCookie(c, deps.trustProxy, SESSION_COOKIE);
    const active = sessionToken ? await deps.sessions.lookup(sessionToken) : null;
    let newAnonymousNonce: string | null = null;
    if (active) {
      c.set('user', active.user);
      state.sessionId = active.id;
      state.csrfSecret = active.csrfSecret;
      c.set('csrfToken', maskToken(active.csrfSecret));
    } else {
      c.set('user', null);
      state.staleSession = sessionToken !== undefined;
      const nonce = verifyAnonymousCookie(deps.csrfKey, readCookie(c, deps.trustProxy, CSRF_COOKIE));
      state.csrfSecret = nonce;
      if (!nonce) newAnonymousNonce = randomToken();
      c.set('csrfToken', maskToken(nonce ?? newAnonymousNonce!));
    }

    await next();

    if (state.staleSession && !c.res.headers.getSetCookie().some((h) => h.startsWith(`${cookieName(c, deps.trustProxy, SESSION_COOKIE)}=`))) {
      c.res.headers.append('set-cookie', clearCookieHeader(c, deps.trustProxy, SESSION_COOKIE));
    }
    if (newAnonymousNonce && /no-store/.test(c.res.headers.get('cache-control') ?? '')) {
      c.res.headers.append('set-cookie', cookieHeader(c, deps.trustProxy, CSRF_COOKIE, signAnonymousNonce(deps.csrfKey, newAnonymousNonce)));
    }
  };
}

/** The CSRF token a request carries: header x-csrf-token (fetch) or form field _csrf. */
async function submittedToken(c: Context): Promise<string | undefined> {
  const header = c.req.header('x-csrf-token');
  if (header) return header;
  const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded' && type !== 'multipart/form-data') return undefined;
  // Hono caches the parsed form, so the route reading it again costs nothing.
  const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  const token = body['_csrf'];
  return typeof token === 'string' ? token : undefined;
}

/**
 * Rejects every POST/PUT/PATCH/DELETE whose token does not match this
 * browser's session (signed in) or signed anonymous cookie, with a 403 page.
 * A request whose sign-in just ran out gets the 401 "sign in again" page
 * instead, since that is what the person needs to do.
 */
export function csrfProtection(rules: () => readonly AccessRule[] = () => []): MiddlewareHandler<AppEnv> {
  // Routes authorised by a signed token in their address (one-click unsubscribe): read once every domain is built.
  let exempt: Array<{ method: string; pattern: RegExp }> | undefined;
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    exempt ??= rules()
      .filter((r) => r.csrfExempt)
      .map((r) => ({ method: r.method, pattern: routePattern(r.route) }));
    if (exempt.some((e) => e.method === c.req.method && e.pattern.test(c.req.path))) return next();
    const state = stateOf(c);
    if (tokenMatches(await submittedToken(c), state.csrfSecret)) return next();
    if (state.staleSession && !c.get('user')) return signInRequired(c, state);
    return render(c, state, <CsrfFailedPage site={await state.deps.pages.siteContext(c)} user={c.get('user')} csrfToken={c.get('csrfToken')} />, 403);
  };
}

/**
 * Lets the request through only for a role that may take `action`.
 * Anonymous: GET → 303 to /login?next=…, anything else → 401 page.
 * Signed in without the permission → 403 page.
 */
export function requirePermission(action: Action): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const state = stateOf(c);
    const user = c.get('user');
    if (!user) return signInRequired(c, state);
    if (!can(user, action)) return forbidden(c, state, user, action);
    await next();
  };
}

/** Any signed-in person (their own account pages); anonymous as in requirePermission. */
export function requireSignedIn(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const state = stateOf(c);
    if (!c.get('user')) return signInRequired(c, state);
    await next();
  };
}

/** Where to send someone to sign in and come back here. */
export function loginHref(c: Context, notice?: 'session-ended'): string {
  const url = new URL(c.req.url);
  const params = new URLSearchParams();
  const next = url.pathname + url.search;
  if (next !== '/') params.set('next', next);
  if (notice) params.set('notice', notice);
  const query = params.toString();
  // The sign-in form in the language of the page that asked for it.
  const login = pathIn(splitLangPrefix(url.pathname).lang, '/login');
  return query ? `${login}?${query}` : login;
}

async function signInRequired(c: Context, state: RequestState): Promise<Response> {
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return c.redirect(loginHref(c, state.staleSession ? 'session-ended' : undefined), 303);
  const site = await state.deps.pages.siteContext(c);
  const page = <SignInRequiredPage site={site} user={null} csrfToken={c.get('csrfToken')} loginHref={pathIn(site.lang, '/login')} sessionEnded={state.staleSession} />;
  return render(c, state, page, 401);
}

async function forbidden(c: Context, state: RequestState, user: CurrentUser, action: Action): Promise<Response> {
  const site = await state.deps.pages.siteContext(c);
  const what = site.i18n.text(accountsText)(ACTION_LABELS[action]);
  return render(c, state, <ForbiddenPage site={site} user={user} csrfToken={c.get('csrfToken')} what={what} />, 403);
}

function render(c: Context, state: RequestState, page: unknown, status: number): Promise<Response> {
  return state.deps.pages.fresh(c, page as never, status);
}
