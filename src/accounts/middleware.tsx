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
import { FORM_OWNER_FIELD, newParkedToken, parkedCookieHeader, parkedTokenOf, signFormOwner, verifyFormOwner } from './parked-forms.js';
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
      c.set('formOwner', signFormOwner(deps.csrfKey, active.user.id));
    } else {
      c.set('user', null);
      c.set('formOwner', null);
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
  let keepsForm: Array<{ method: string; pattern: RegExp }> | undefined;
  const matching = (flag: 'csrfExempt' | 'keepsFormWhenSignedOut') =>
    rules()
      .filter((r) => r[flag])
      .map((r) => ({ method: r.method, pattern: routePattern(r.route) }));
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    exempt ??= matching('csrfExempt');
    keepsForm ??= matching('keepsFormWhenSignedOut');
    if (exempt.some((e) => e.method === c.req.method && e.pattern.test(c.req.path))) return next();
    const state = stateOf(c);
    if (tokenMatches(await submittedToken(c), state.csrfSecret)) return next();
    if (keepsForm.some((e) => e.method === c.req.method && e.pattern.test(c.req.path))) {
      const parked = await parkForm(c, state);
      if (parked) return parked;
    }
    if (state.staleSession && !c.get('user')) return signInRequired(c, state);
    return render(c, state, <CsrfFailedPage site={await state.deps.pages.siteContext(c)} user={c.get('user')} csrfToken={c.get('csrfToken')} />, 403);
  };
}

/**
 * Parks a form sent from one of our own pages by its owner after their
 * sign-in ended (or was replaced in another tab), and answers with the way
 * back: sign in (the notice says nothing is lost), or, when they are already
 * signed in again, the form's own page, which takes the parked text back.
 * Null when the form cannot be kept: sent by another site, by fetch (the
 * live preview has its own answer), without a genuine owner field, too large.
 */
async function parkForm(c: Context, state: RequestState): Promise<Response | null> {
  if (!fromOurOwnPage(c)) return null;
  const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded' && type !== 'multipart/form-data') return null;
  const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) if (typeof value === 'string' && name !== '_csrf' && name !== FORM_OWNER_FIELD) fields[name] = value;
  const owner = verifyFormOwner(state.deps.csrfKey, typeof body[FORM_OWNER_FIELD] === 'string' ? body[FORM_OWNER_FIELD] : undefined);
  const user = c.get('user') as CurrentUser | null;
  // A form is only ever given back to the person it was shown to.
  if (owner === null || (user && user.id !== owner)) return null;
  const token = parkedTokenOf(c, state.deps.trustProxy) ?? newParkedToken();
  if (!(await state.deps.parkedForms.park(token, parkedPathOf(c), owner, fields))) return null;
  const res = user ? c.redirect(new URL(c.req.url).pathname, 303) : c.redirect(loginHref(c, 'form-kept'), 303);
  res.headers.append('set-cookie', parkedCookieHeader(c, state.deps.trustProxy, token));
  res.headers.set('cache-control', 'no-store');
  return res;
}

/**
 * A top-level form submission from a page of this site. Another site can make
 * a browser send our forms too; parking its text would put words of its
 * choosing into an editor's form, so such requests are refused as before.
 */
function fromOurOwnPage(c: Context): boolean {
  const mode = c.req.header('sec-fetch-mode');
  if (mode && mode !== 'navigate') return false;
  if (/application\/json/.test(c.req.header('accept') ?? '')) return false;
  const site = c.req.header('sec-fetch-site');
  if (site) return site === 'same-origin';
  const origin = c.req.header('origin');
  if (!origin || origin === 'null') return false;
  try {
    return new URL(origin).host === new URL(c.req.url).host;
  } catch {
    return false;
  }
}

/** The address a parked form belongs to, the same in every language (/es/edit/x and /edit/x). */
function parkedPathOf(c: Context): string {
  return splitLangPrefix(new URL(c.req.url).pathname).path;
}

/**
 * The fields of a form this browser parked for the address of this request,
 * when the signed-in person is the one who sent it; taken once. The form's
 * own GET route calls this and shows the text for the person to save again.
 */
export async function takeParkedForm(c: Context<AppEnv>): Promise<Record<string, string> | null> {
  const state = stateOf(c);
  const user = c.get('user');
  const token = parkedTokenOf(c, state.deps.trustProxy);
  if (!user || !token) return null;
  return state.deps.parkedForms.take(token, parkedPathOf(c), user.id);
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
export function loginHref(c: Context, notice?: 'session-ended' | 'form-kept'): string {
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
