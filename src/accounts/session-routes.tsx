import { type Context, Hono } from 'hono';
import { recordAudit } from './audit.js';
import { clientIp } from './client-ip.js';
import type { AppEnv, CurrentUser } from './context.js';
import { SESSION_COOKIE, clearCookieHeader, cookieHeader } from './cookies.js';
import type { AccountsDeps } from './deps.js';
import { formFields, parseAcceptInvitation, parseLogin, parsePasswordChange, safeNext } from './forms.js';
import { attemptLogin } from './login.js';
import { requireSignedIn, sessionIdOf } from './middleware.js';
import { hashPassword, verifyPassword } from './password.js';
import { can } from './permissions.js';
import { accountKey } from './throttle.js';
import { toCurrentUser } from './users.js';
import { AccountPage, ChangePasswordPage } from './views/account-pages.js';
import type { FieldError } from './views/form-parts.js';
import { type Frame, minutesUntil } from './views/frame.js';
import { AcceptInvitationPage, InvitationProblemPage } from './views/invitation-pages.js';
import { LOGIN_NOTICES, LoginPage, type LoginNotice } from './views/login-page.js';
import { ownValue } from '../web/known-key.js';
import { SOURCE_LANG, pathIn, splitLangPrefix } from '../i18n/languages.js';
import { type AccountsText, accountsText } from './messages/index.js';

/** Notices on /account after a redirect, by message key. */
const ACCOUNT_NOTICES = {
  'password-changed': 'accountNoticePasswordChanged',
} as const;

/** A site path in the language of this request, unless it already names one (a form sent from /es/login carries on in Spanish). */
function inRequestLanguage(c: Context<AppEnv>, path: string): string {
  return splitLangPrefix(path).lang === SOURCE_LANG ? pathIn(c.get('lang'), path) : path;
}

/**
 * What a failed sign-in is logged against: the account when the address is
 * known; otherwise nothing typed is kept (people type passwords into the
 * e-mail field by mistake).
 */
function failedSubject(userId: number | null) {
  return userId === null ? { details: { account: 'unknown address' } } : { subjectType: 'user', subjectId: userId };
}

/** A 303 that also sets the session cookie (login, password change, invitation). */
function redirectWithSession(c: Context, deps: AccountsDeps, location: string, token: string): Response {
  const res = c.redirect(location, 303);
  res.headers.append('set-cookie', cookieHeader(c, deps.trustProxy, SESSION_COOKIE, token));
  return res;
}

/** Sign in and out, your own account, and accepting a sign-in link. */
export function sessionRoutes(deps: AccountsDeps) {
  const app = new Hono<AppEnv>();
  const { pages } = deps;
  const frame = async (c: Context<AppEnv>): Promise<Frame> => ({ site: await pages.siteContext(c), user: c.get('user'), csrfToken: c.get('csrfToken') });
  const audit = (c: Context<AppEnv>) => ({ ip: clientIp(c, deps.trustProxy) });
  const text = async (c: Context<AppEnv>): Promise<AccountsText> => (await pages.siteContext(c)).i18n.text(accountsText);

  app.get('/login', async (c) => {
    const next = safeNext(c.req.query('next'));
    if (c.get('user')) return c.redirect(next, 303);
    const notice = c.req.query('notice');
    const known = ownValue(LOGIN_NOTICES, notice) ? (notice as LoginNotice) : undefined;
    return pages.fresh(c, <LoginPage {...await frame(c)} email="" next={next} errors={[]} notice={known} />);
  });

  app.post('/login', async (c) => {
    const t = await text(c);
    const { values, errors } = parseLogin(await formFields(c), t);
    const show = async (problems: FieldError[], status: number) =>
      pages.fresh(c, <LoginPage {...await frame(c)} email={values.email} next={values.next} errors={problems} />, status);
    if (errors.length) return show(errors, 400);

    const ip = clientIp(c, deps.trustProxy);
    const result = await attemptLogin(deps, values.email, values.password, ip);
    if (result.kind === 'locked') {
      if (result.justLocked) await recordAudit(deps.db, { actorUserId: null, action: 'user.login_locked', ...failedSubject(result.userId), ip }, deps.clock());
      return show([{ field: 'email', message: t('loginLocked', { minutes: minutesUntil(result.until, deps.clock()) }) }], 429);
    }
    if (result.kind === 'invalid') {
      await recordAudit(deps.db, { actorUserId: null, action: 'user.login_failed', ...failedSubject(result.userId), ip }, deps.clock());
      return show([{ field: 'password', message: t('loginInvalid') }], 401);
    }
    if (result.kind === 'disabled') {
      await recordAudit(deps.db, { actorUserId: result.user.id, action: 'user.login_refused_disabled', subjectType: 'user', subjectId: result.user.id, ip }, deps.clock());
      return show([{ field: 'email', message: t('loginDisabled') }], 403);
    }

    // A new session id on every sign-in (no fixation); the browser's old one ends.
    const previous = sessionIdOf(c);
    const { token } = await deps.db.transaction().execute(async (tx) => {
      if (previous) await deps.sessions.end(previous, tx);
      const created = await deps.sessions.create(result.user.id, tx);
      await recordAudit(tx, { actorUserId: result.user.id, action: 'user.login', subjectType: 'user', subjectId: result.user.id, ip }, deps.clock());
      return created;
    });
    // Sign-ins are rare: a good moment to sweep expired sessions and counters.
    await Promise.all([deps.sessions.cleanup(), deps.throttle.cleanup(), deps.parkedForms.cleanup()]);
    // Members and translators have no dashboard: the default after sign-in is the forums, or the translators' dashboard.
    const signedIn = toCurrentUser(result.user);
    const next = values.next === safeNext(undefined) && !can(signedIn, 'dashboard.view') ? (can(signedIn, 'translation.edit') ? '/translate' : '/forums') : values.next;
    return redirectWithSession(c, deps, inRequestLanguage(c, next), token);
  });

  app.post('/logout', async (c) => {
    const user = c.get('user');
    const id = sessionIdOf(c);
    if (user && id) {
      await deps.db.transaction().execute(async (tx) => {
        await deps.sessions.end(id, tx);
        await recordAudit(tx, { actorUserId: user.id, action: 'user.logout', subjectType: 'user', subjectId: user.id, ...audit(c) }, deps.clock());
      });
    }
    const res = c.redirect(inRequestLanguage(c, '/login?notice=signed-out'), 303);
    res.headers.append('set-cookie', clearCookieHeader(c, deps.trustProxy, SESSION_COOKIE));
    return res;
  });

  app.get('/account', requireSignedIn(), async (c) => {
    const user = c.get('user')!;
    const others = (await deps.sessions.countFor(user.id)) - 1;
    const notice = ownValue(ACCOUNT_NOTICES, c.req.query('notice'));
    return pages.fresh(c, <AccountPage {...await frame(c)} user={user} notice={notice} otherSessions={Math.max(0, others)} />);
  });

  app.get('/account/password', requireSignedIn(), async (c) => pages.fresh(c, <ChangePasswordPage {...await frame(c)} user={c.get('user')!} errors={[]} />));

  app.post('/account/password', requireSignedIn(), async (c) => {
    const user = c.get('user')!;
    const show = async (errors: FieldError[], status: number) => pages.fresh(c, <ChangePasswordPage {...await frame(c)} user={user} errors={errors} />, status);
    const t = await text(c);
    const { values, errors } = parsePasswordChange(await formFields(c), user, t);
    if (errors.length) return show(errors, 400);
    const checked = await checkCurrentPassword(deps, user, values.current, t);
    if (checked) return show([{ field: 'current', message: checked.message }], checked.status);

    const hash = await hashPassword(values.password);
    const token = await deps.db.transaction().execute(async (tx) => {
      await deps.users.setPassword(user.id, hash, tx);
      const ended = await deps.sessions.endAllFor(user.id, tx);
      const created = await deps.sessions.create(user.id, tx);
      await recordAudit(tx, { actorUserId: user.id, action: 'user.password_changed', subjectType: 'user', subjectId: user.id, details: { sessionsEnded: ended - 1 }, ...audit(c) }, deps.clock());
      return created.token;
    });
    return redirectWithSession(c, deps, inRequestLanguage(c, '/account?notice=password-changed'), token);
  });

  app.get('/invite/:token', async (c) => {
    const found = await deps.invitations.find(c.req.param('token'));
    const res =
      'problem' in found
        ? await pages.fresh(c, <InvitationProblemPage {...await frame(c)} problem={found.problem} />, found.problem === 'unknown' ? 404 : 410)
        : await pages.fresh(
            c,
            <AcceptInvitationPage {...await frame(c)} token={c.req.param('token')} email={found.user.email} name={found.user.name} expiresAt={found.invitation.expires_at} isNew={!found.user.password_hash} errors={[]} />,
          );
    // The token is in the address: never send it on to another site.
    res.headers.set('referrer-policy', 'no-referrer');
    return res;
  });

  app.post('/invite/:token', async (c) => {
    const token = c.req.param('token');
    const found = await deps.invitations.find(token);
    if ('problem' in found) return pages.fresh(c, <InvitationProblemPage {...await frame(c)} problem={found.problem} />, found.problem === 'unknown' ? 404 : 410);
    const { invitation, user } = found;
    const { values, errors } = parseAcceptInvitation(await formFields(c), user.email, await text(c));
    if (errors.length) {
      const page = <AcceptInvitationPage {...await frame(c)} token={token} email={user.email} name={values.name} expiresAt={invitation.expires_at} isNew={!user.password_hash} errors={errors} />;
      const res = await pages.fresh(c, page, 400);
      res.headers.set('referrer-policy', 'no-referrer');
      return res;
    }
    const hash = await hashPassword(values.password);
    const previous = sessionIdOf(c);
    const session = await deps.db.transaction().execute(async (tx) => {
      // Of two tabs sending the form at once, only one gets here.
      if (!(await deps.invitations.markUsed(invitation.id, tx))) return null;
      await deps.users.setPassword(user.id, hash, tx);
      if (values.name !== user.name) await deps.users.setName(user.id, values.name, tx);
      await deps.sessions.endAllFor(user.id, tx);
      if (previous) await deps.sessions.end(previous, tx);
      const created = await deps.sessions.create(user.id, tx);
      await recordAudit(tx, { actorUserId: user.id, action: user.password_hash ? 'user.password_reset' : 'user.invitation_accepted', subjectType: 'user', subjectId: user.id, ...audit(c) }, deps.clock());
      return created;
    });
    if (!session) return pages.fresh(c, <InvitationProblemPage {...await frame(c)} problem="used" />, 410);
    await deps.throttle.reset(accountKey(user.email));
    // Translators have no editors' dashboard: theirs is /translate.
    return redirectWithSession(c, deps, inRequestLanguage(c, user.role === 'translator' ? '/translate' : '/dashboard'), session.token);
  });

  return app;
}

/** Checks the current password under the same lockout as sign-in; null when it is right. */
async function checkCurrentPassword(deps: AccountsDeps, user: CurrentUser, password: string, t: AccountsText): Promise<{ message: string; status: number } | null> {
  const key = accountKey(user.email);
  const locked = await deps.throttle.lockedUntil([key]);
  if (locked) return { message: t('currentPasswordLocked', { minutes: minutesUntil(locked, deps.clock()) }), status: 429 };
  const row = await deps.users.byId(user.id);
  if (row?.password_hash && (await verifyPassword(password, row.password_hash))) {
    await deps.throttle.reset(key);
    return null;
  }
  const lockedNow = await deps.throttle.recordFailure([key]);
  if (lockedNow) return { message: t('currentPasswordLocked', { minutes: minutesUntil(lockedNow, deps.clock()) }), status: 429 };
  return { message: t('currentPasswordWrong'), status: 400 };
}
