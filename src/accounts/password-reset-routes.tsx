import { type Context, Hono } from 'hono';
import { passwordResetEmail } from '../mail/account-emails.js';
import { addressError } from '../mail/address-messages.js';
import { normaliseAddress } from '../mail/address.js';
import { mailText } from '../mail/messages/index.js';
import type { RateLimits } from '../web/rate-limits.js';
import { recordAudit } from './audit.js';
import { clientIp } from './client-ip.js';
import type { AppEnv } from './context.js';
import { SESSION_COOKIE, cookieHeader } from './cookies.js';
import type { AccountsDeps } from './deps.js';
import { formFields } from './forms.js';
import { sessionIdOf } from './middleware.js';
import { hashPassword } from './password.js';
import { passwordProblem } from './password-policy.js';
import type { PasswordResets } from './password-reset.js';
import { accountKey } from './throttle.js';
import type { FieldError } from './views/form-parts.js';
import type { Frame } from './views/frame.js';
import { ForgotPasswordPage, ForgotPasswordSentPage, ResetPasswordPage, ResetProblemPage, TooManyRequestsPage } from './views/password-reset-pages.js';

/**
 * /password/forgot → an e-mail with a signed link → /password/reset/:token.
 * The answer to a request is the same whether or not the address has an
 * account (nobody learns who has one), and both the network and the address
 * are rate limited (nobody's inbox gets bombed).
 */
export function passwordResetRoutes(deps: AccountsDeps, resets: PasswordResets, rateLimits: Pick<RateLimits, 'mailRequests' | 'mailsPerAddress'>) {
  const app = new Hono<AppEnv>();
  const { pages, db } = deps;
  const frame = async (c: Context<AppEnv>): Promise<Frame> => ({ site: await pages.siteContext(c), user: c.get('user'), csrfToken: c.get('csrfToken') });
  const noReferrer = (res: Response) => {
    // The token is in the address: never send it on to another site.
    res.headers.set('referrer-policy', 'no-referrer');
    return res;
  };

  app.get('/password/forgot', async (c) => pages.fresh(c, <ForgotPasswordPage {...await frame(c)} email="" errors={[]} />));

  app.post('/password/forgot', async (c) => {
    const f = await frame(c);
    const t = f.site.i18n.text(mailText);
    const typed = (await formFields(c)).email ?? '';
    const ip = clientIp(c, deps.trustProxy);
    const byNetwork = await rateLimits.mailRequests.take(`reset:${ip}`);
    if (!byNetwork.allowed) {
      return pages.fresh(c, <TooManyRequestsPage {...f} minutes={Math.ceil(byNetwork.retryAfterSeconds / 60)} />, 429, { 'retry-after': String(byNetwork.retryAfterSeconds) });
    }
    const address = normaliseAddress(typed);
    if ('problem' in address) {
      const errors: FieldError[] = [{ field: 'email', message: addressError(t, address.problem) }];
      return pages.fresh(c, <ForgotPasswordPage {...f} email={typed.replace(/[\r\n]/g, ' ').slice(0, 320)} errors={errors} />, 400);
    }
    // Past the per-address budget nothing more is sent, but the answer does not change.
    const perAddress = await rateLimits.mailsPerAddress.take(`reset:${address.address}`);
    const user = perAddress.allowed ? await deps.users.byEmail(address.address) : undefined;
    const to = user ? normaliseAddress(user.email) : undefined;
    if (user && !user.disabled_at && deps.mail && to && 'address' in to) {
      const { token, expiresAt } = resets.issue(user);
      const email = passwordResetEmail(f.site, { email: user.email, url: `${f.site.baseUrl}/password/reset/${token}`, expiresAt });
      await db.transaction().execute(async (tx) => {
        await deps.mail!.enqueue(tx, { to: to.address, kind: 'password-reset', lang: f.site.lang, ...email });
        await recordAudit(tx, { actorUserId: null, action: 'user.reset_requested', subjectType: 'user', subjectId: user.id, ip }, deps.clock());
      });
    }
    return pages.fresh(c, <ForgotPasswordSentPage {...f} email={address.address} minutes={Math.round(resets.ttlMs / 60_000)} />);
  });

  app.get('/password/reset/:token', async (c) => {
    const found = await resets.check(c.req.param('token'));
    if ('problem' in found) return noReferrer(await pages.fresh(c, <ResetProblemPage {...await frame(c)} problem={found.problem} />, found.problem === 'forged' ? 404 : 410));
    return noReferrer(await pages.fresh(c, <ResetPasswordPage {...await frame(c)} token={c.req.param('token')} email={found.user.email} errors={[]} />));
  });

  app.post('/password/reset/:token', async (c) => {
    const token = c.req.param('token');
    const f = await frame(c);
    const t = f.site.i18n.text(mailText);
    const found = await resets.check(token);
    if ('problem' in found) return noReferrer(await pages.fresh(c, <ResetProblemPage {...f} problem={found.problem} />, found.problem === 'forged' ? 404 : 410));
    const { user, stamp } = found;
    const fields = await formFields(c);
    const password = fields.password ?? '';
    const problem = passwordProblem(password, { email: user.email, name: user.name });
    const errors: FieldError[] = problem
      ? [{ field: 'password', message: problem }]
      : password !== (fields['password-confirm'] ?? '')
        ? [{ field: 'password-confirm', message: t('errorPasswordsDiffer') }]
        : [];
    if (errors.length) return noReferrer(await pages.fresh(c, <ResetPasswordPage {...f} token={token} email={user.email} errors={errors} />, 400));

    const hash = await hashPassword(password);
    const previous = sessionIdOf(c);
    const session = await db.transaction().execute(async (tx) => {
      // Single use: only if the password is still the one the link was made for (two tabs: one wins).
      const current = await tx.selectFrom('users').select(['password_changed_at']).where('id', '=', user.id).executeTakeFirst();
      if (!current || resets.stampOf(current) !== stamp) return null;
      await deps.users.setPassword(user.id, hash, tx);
      // A sign-in link still waiting would set the password again: it is spent too.
      await deps.invitations.revokeFor(user.id, tx);
      await deps.sessions.endAllFor(user.id, tx);
      if (previous) await deps.sessions.end(previous, tx);
      const created = await deps.sessions.create(user.id, tx);
      await recordAudit(tx, { actorUserId: user.id, action: 'user.password_reset', subjectType: 'user', subjectId: user.id, ip: clientIp(c, deps.trustProxy) }, deps.clock());
      return created;
    });
    if (!session) return noReferrer(await pages.fresh(c, <ResetProblemPage {...f} problem="used" />, 410));
    await deps.throttle.reset(accountKey(user.email));
    const res = c.redirect('/dashboard', 303);
    res.headers.append('set-cookie', cookieHeader(c, deps.trustProxy, SESSION_COOKIE, session.token));
    return res;
  });

  return app;
}
