import { Layout } from '../../web/layout.js';
import { CsrfField, ErrorSummary, type FieldError, TextField, errorFor, formTitle } from './form-parts.js';
import type { Frame } from './frame.js';

/** Messages shown above the sign-in form after a redirect. */
export const LOGIN_NOTICES = {
  'signed-out': 'You have signed out.',
  'session-ended': 'You were signed out because you had not used the site for a while. Sign in again to carry on.',
  'password-set': 'Your password is set. Sign in with it now.',
} as const;
export type LoginNotice = keyof typeof LOGIN_NOTICES;

export interface LoginPageProps extends Frame {
  /** What the person typed, kept when the form comes back. */
  email: string;
  /** Where to go after signing in (a site path). */
  next: string;
  errors: FieldError[];
  notice?: LoginNotice | undefined;
}

/** Sign in for editors, reviewers and admins. Readers never need an account. */
export function LoginPage(props: LoginPageProps) {
  const { errors } = props;
  return (
    <Layout site={props.site} user={props.user} csrfToken={props.csrfToken} title={formTitle('Sign in', errors)} path="/login" noindex>
      <div class="narrow-form">
        <ErrorSummary errors={errors} />
        <h1>Sign in</h1>
        {props.notice ? (
          <p class="notice" role="status">
            {LOGIN_NOTICES[props.notice]}
          </p>
        ) : null}
        <p>For editors, medical reviewers and admins. You do not need an account to read the directory.</p>
        <form method="post" action="/login" novalidate>
          <CsrfField token={props.csrfToken} />
          <input type="hidden" name="next" value={props.next} />
          <TextField id="email" label="E-mail address" type="email" value={props.email} autocomplete="username" spellcheck={false} maxlength={254} error={errorFor(errors, 'email')} />
          <TextField id="password" label="Password" type="password" autocomplete="current-password" maxlength={256} error={errorFor(errors, 'password')} />
          <button type="submit" class="button">
            Sign in
          </button>
        </form>
        <h2>Forgotten your password?</h2>
        <p>Ask an admin of this site for a new sign-in link. For your safety, passwords are never sent by e-mail.</p>
      </div>
    </Layout>
  );
}
