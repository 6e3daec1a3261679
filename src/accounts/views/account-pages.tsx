import { Layout } from '../../web/layout.js';
import type { CurrentUser } from '../context.js';
import { PASSWORD_MIN_LENGTH } from '../password-policy.js';
import { CsrfField, ErrorSummary, type FieldError, TextField, errorFor, formTitle } from './form-parts.js';
import type { Frame } from './frame.js';

type SignedIn = Frame & { user: CurrentUser };

const crumbs = [
  { label: 'Home', href: '/' },
  { label: 'Your account', href: '/account' },
];

/** Who you are signed in as, and what you can do about it. */
export function AccountPage(props: SignedIn & { notice?: string | undefined; otherSessions: number }) {
  const { user } = props;
  return (
    <Layout site={props.site} user={user} csrfToken={props.csrfToken} title="Your account" path="/account" breadcrumbs={crumbs} noindex>
      <h1>Your account</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <dl class="summary-list">
        <div>
          <dt>Name</dt>
          <dd>{user.name}</dd>
        </div>
        <div>
          <dt>E-mail address</dt>
          <dd>{user.email}</dd>
        </div>
        <div>
          <dt>Role</dt>
          <dd>{user.role}</dd>
        </div>
        <div>
          <dt>Signed in elsewhere</dt>
          <dd>{props.otherSessions === 0 ? 'No other browsers' : props.otherSessions === 1 ? '1 other browser' : `${props.otherSessions} other browsers`}</dd>
        </div>
      </dl>
      <p>
        <a href="/account/password">Change your password</a> (this also signs you out everywhere else)
      </p>
    </Layout>
  );
}

/** Change password: the current one proves it is you; the new one is typed twice. */
export function ChangePasswordPage(props: SignedIn & { errors: FieldError[] }) {
  const { errors } = props;
  return (
    <Layout
      site={props.site}
      user={props.user}
      csrfToken={props.csrfToken}
      title={formTitle('Change your password', errors)}
      path="/account/password"
      breadcrumbs={[...crumbs, { label: 'Change your password', href: '/account/password' }]}
      noindex
    >
      <div class="narrow-form">
        <ErrorSummary errors={errors} />
        <h1>Change your password</h1>
        <p>When you change it, every other browser signed in as you is signed out.</p>
        <form method="post" action="/account/password" novalidate>
          <CsrfField token={props.csrfToken} />
          {/* Lets password managers file the new password under the right account. */}
          <input type="hidden" name="username" autocomplete="username" value={props.user.email} />
          <TextField id="current" label="Current password" type="password" autocomplete="current-password" maxlength={256} error={errorFor(errors, 'current')} />
          <NewPasswordFields errors={errors} />
          <button type="submit" class="button">
            Change password
          </button>
        </form>
      </div>
    </Layout>
  );
}

/** New password and its confirmation, with the rules said up front. */
export function NewPasswordFields({ errors }: { errors: FieldError[] }) {
  return (
    <>
      <TextField
        id="password"
        label="New password"
        type="password"
        autocomplete="new-password"
        maxlength={256}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters. Three or four unrelated words are easy to remember and hard to guess.`}
        error={errorFor(errors, 'password')}
      />
      <TextField id="password-confirm" label="New password again" type="password" autocomplete="new-password" maxlength={256} error={errorFor(errors, 'password-confirm')} />
    </>
  );
}
