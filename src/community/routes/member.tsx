/** A member's own page: change the display name, download their data, delete the account. */
import { type Context, Hono } from 'hono';
import { recordAudit } from '../../accounts/audit.js';
import { clientIp } from '../../accounts/client-ip.js';
import type { AppEnv, CurrentUser } from '../../accounts/context.js';
import { SESSION_COOKIE, clearCookieHeader } from '../../accounts/cookies.js';
import { formFields } from '../../accounts/forms.js';
import { requirePermission } from '../../accounts/middleware.js';
import { verifyPassword } from '../../accounts/password.js';
import { accountKey } from '../../accounts/throttle.js';
import type { FieldError } from '../../accounts/views/form-parts.js';
import { ownValue } from '../../web/known-key.js';
import { type CommunityDeps, frameOf } from '../deps.js';
import { DisplayNameTakenError } from '../members.js';
import { communityText } from '../messages/index.js';
import { DeletedPage, MemberPage } from '../views/member-pages.js';
import { displayNameErrors } from './join.js';

const NOTICES = { welcome: 'noticeWelcome', renamed: 'noticeRenamed' } as const;

export function memberRoutes(deps: CommunityDeps) {
  const app = new Hono<AppEnv>();
  const { pages, members } = deps;
  const guard = requirePermission('forum.post');

  async function show(c: Context<AppEnv>, options: { nameValue?: string; errors?: FieldError[]; realNameWarning?: boolean; status?: number } = {}) {
    const user = c.get('user')!;
    const member = await members.byUser(user.id);
    const notice = ownValue(NOTICES, c.req.query('notice'));
    return pages.fresh(
      c,
      <MemberPage
        {...await frameOf(deps, c)}
        displayName={member?.display_name ?? user.name}
        joinedAt={member?.joined_at ?? null}
        nameValue={options.nameValue ?? member?.display_name ?? user.name}
        errors={options.errors ?? []}
        realNameWarning={options.realNameWarning ?? false}
        notice={notice}
        canDelete={isOnlyMember(user)}
        followed={await deps.following.followedTopics(user.id)}
      />,
      options.status ?? 200,
    );
  }

  app.get('/members/me', guard, (c) => show(c));

  app.post('/members/me/name', guard, async (c) => {
    const user = c.get('user')!;
    const site = await pages.siteContext(c);
    const t = site.i18n.text(communityText);
    const f = await formFields(c);
    const name = (f.displayName ?? '').trim().slice(0, 200);
    const named = displayNameErrors(site, name, f.keepName === '1');
    if (named.errors.length) return show(c, { nameValue: name, errors: named.errors, realNameWarning: named.realNameWarning, status: 400 });
    const before = (await members.byUser(user.id))?.display_name ?? user.name;
    try {
      if (!(await members.byUser(user.id))) await deps.db.transaction().execute((tx) => members.ensureProfile(user, tx));
      await members.rename(user.id, name);
    } catch (error) {
      if (error instanceof DisplayNameTakenError) return show(c, { nameValue: name, errors: [{ field: 'display-name', message: t('displayNameTaken') }], status: 409 });
      throw error;
    }
    await recordAudit(deps.db, { actorUserId: user.id, action: 'community.member_renamed', subjectType: 'user', subjectId: user.id, details: { from: before, to: name }, ip: clientIp(c, deps.trustProxy) }, deps.clock());
    return c.redirect(site.i18n.path('/members/me?notice=renamed'), 303);
  });

  app.get('/members/me/data', guard, async (c) => {
    const user = c.get('user')!;
    const data = await members.exportData(user.id);
    const subject = { userId: user.id, email: user.email };
    // Every other domain's part (stories, e-mail updates) after the community's own.
    const parts = await Promise.all(deps.personalData().map(async (part) => [part.section, await part.export(subject)] as const));
    return new Response(JSON.stringify({ exportedAt: deps.clock().toISOString(), ...data, ...Object.fromEntries(parts) }, null, 2), {
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': 'attachment; filename="my-community-data.json"',
        'cache-control': 'no-store',
      },
    });
  });

  app.post('/members/me/delete', guard, async (c) => {
    const user = c.get('user')!;
    const site = await pages.siteContext(c);
    const t = site.i18n.text(communityText);
    if (!isOnlyMember(user)) return show(c, { errors: [{ field: 'delete-password', message: t('deleteStaff') }], status: 403 });
    const f = await formFields(c);
    const posts = f.posts === 'keep' || f.posts === 'remove' ? f.posts : null;
    const errors: FieldError[] = [];
    if (!posts) errors.push({ field: 'posts-keep', message: t('deleteChoiceMissing') });
    // Under the sign-in lockout, like every password check.
    const key = accountKey(user.email);
    const locked = await deps.accounts.throttle.lockedUntil([key]);
    const row = await deps.accounts.users.byId(user.id);
    const passwordOk = !locked && row?.password_hash ? await verifyPassword(f.password ?? '', row.password_hash) : false;
    if (!passwordOk) {
      if (!locked) await deps.accounts.throttle.recordFailure([key]);
      errors.push({ field: 'delete-password', message: t(locked ? 'deletePasswordLocked' : 'deletePasswordWrong') });
    }
    if (errors.length) return show(c, { errors, status: 400 });
    let readerPagesChanged = false;
    await members.deleteAccount(user.id, posts!, async (tx) => {
      // One transaction: the account and every domain's part of it go together, or nothing does.
      for (const part of deps.personalData()) if (await part.erase(tx, { userId: user.id, email: user.email }, posts!)) readerPagesChanged = true;
      await recordAudit(tx, { actorUserId: null, action: 'community.member_deleted', subjectType: 'user', subjectId: user.id, details: { posts }, ip: clientIp(c, deps.trustProxy) }, deps.clock());
    });
    if (readerPagesChanged) await deps.contentChanged();
    const res = await pages.fresh(c, <DeletedPage {...await frameOf(deps, c)} user={null} posts={posts!} />);
    res.headers.append('set-cookie', clearCookieHeader(c, deps.accounts.trustProxy, SESSION_COOKIE));
    return res;
  });

  return app;
}

/** Staff accounts (and staff who also moderate) are closed by an admin, not deleted from here. */
function isOnlyMember(user: CurrentUser): boolean {
  return (user.roles ?? [user.role]).every((r) => r === 'member');
}
