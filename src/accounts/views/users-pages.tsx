import { Layout } from '../../web/layout.js';
import type { CurrentUser, Role } from '../context.js';
import type { InviteValues } from '../forms.js';
import type { InvitationRow } from '../invitations.js';
import type { UserRow } from '../users.js';
import { CsrfField, ErrorSummary, type FieldError, TextField, errorFor, formTitle } from './form-parts.js';
import type { Frame } from './frame.js';
import type { Localizer } from '../../i18n/localizer.js';
import type { SiteContext } from '../../web/site-context.js';
import { accountsText } from '../messages/index.js';

type Admin = Frame & { user: CurrentUser };

export const ROLE_DESCRIPTIONS = {
  editor: 'roleDescriptionEditor',
  reviewer: 'roleDescriptionReviewer',
  admin: 'roleDescriptionAdmin',
  member: 'roleDescriptionMember',
  moderator: 'roleDescriptionModerator',
  translator: 'roleDescriptionTranslator',
} as const satisfies Record<Role, string>;
// Members sign up themselves (/join); the rest are invited.
const ROLE_ORDER: Role[] = ['editor', 'reviewer', 'translator', 'moderator', 'admin'];
/** Roles a person may hold besides their main one: never admin (the last-admin rule watches the main role). */
export const EXTRA_ROLES: readonly Role[] = ['editor', 'reviewer', 'translator', 'moderator'];

function usersCrumbs(site: SiteContext) {
  const t = site.i18n.text(accountsText);
  return [
    { label: t('home'), href: '/' },
    { label: t('usersTitle'), href: '/admin/users' },
  ];
}

/** Notices after a change on a user's page, by message key (chosen from the address, so nothing typed is echoed). */
export const USER_NOTICES = {
  role: 'userNoticeRole',
  roles: 'userNoticeRoles',
  author: 'userNoticeAuthor',
  disabled: 'userNoticeDisabled',
  enabled: 'userNoticeEnabled',
  withdrawn: 'userNoticeWithdrawn',
} as const;
export type UserNotice = (typeof USER_NOTICES)[keyof typeof USER_NOTICES];

/** A freshly made sign-in link, shown once to the admin who made it (only its hash is kept). */
export interface IssuedLink {
  url: string;
  email: string;
  expiresAt: string;
}

function IssuedLinkPanel({ site, link }: { site: SiteContext; link: IssuedLink }) {
  const t = site.i18n.text(accountsText);
  return (
    <div class="panel issued-link" role="status" aria-labelledby="issued-link-title">
      <h2 id="issued-link-title">{t('issuedLinkTitle', { email: link.email })}</h2>
      <p>{t('issuedLinkText', { expires: site.i18n.instant(link.expiresAt) })}</p>
      <div class="field">
        <label for="issued-link-url">{t('issuedLinkLabel')}</label>
        <input id="issued-link-url" type="text" readonly value={link.url} spellcheck={false} dir="ltr" />
      </div>
    </div>
  );
}

function statusOf(i18n: Localizer, user: UserRow, pending: InvitationRow | undefined): string {
  const t = i18n.text(accountsText);
  if (user.disabled_at) return t('statusDisabled', { since: i18n.instant(user.disabled_at) });
  if (pending) return user.password_hash ? t('statusActiveWithLink', { expires: i18n.instant(pending.expires_at) }) : t('statusInvited', { expires: i18n.instant(pending.expires_at) });
  return user.password_hash ? t('statusActive') : t('statusInvitationUnused');
}

function RoleRadios({ site, name, idPrefix, checked, error, legend }: { site: SiteContext; name: string; idPrefix: string; checked: Role | ''; error?: string | undefined; legend?: string }) {
  const t = site.i18n.text(accountsText);
  return (
    <fieldset class={error ? 'field has-error' : 'field'} aria-describedby={error ? `${idPrefix}-error` : undefined}>
      <legend>{legend ?? t('roleLabel')}</legend>
      {error ? (
        <span class="field-error" id={`${idPrefix}-error`}>
          <span class="visually-hidden">{t('errorPrefix')} </span>
          {error}
        </span>
      ) : null}
      {ROLE_ORDER.map((role) => (
        <div class="radio">
          <input type="radio" id={`${idPrefix}-${role}`} name={name} value={role} checked={checked === role} aria-describedby={`${idPrefix}-${role}-hint`} />
          <label for={`${idPrefix}-${role}`}>{t('roleName', { role })}</label>
          <span class="hint" id={`${idPrefix}-${role}-hint`}>
            {t(ROLE_DESCRIPTIONS[role])}
          </span>
        </div>
      ))}
    </fieldset>
  );
}

/** Everyone with an account, and the form to invite someone. */
export function UsersPage(
  props: Admin & {
    users: UserRow[];
    pending: Map<number, InvitationRow>;
    invite: { values: InviteValues; errors: FieldError[] };
    issued?: IssuedLink | undefined;
  },
) {
  const { errors, values } = props.invite;
  const { site } = props;
  const t = site.i18n.text(accountsText);
  return (
    <Layout site={site} user={props.user} csrfToken={props.csrfToken} title={formTitle(t('usersTitle'), errors, site.i18n)} path="/admin/users" breadcrumbs={usersCrumbs(site)} noindex>
      <ErrorSummary errors={errors} i18n={site.i18n} />
      <h1>{t('usersTitle')}</h1>
      {props.issued ? <IssuedLinkPanel site={site} link={props.issued} /> : null}
      <table class="data-table">
        <caption class="visually-hidden">{t('usersCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('nameLabel')}</th>
            <th scope="col">{t('emailLabel')}</th>
            <th scope="col">{t('roleLabel')}</th>
            <th scope="col">{t('statusLabel')}</th>
          </tr>
        </thead>
        <tbody>
          {props.users.map((u) => (
            <tr>
              <th scope="row">
                <a href={site.i18n.path(`/admin/users/${u.id}`)}>{u.name}</a>
                {u.id === props.user.id ? ` ${t('usersYou')}` : ''}
              </th>
              <td data-label={t('emailLabel')}>{u.email}</td>
              <td data-label={t('roleLabel')}>{t('roleName', { role: u.role })}</td>
              <td data-label={t('statusLabel')}>{statusOf(site.i18n, u, props.pending.get(u.id))}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2 id="invite-title">{t('usersInviteTitle')}</h2>
      <p>{t('usersInviteIntro')}</p>
      <form method="post" action={site.i18n.path('/admin/users')} aria-labelledby="invite-title" class="narrow-form" novalidate>
        <CsrfField token={props.csrfToken} />
        <TextField id="invite-name" name="name" label={t('nameLabel')} value={values.name} autocomplete="off" maxlength={100} error={errorFor(errors, 'invite-name')} />
        <TextField id="invite-email" name="email" label={t('emailLabel')} type="email" value={values.email} autocomplete="off" spellcheck={false} maxlength={254} error={errorFor(errors, 'invite-email')} />
        <RoleRadios site={site} name="role" idPrefix="role" checked={values.role} error={errorFor(errors, 'role-editor')} />
        <button type="submit" class="button">
          {t('usersInviteButton')}
        </button>
      </form>
    </Layout>
  );
}

/** One account: role, byline record, sign-in link, disable. */
export function UserPage(
  props: Admin & {
    target: UserRow;
    pending: InvitationRow | undefined;
    sessions: number;
    authors: Array<{ key: string; name: string }>;
    /** Roles held besides the main one. */
    extraRoles: Role[];
    errors: FieldError[];
    notice?: UserNotice | undefined;
    issued?: IssuedLink | undefined;
  },
) {
  const { target, errors, site } = props;
  const t = site.i18n.text(accountsText);
  const base = `/admin/users/${target.id}`;
  const action = (verb: string) => site.i18n.path(`${base}/${verb}`);
  const self = target.id === props.user.id;
  return (
    <Layout
      site={props.site}
      user={props.user}
      csrfToken={props.csrfToken}
      title={formTitle(target.name, errors, site.i18n)}
      path={base}
      breadcrumbs={[...usersCrumbs(site), { label: target.name, href: base }]}
      noindex
    >
      <ErrorSummary errors={errors} i18n={site.i18n} />
      <h1>{target.name}</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {t(props.notice)}
        </p>
      ) : null}
      {props.issued ? <IssuedLinkPanel site={site} link={props.issued} /> : null}
      <dl class="summary-list">
        <div>
          <dt>{t('emailLabel')}</dt>
          <dd>{target.email}</dd>
        </div>
        <div>
          <dt>{t('roleLabel')}</dt>
          <dd>
            {t('roleName', { role: target.role })}
            {props.extraRoles.length ? <> {t('userAlsoHolds', { roles: props.extraRoles.map((role) => t('roleName', { role })).join(t('listSeparator')) })}</> : null}
          </dd>
        </div>
        <div>
          <dt>{t('statusLabel')}</dt>
          <dd>{statusOf(site.i18n, target, props.pending)}</dd>
        </div>
        <div>
          <dt>{t('userSessionsLabel')}</dt>
          <dd>{t('userSessions', { count: props.sessions })}</dd>
        </div>
        <div>
          <dt>{t('userCreatedLabel')}</dt>
          <dd>{site.i18n.instant(target.created_at)}</dd>
        </div>
      </dl>

      <h2 id="role-title">{t('roleLabel')}</h2>
      {self ? (
        <p>{t('userRoleSelf')}</p>
      ) : (
        <form method="post" action={action('role')} aria-labelledby="role-title" novalidate>
          <CsrfField token={props.csrfToken} />
          <RoleRadios site={site} name="role" idPrefix="role" legend={t('userRoleLegend', { name: target.name })} checked={target.role as Role} error={errorFor(errors, 'role-editor')} />
          <button type="submit" class="button">
            {t('userRoleSave')}
          </button>
        </form>
      )}

      <h2 id="extra-roles-title">{t('userExtraRolesTitle')}</h2>
      <form method="post" action={action('roles')} aria-labelledby="extra-roles-title" novalidate>
        <CsrfField token={props.csrfToken} />
        <fieldset class={errorFor(errors, 'extra-roles-title') || EXTRA_ROLES.some((r) => errorFor(errors, `extra-${r}`)) ? 'field has-error' : 'field'} aria-describedby="extra-roles-hint">
          <legend>{t('userExtraRolesLegend', { name: target.name })}</legend>
          <span class="hint" id="extra-roles-hint">
            {t('userExtraRolesHint')}
          </span>
          {[errorFor(errors, 'extra-roles-title'), ...EXTRA_ROLES.map((r) => errorFor(errors, `extra-${r}`))].filter(Boolean).map((message) => (
            <span class="field-error">{message}</span>
          ))}
          {EXTRA_ROLES.filter((r) => r !== target.role).map((role) => (
            <div class="check">
              <input type="checkbox" id={`extra-${role}`} name="extra" value={role} checked={props.extraRoles.includes(role)} aria-describedby={`extra-${role}-hint`} />
              <label for={`extra-${role}`}>{t('roleName', { role })}</label>
              <span class="hint" id={`extra-${role}-hint`}>
                {t(ROLE_DESCRIPTIONS[role])}
              </span>
            </div>
          ))}
        </fieldset>
        <button type="submit" class="button secondary">
          {t('userExtraRolesSave')}
        </button>
      </form>

      <h2 id="author-title">{t('userBylineTitle')}</h2>
      <form method="post" action={action('author')} aria-labelledby="author-title" novalidate>
        <CsrfField token={props.csrfToken} />
        <div class={errorFor(errors, 'author') ? 'field has-error' : 'field'}>
          <label for="author">{t('userAuthorLabel')}</label>
          <span class="hint" id="author-hint">
            {t('userAuthorHint')}
          </span>
          <select id="author" name="author" aria-describedby="author-hint">
            <option value="" selected={!target.author_key}>
              {t('userAuthorNone')}
            </option>
            {props.authors.map((a) => (
              <option value={a.key} selected={a.key === target.author_key}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button secondary">
          {t('userAuthorSave')}
        </button>
      </form>

      <h2 id="link-title">{t('userLinkTitle')}</h2>
      {props.pending ? <p>{t('userLinkWaiting', { expires: site.i18n.instant(props.pending.expires_at) })}</p> : null}
      <p>{t('userLinkIntro')}</p>
      <div class="button-row">
        <form method="post" action={action('reset')} aria-labelledby="link-title">
          <CsrfField token={props.csrfToken} />
          <button type="submit" class="button secondary" disabled={!!target.disabled_at}>
            {t('userLinkMake')}
          </button>
        </form>
        {props.pending ? (
          <form method="post" action={action('revoke-link')}>
            <CsrfField token={props.csrfToken} />
            <button type="submit" class="button secondary">
              {t('userLinkWithdraw')}
            </button>
          </form>
        ) : null}
      </div>

      <h2 id="access-title">{t('userAccessTitle')}</h2>
      {self ? (
        <p>{t('userAccessSelf')}</p>
      ) : target.disabled_at ? (
        <form method="post" action={action('enable')} aria-labelledby="access-title">
          <CsrfField token={props.csrfToken} />
          <p>{t('userEnableIntro')}</p>
          <button type="submit" class="button secondary">
            {t('userEnableButton')}
          </button>
        </form>
      ) : (
        <form method="post" action={action('disable')} aria-labelledby="access-title">
          <CsrfField token={props.csrfToken} />
          <p>{t('userDisableIntro')}</p>
          <button type="submit" class="button warning">
            {t('userDisableButton')}
          </button>
        </form>
      )}
    </Layout>
  );
}
