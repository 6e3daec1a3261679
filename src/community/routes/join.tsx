/** Public sign-up for members: the form, the e-mail with its confirmation link, and confirming it (which signs the member in). */
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { recordAudit } from '../../accounts/audit.js';
import { clientIp } from '../../accounts/client-ip.js';
import type { AppEnv } from '../../accounts/context.js';
import { SESSION_COOKIE, cookieHeader } from '../../accounts/cookies.js';
import { formFields } from '../../accounts/forms.js';
import { sessionIdOf } from '../../accounts/middleware.js';
import { hashPassword } from '../../accounts/password.js';
import { passwordProblem } from '../../accounts/password-policy.js';
import { accountsText } from '../../accounts/messages/index.js';
import type { FieldError } from '../../accounts/views/form-parts.js';
import { normaliseAddress } from '../../mail/address.js';
import { composeEmail } from '../../mail/compose.js';
import type { SiteContext } from '../../web/site-context.js';
import { type CommunityDeps, frameOf } from '../deps.js';
import { DisplayNameTakenError, DuplicateEmailError, displayNameProblem, looksLikeRealName } from '../members.js';
import { communityText } from '../messages/index.js';
import { formStarted, spamProblem } from '../spam.js';
import { CheckEmailPage, type JoinValues, JoinPage, SignupProblemPage, VerifyPage } from '../views/member-pages.js';

const Email = z.email().max(254);

/** Problems with a display name, in the reader's language; `keepName` accepts one that looks like a real name. */
export function displayNameErrors(site: SiteContext, name: string, keepName: boolean): { errors: FieldError[]; realNameWarning: boolean } {
  const t = site.i18n.text(communityText);
  const problem = displayNameProblem(name);
  if (problem) return { errors: [{ field: 'display-name', message: t(problem) }], realNameWarning: false };
  if (looksLikeRealName(name) && !keepName) return { errors: [{ field: 'display-name', message: t('realNameQuestion') }], realNameWarning: true };
  return { errors: [], realNameWarning: false };
}

export function joinRoutes(deps: CommunityDeps) {
  const app = new Hono<AppEnv>();
  const { pages, members } = deps;

  const showForm = async (c: Context<AppEnv>, values: JoinValues, errors: FieldError[], realNameWarning: boolean, status: number) =>
    pages.fresh(c, <JoinPage {...await frameOf(deps, c)} values={values} errors={errors} realNameWarning={realNameWarning} started={formStarted(deps.formKey, deps.clock())} />, status);

  app.get('/join', async (c) => {
    if (c.get('user')) return c.redirect(c.get('lang') === 'en' ? '/forums' : `/${c.get('lang')}/forums`, 303);
    return showForm(c, { displayName: '', email: '' }, [], false, 200);
  });

  app.post('/join', async (c) => {
    const site = await pages.siteContext(c);
    const t = site.i18n.text(communityText);
    const f = await formFields(c);
    const values: JoinValues = { displayName: (f.displayName ?? '').trim().slice(0, 200), email: (f.email ?? '').trim().slice(0, 300) };
    const spam = spamProblem(f, deps.formKey, deps.clock());
    if (spam) return showForm(c, values, [{ field: 'display-name', message: t(spam === 'honeypot' ? 'formRefused' : spam) }], false, 400);

    const ip = clientIp(c, deps.trustProxy);
    const limited = await deps.rateLimits.signUps.take(ip);
    if (!limited.allowed) return showForm(c, values, [{ field: 'display-name', message: t('signUpsLimited') }], false, 429);

    const named = displayNameErrors(site, values.displayName, f.keepName === '1');
    const errors = [...named.errors];
    if (!named.errors.length && (await members.nameTaken(values.displayName))) errors.push({ field: 'display-name', message: t('displayNameTaken') });
    const address = normaliseAddress(values.email);
    if (!values.email) errors.push({ field: 'email', message: t('emailMissing') });
    else if (!Email.safeParse(values.email).success || 'problem' in address) errors.push({ field: 'email', message: t('emailFormat') });
    const password = f.password ?? '';
    const weak = passwordProblem(password, { email: values.email, name: values.displayName }, site.i18n.text(accountsText));
    if (weak) errors.push({ field: 'password', message: weak });
    else if (password !== (f['password-confirm'] ?? '')) errors.push({ field: 'password-confirm', message: t('passwordsDiffer') });
    if (errors.length) return showForm(c, values, errors, named.realNameWarning, 400);

    const to = (address as { address: string }).address;
    // One address gets a few e-mails an hour at most, whoever asks.
    const perAddress = await deps.rateLimits.mailsPerAddress.take(`signup:${to}`);
    const frame = await frameOf(deps, c);
    if (!perAddress.allowed) return pages.fresh(c, <CheckEmailPage {...frame} email={to} />);
    const existing = await deps.accounts.users.byEmail(to);
    const hash = existing ? '' : await hashPassword(password);
    await deps.db.transaction().execute(async (tx) => {
      if (existing) {
        // Nobody learns here whether an address has an account; its owner hears by e-mail.
        await deps.mail.enqueue(tx, { to, kind: 'community-signup-existing', lang: site.lang, ...existingAccountEmail(site) });
        return;
      }
      const { token, expiresAt } = await members.startSignup({ email: to, displayName: values.displayName, passwordHash: hash }, tx);
      await deps.mail.enqueue(tx, { to, kind: 'community-signup', lang: site.lang, ...signupEmail(site, { name: values.displayName, url: `${site.baseUrl}${site.i18n.path(`/join/verify/${token}`)}`, expiresAt }) });
    });
    return pages.fresh(c, <CheckEmailPage {...frame} email={to} />);
  });

  app.get('/join/verify/:token', async (c) => {
    const found = await members.findSignup(c.req.param('token'));
    const frame = await frameOf(deps, c);
    const res = 'problem' in found
      ? await pages.fresh(c, <SignupProblemPage {...frame} problem={found.problem} />, found.problem === 'unknown' ? 404 : 410)
      : await pages.fresh(c, <VerifyPage {...frame} token={c.req.param('token')} displayName={found.signup.display_name} />);
    res.headers.set('referrer-policy', 'no-referrer');
    return res;
  });

  app.post('/join/verify/:token', async (c) => {
    const found = await members.findSignup(c.req.param('token'));
    const frame = await frameOf(deps, c);
    if ('problem' in found) return pages.fresh(c, <SignupProblemPage {...frame} problem={found.problem} />, found.problem === 'unknown' ? 404 : 410);
    const previous = sessionIdOf(c);
    let session: { token: string } | null;
    try {
      session = await deps.db.transaction().execute(async (tx) => {
        const made = await members.completeSignup(found.signup.id, tx);
        if (!made) return null;
        if (previous) await deps.accounts.sessions.end(previous, tx);
        const created = await deps.accounts.sessions.create(made.userId, tx);
        await recordAudit(tx, { actorUserId: made.userId, action: 'community.member_joined', subjectType: 'user', subjectId: made.userId, ip: clientIp(c, deps.trustProxy) }, deps.clock());
        return created;
      });
    } catch (error) {
      if (error instanceof DisplayNameTakenError || error instanceof DuplicateEmailError) return pages.fresh(c, <SignupProblemPage {...frame} problem="taken" />, 409);
      throw error;
    }
    if (!session) return pages.fresh(c, <SignupProblemPage {...frame} problem="used" />, 410);
    const res = c.redirect(frame.site.i18n.path('/forums?notice=welcome'), 303);
    res.headers.append('set-cookie', cookieHeader(c, deps.accounts.trustProxy, SESSION_COOKIE, session.token));
    return res;
  });

  return app;
}

function signupEmail(site: SiteContext, input: { name: string; url: string; expiresAt: string }) {
  const t = site.i18n.text(communityText);
  const organisation = site.settings.organisation;
  return composeEmail({
    lang: site.lang,
    dir: site.i18n.dir,
    subject: t('signupEmailSubject', { organisation }),
    blocks: [
      { p: t('signupEmailBody', { name: input.name, organisation }) },
      { link: { label: t('signupEmailLink'), href: input.url } },
      { p: t('signupEmailExpires', { when: site.i18n.instant(input.expiresAt) }) },
      { small: t('signupEmailIgnore') },
    ],
  });
}

function existingAccountEmail(site: SiteContext) {
  const t = site.i18n.text(communityText);
  const organisation = site.settings.organisation;
  return composeEmail({
    lang: site.lang,
    dir: site.i18n.dir,
    subject: t('existingEmailSubject', { organisation }),
    blocks: [
      { p: t('existingEmailBody', { organisation }) },
      { link: { label: t('existingEmailLink'), href: `${site.baseUrl}${site.i18n.path('/login')}` } },
      { link: { label: t('existingEmailReset'), href: `${site.baseUrl}${site.i18n.path('/password/forgot')}` } },
    ],
  });
}
