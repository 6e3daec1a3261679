import { type Context, Hono } from 'hono';
import { auditActions, listAudit, recordAudit } from './audit.js';
import { clientIp } from './client-ip.js';
import type { AppEnv, CurrentUser } from './context.js';
import type { AccountsDeps } from './deps.js';
import { type InviteValues, formFields, parseInvite } from './forms.js';
import { requirePermission } from './middleware.js';
import { AuditPage } from './views/audit-page.js';
import type { FieldError } from './views/form-parts.js';
import { EXTRA_ROLES, type IssuedLink, USER_NOTICES, UserPage, UsersPage } from './views/users-pages.js';
import { type AccountsText, accountsText } from './messages/index.js';
import { pathIn } from '../i18n/languages.js';
import { AccountRuleError, DuplicateEmailError, type UserRow, isRole } from './users.js';
import { ownValue } from '../web/known-key.js';
import { queueInvitationEmail } from './invitation-mail.js';


const EMPTY_INVITE: InviteValues = { name: '', email: '', role: '' };

/** User management and the audit log, for admins. */
export function adminRoutes(deps: AccountsDeps) {
  const app = new Hono<AppEnv>();
  const { pages, db } = deps;
  const frame = async (c: Context<AppEnv>) => ({ site: await pages.siteContext(c), user: c.get('user')!, csrfToken: c.get('csrfToken') });
  const ip = (c: Context<AppEnv>) => clientIp(c, deps.trustProxy);
  const text = async (c: Context<AppEnv>): Promise<AccountsText> => (await pages.siteContext(c)).i18n.text(accountsText);
  /** Back to a user's page in the admin's language, with a notice. */
  const backTo = (c: Context<AppEnv>, user: UserRow, notice: keyof typeof USER_NOTICES) => c.redirect(pathIn(c.get('lang'), `/admin/users/${user.id}?notice=${notice}`), 303);

  async function usersPage(c: Context<AppEnv>, invite: { values: InviteValues; errors: FieldError[] }, status = 200, issued?: IssuedLink) {
    const [users, pending] = await Promise.all([deps.users.list(), deps.invitations.pendingByUser()]);
    return pages.fresh(c, <UsersPage {...await frame(c)} users={users} pending={pending} invite={invite} issued={issued} />, status);
  }

  async function userPage(c: Context<AppEnv>, target: UserRow, options: { errors?: FieldError[]; status?: number; issued?: IssuedLink } = {}) {
    const [pending, sessions, authors, extraRoles] = await Promise.all([
      deps.invitations.pendingFor(target.id),
      deps.sessions.countFor(target.id),
      db.selectFrom('authors').select(['key', 'name']).orderBy('name').execute(),
      deps.users.extraRoles(target.id),
    ]);
    const notice = ownValue(USER_NOTICES, c.req.query('notice'));
    const page = <UserPage {...await frame(c)} target={target} pending={pending} sessions={sessions} authors={authors} extraRoles={extraRoles} errors={options.errors ?? []} notice={notice} issued={options.issued} />;
    return pages.fresh(c, page, options.status ?? 200);
  }

  const linkFor = async (token: string, email: string, expiresAt: string): Promise<IssuedLink> => ({
    url: `${(await pages.siteContext()).baseUrl}/invite/${token}`,
    email,
    expiresAt,
  });

  /** The user named in the path, or null (the route answers 404). */
  const target = async (c: Context<AppEnv>) => {
    const id = c.req.param('id') ?? '';
    return /^\d{1,9}$/.test(id) ? ((await deps.users.byId(Number(id))) ?? null) : null;
  };

  app.use('/admin/users', requirePermission('users.manage'));
  app.use('/admin/users/*', requirePermission('users.manage'));
  app.use('/admin/audit', requirePermission('audit.view'));

  app.get('/admin/users', (c) => usersPage(c, { values: EMPTY_INVITE, errors: [] }));

  app.post('/admin/users', async (c) => {
    const admin = c.get('user')!;
    const t = await text(c);
    const invite = parseInvite(await formFields(c), t);
    if (invite.errors.length || !invite.values.role) return usersPage(c, invite, 400);
    const role = invite.values.role;
    const site = await pages.siteContext(c);
    try {
      const { user, token, invitation } = await db.transaction().execute(async (tx) => {
        const user = await deps.users.create({ email: invite.values.email, name: invite.values.name, role, passwordHash: null }, tx);
        const { token, invitation } = await deps.invitations.create(user.id, admin.id, tx);
        await recordAudit(tx, { actorUserId: admin.id, action: 'user.invited', subjectType: 'user', subjectId: user.id, details: { email: user.email, role }, ip: ip(c) }, deps.clock());
        await queueInvitationEmail(deps, tx, site, { email: user.email, name: user.name, role, inviter: admin.name, url: `${site.baseUrl}/invite/${token}`, expiresAt: invitation.expires_at, isNew: true });
        return { user, token, invitation };
      });
      return usersPage(c, { values: EMPTY_INVITE, errors: [] }, 200, await linkFor(token, user.email, invitation.expires_at));
    } catch (error) {
      if (!(error instanceof DuplicateEmailError)) throw error;
      const message = t('usersDuplicateEmail', { email: error.email });
      return usersPage(c, { values: invite.values, errors: [{ field: 'invite-email', message }] }, 400);
    }
  });

  app.get('/admin/users/:id', async (c) => {
    const user = await target(c);
    return user ? userPage(c, user) : c.notFound();
  });

  app.post('/admin/users/:id/role', async (c) => {
    const [admin, user] = [c.get('user')!, await target(c)];
    if (!user) return c.notFound();
    const role = (await formFields(c)).role;
    const t = await text(c);
    if (user.id === admin.id) return userPage(c, user, { errors: [{ field: 'role-title', message: t('userRoleSelf') }], status: 400 });
    if (!isRole(role)) return userPage(c, user, { errors: [{ field: 'role-editor', message: t('userRoleMissing') }], status: 400 });
    try {
      await deps.users.setRole(user.id, role, (tx, before) =>
        recordAudit(tx, { actorUserId: admin.id, action: 'user.role_changed', subjectType: 'user', subjectId: user.id, details: { from: before.role, to: role }, ip: ip(c) }, deps.clock()),
      );
    } catch (error) {
      return ruleProblem(c, error, user, 'role-editor');
    }
    return backTo(c, user, 'role');
  });

  app.post('/admin/users/:id/roles', async (c) => {
    const [admin, user] = [c.get('user')!, await target(c)];
    if (!user) return c.notFound();
    const form = await c.req.parseBody({ all: true });
    const asked = ([] as unknown[]).concat(form.extra ?? []);
    const t = await text(c);
    const roles = asked.filter(isRole).filter((r) => EXTRA_ROLES.includes(r));
    if (roles.length !== asked.length) return userPage(c, user, { errors: [{ field: `extra-${EXTRA_ROLES.find((r) => r !== user.role)}`, message: t('userExtraRolesUnknown') }], status: 400 });
    try {
      await deps.users.setExtraRoles(user.id, roles, (tx, before) =>
        recordAudit(tx, { actorUserId: admin.id, action: 'user.roles_changed', subjectType: 'user', subjectId: user.id, details: { from: before, to: roles.filter((r) => r !== user.role).sort() }, ip: ip(c) }, deps.clock()),
      );
    } catch (error) {
      return ruleProblem(c, error, user, 'extra-roles-title');
    }
    return backTo(c, user, 'roles');
  });

  app.post('/admin/users/:id/author', async (c) => {
    const [admin, user] = [c.get('user')!, await target(c)];
    if (!user) return c.notFound();
    const key = (await formFields(c)).author ?? '';
    if (key && !(await db.selectFrom('authors').select('key').where('key', '=', key).executeTakeFirst())) {
      return userPage(c, user, { errors: [{ field: 'author', message: (await text(c))('userAuthorUnknown') }], status: 400 });
    }
    await db.transaction().execute(async (tx) => {
      await deps.users.setAuthorKey(user.id, key || null, tx);
      await recordAudit(tx, { actorUserId: admin.id, action: 'user.byline_changed', subjectType: 'user', subjectId: user.id, details: { from: user.author_key, to: key || null }, ip: ip(c) }, deps.clock());
    });
    return backTo(c, user, 'author');
  });

  app.post('/admin/users/:id/reset', async (c) => {
    const [admin, user] = [c.get('user')!, await target(c)];
    if (!user) return c.notFound();
    if (user.disabled_at) return userPage(c, user, { errors: [{ field: 'access-title', message: (await text(c))('userLinkDisabled') }], status: 400 });
    const site = await pages.siteContext(c);
    const { token, invitation } = await db.transaction().execute(async (tx) => {
      const made = await deps.invitations.create(user.id, admin.id, tx);
      await recordAudit(tx, { actorUserId: admin.id, action: 'user.link_created', subjectType: 'user', subjectId: user.id, details: { expiresAt: made.invitation.expires_at }, ip: ip(c) }, deps.clock());
      if (isRole(user.role)) {
        await queueInvitationEmail(deps, tx, site, { email: user.email, name: user.name, role: user.role, inviter: admin.name, url: `${site.baseUrl}/invite/${made.token}`, expiresAt: made.invitation.expires_at, isNew: !user.password_hash });
      }
      return made;
    });
    return userPage(c, user, { issued: await linkFor(token, user.email, invitation.expires_at) });
  });

  app.post('/admin/users/:id/revoke-link', async (c) => {
    const [admin, user] = [c.get('user')!, await target(c)];
    if (!user) return c.notFound();
    await db.transaction().execute(async (tx) => {
      const withdrawn = await deps.invitations.revokeFor(user.id, tx);
      if (withdrawn) await recordAudit(tx, { actorUserId: admin.id, action: 'user.link_withdrawn', subjectType: 'user', subjectId: user.id, ip: ip(c) }, deps.clock());
    });
    return backTo(c, user, 'withdrawn');
  });

  for (const [verb, disabled] of [['disable', true], ['enable', false]] as const) {
    app.post(`/admin/users/:id/${verb}`, async (c) => {
      const [admin, user] = [c.get('user')!, await target(c)];
      if (!user) return c.notFound();
      if (user.id === admin.id) return userPage(c, user, { errors: [{ field: 'access-title', message: (await text(c))('userAccessSelfError') }], status: 400 });
      try {
        await deps.users.setDisabled(user.id, disabled, (tx) =>
          recordAudit(tx, { actorUserId: admin.id, action: disabled ? 'user.disabled' : 'user.enabled', subjectType: 'user', subjectId: user.id, ip: ip(c) }, deps.clock()),
        );
      } catch (error) {
        return ruleProblem(c, error, user, 'access-title');
      }
      return backTo(c, user, disabled ? 'disabled' : 'enabled');
    });
  }

  async function ruleProblem(c: Context<AppEnv>, error: unknown, user: UserRow, field: string) {
    if (!(error instanceof AccountRuleError)) throw error;
    const message = (await text(c))(error.rule === 'lastAdmin' ? 'userRuleLastAdmin' : 'userRuleMissing');
    return userPage(c, (await deps.users.byId(user.id)) ?? user, { errors: [{ field, message }], status: 400 });
  }

  app.get('/admin/audit', async (c) => {
    const admin: CurrentUser = c.get('user')!;
    const [actors, actions] = await Promise.all([deps.users.list(), auditActions(db)]);
    const actor = c.req.query('actor') ?? '';
    const action = c.req.query('action') ?? '';
    const filter = {
      actor: actor === 'none' || /^\d{1,9}$/.test(actor) ? actor : '',
      action: actions.includes(action) ? action : '',
    };
    const requested = Number(c.req.query('page') ?? '1');
    const page = Number.isInteger(requested) && requested >= 1 && requested <= 1_000_000 ? requested : 1;
    const result = await listAudit(db, { actorUserId: filter.actor === 'none' ? null : filter.actor ? Number(filter.actor) : undefined, action: filter.action || undefined }, page);
    return pages.fresh(
      c,
      <AuditPage
        site={(await frame(c)).site}
        user={admin}
        csrfToken={c.get('csrfToken')}
        rows={result.rows}
        page={result.page}
        pageCount={result.pageCount}
        total={result.total}
        actors={actors.map((u) => ({ id: u.id, name: `${u.name} (${u.email})` }))}
        actions={actions}
        filter={filter}
      />,
    );
  });

  return app;
}
