import { Layout } from '../../web/layout.js';
import type { CurrentUser, Role } from '../context.js';
import type { InviteValues } from '../forms.js';
import type { InvitationRow } from '../invitations.js';
import type { UserRow } from '../users.js';
import { CsrfField, ErrorSummary, type FieldError, TextField, errorFor, formTitle } from './form-parts.js';
import { type Frame, displayInstant } from './frame.js';

type Admin = Frame & { user: CurrentUser };

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  editor: 'Writes and edits pages, imports citations, publishes.',
  reviewer: 'A clinician who approves pages as medically reviewed; can also edit.',
  admin: 'Everything editors and reviewers do, plus site settings, user accounts and the audit log.',
};
const ROLE_ORDER: Role[] = ['editor', 'reviewer', 'admin'];

const usersCrumbs = [
  { label: 'Home', href: '/' },
  { label: 'Users', href: '/admin/users' },
];

/** A freshly made sign-in link, shown once to the admin who made it (only its hash is kept). */
export interface IssuedLink {
  url: string;
  email: string;
  expiresAt: string;
}

function IssuedLinkPanel({ link }: { link: IssuedLink }) {
  return (
    <div class="panel issued-link" role="status" aria-labelledby="issued-link-title">
      <h2 id="issued-link-title">Sign-in link for {link.email}</h2>
      <p>
        Send this link to them yourself, by e-mail or another private way. It works once, until {displayInstant(link.expiresAt)}. It will not be
        shown again: if it is lost, make a new one.
      </p>
      <div class="field">
        <label for="issued-link-url">Link</label>
        <input id="issued-link-url" type="text" readonly value={link.url} spellcheck={false} />
      </div>
    </div>
  );
}

function statusOf(user: UserRow, pending: InvitationRow | undefined): string {
  if (user.disabled_at) return `Disabled since ${displayInstant(user.disabled_at)}`;
  if (pending) return user.password_hash ? `Active; new sign-in link until ${displayInstant(pending.expires_at)}` : `Invited; link works until ${displayInstant(pending.expires_at)}`;
  return user.password_hash ? 'Active' : 'Invitation not used: make a new link';
}

function RoleRadios({ name, idPrefix, checked, error, legend = 'Role' }: { name: string; idPrefix: string; checked: Role | ''; error?: string | undefined; legend?: string }) {
  return (
    <fieldset class={error ? 'field has-error' : 'field'} aria-describedby={error ? `${idPrefix}-error` : undefined}>
      <legend>{legend}</legend>
      {error ? (
        <span class="field-error" id={`${idPrefix}-error`}>
          <span class="visually-hidden">Error: </span>
          {error}
        </span>
      ) : null}
      {ROLE_ORDER.map((role) => (
        <div class="radio">
          <input type="radio" id={`${idPrefix}-${role}`} name={name} value={role} checked={checked === role} aria-describedby={`${idPrefix}-${role}-hint`} />
          <label for={`${idPrefix}-${role}`}>{role}</label>
          <span class="hint" id={`${idPrefix}-${role}-hint`}>
            {ROLE_DESCRIPTIONS[role]}
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
  return (
    <Layout site={props.site} user={props.user} csrfToken={props.csrfToken} title={formTitle('Users', errors)} path="/admin/users" breadcrumbs={usersCrumbs} noindex>
      <ErrorSummary errors={errors} />
      <h1>Users</h1>
      {props.issued ? <IssuedLinkPanel link={props.issued} /> : null}
      <table class="data-table">
        <caption class="visually-hidden">Everyone who can sign in</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">E-mail address</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {props.users.map((u) => (
            <tr>
              <th scope="row">
                <a href={`/admin/users/${u.id}`}>{u.name}</a>
                {u.id === props.user.id ? ' (you)' : ''}
              </th>
              <td data-label="E-mail address">{u.email}</td>
              <td data-label="Role">{u.role}</td>
              <td data-label="Status">{statusOf(u, props.pending.get(u.id))}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2 id="invite-title">Invite someone</h2>
      <p>This makes a sign-in link for you to send them. Nothing is e-mailed by the site.</p>
      <form method="post" action="/admin/users" aria-labelledby="invite-title" class="narrow-form" novalidate>
        <CsrfField token={props.csrfToken} />
        <TextField id="invite-name" name="name" label="Name" value={values.name} autocomplete="off" maxlength={100} error={errorFor(errors, 'invite-name')} />
        <TextField id="invite-email" name="email" label="E-mail address" type="email" value={values.email} autocomplete="off" spellcheck={false} maxlength={254} error={errorFor(errors, 'invite-email')} />
        <RoleRadios name="role" idPrefix="role" checked={values.role} error={errorFor(errors, 'role-editor')} />
        <button type="submit" class="button">
          Make sign-in link
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
    errors: FieldError[];
    notice?: string | undefined;
    issued?: IssuedLink | undefined;
  },
) {
  const { target, errors } = props;
  const base = `/admin/users/${target.id}`;
  const self = target.id === props.user.id;
  return (
    <Layout
      site={props.site}
      user={props.user}
      csrfToken={props.csrfToken}
      title={formTitle(target.name, errors)}
      path={base}
      breadcrumbs={[...usersCrumbs, { label: target.name, href: base }]}
      noindex
    >
      <ErrorSummary errors={errors} />
      <h1>{target.name}</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.issued ? <IssuedLinkPanel link={props.issued} /> : null}
      <dl class="summary-list">
        <div>
          <dt>E-mail address</dt>
          <dd>{target.email}</dd>
        </div>
        <div>
          <dt>Role</dt>
          <dd>{target.role}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>{statusOf(target, props.pending)}</dd>
        </div>
        <div>
          <dt>Signed in</dt>
          <dd>{props.sessions === 0 ? 'Not signed in anywhere' : props.sessions === 1 ? 'In 1 browser' : `In ${props.sessions} browsers`}</dd>
        </div>
        <div>
          <dt>Account made</dt>
          <dd>{displayInstant(target.created_at)}</dd>
        </div>
      </dl>

      <h2 id="role-title">Role</h2>
      {self ? (
        <p>You cannot change your own role. Ask another admin.</p>
      ) : (
        <form method="post" action={`${base}/role`} aria-labelledby="role-title" novalidate>
          <CsrfField token={props.csrfToken} />
          <RoleRadios name="role" idPrefix="role" legend={`What ${target.name} does`} checked={target.role as Role} error={errorFor(errors, 'role-editor')} />
          <button type="submit" class="button">
            Save role
          </button>
        </form>
      )}

      <h2 id="author-title">Byline</h2>
      <form method="post" action={`${base}/author`} aria-labelledby="author-title" novalidate>
        <CsrfField token={props.csrfToken} />
        <div class={errorFor(errors, 'author') ? 'field has-error' : 'field'}>
          <label for="author">Author record</label>
          <span class="hint" id="author-hint">
            The name their edits and reviews are credited to on pages.
          </span>
          <select id="author" name="author" aria-describedby="author-hint">
            <option value="" selected={!target.author_key}>
              None
            </option>
            {props.authors.map((a) => (
              <option value={a.key} selected={a.key === target.author_key}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button secondary">
          Save byline
        </button>
      </form>

      <h2 id="link-title">Sign-in link</h2>
      {props.pending ? <p>A link is waiting to be used until {displayInstant(props.pending.expires_at)}.</p> : null}
      <p>A new link lets them set a password (for a forgotten one, or a first sign-in). It replaces any earlier link.</p>
      <div class="button-row">
        <form method="post" action={`${base}/reset`} aria-labelledby="link-title">
          <CsrfField token={props.csrfToken} />
          <button type="submit" class="button secondary" disabled={!!target.disabled_at}>
            Make a new sign-in link
          </button>
        </form>
        {props.pending ? (
          <form method="post" action={`${base}/revoke-link`}>
            <CsrfField token={props.csrfToken} />
            <button type="submit" class="button secondary">
              Withdraw the waiting link
            </button>
          </form>
        ) : null}
      </div>

      <h2 id="access-title">Access</h2>
      {self ? (
        <p>You cannot disable your own account.</p>
      ) : target.disabled_at ? (
        <form method="post" action={`${base}/enable`} aria-labelledby="access-title">
          <CsrfField token={props.csrfToken} />
          <p>This account cannot sign in. Enabling it lets them sign in with their password again.</p>
          <button type="submit" class="button secondary">
            Enable account
          </button>
        </form>
      ) : (
        <form method="post" action={`${base}/disable`} aria-labelledby="access-title">
          <CsrfField token={props.csrfToken} />
          <p>Disabling signs them out everywhere at once and stops them signing in. Their work and its history stay.</p>
          <button type="submit" class="button warning">
            Disable account
          </button>
        </form>
      )}
    </Layout>
  );
}
