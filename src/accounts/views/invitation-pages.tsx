import { Layout } from '../../web/layout.js';
import type { InvitationProblem } from '../invitations.js';
import { NewPasswordFields } from './account-pages.js';
import { CsrfField, ErrorSummary, type FieldError, TextField, errorFor, formTitle } from './form-parts.js';
import { type Frame, displayInstant } from './frame.js';

/** Where the person holding a sign-in link sets their password. */
export function AcceptInvitationPage(props: Frame & { token: string; email: string; name: string; expiresAt: string; isNew: boolean; errors: FieldError[] }) {
  const { errors } = props;
  const title = props.isNew ? 'Set up your account' : 'Set a new password';
  return (
    <Layout site={props.site} user={props.user} csrfToken={props.csrfToken} title={formTitle(title, errors)} noindex>
      <div class="narrow-form">
        <ErrorSummary errors={errors} />
        <h1>{title}</h1>
        <p>
          This link is for <strong>{props.email}</strong>. It works once, until {displayInstant(props.expiresAt)}.
        </p>
        <form method="post" action={`/invite/${props.token}`} novalidate>
          <CsrfField token={props.csrfToken} />
          <input type="hidden" name="username" autocomplete="username" value={props.email} />
          <TextField id="name" label="Your name" value={props.name} autocomplete="name" maxlength={100} hint="As colleagues know you; shown in the editors’ pages." error={errorFor(errors, 'name')} />
          <NewPasswordFields errors={errors} />
          <button type="submit" class="button">
            {props.isNew ? 'Create account and sign in' : 'Set password and sign in'}
          </button>
        </form>
      </div>
    </Layout>
  );
}

const PROBLEMS: Record<InvitationProblem, string> = {
  unknown: 'This sign-in link is not right. Check that you copied all of it.',
  expired: 'This sign-in link has expired.',
  used: 'This sign-in link has already been used. Each link works once.',
  revoked: 'This sign-in link was withdrawn, or a newer link replaced it.',
  disabled: 'This account has been disabled.',
};

/** A link that cannot be used, and what to do instead. */
export function InvitationProblemPage(props: Frame & { problem: InvitationProblem }) {
  return (
    <Layout site={props.site} user={props.user} csrfToken={props.csrfToken} title="This link does not work" noindex>
      <h1>This link does not work</h1>
      <p class="lead">{PROBLEMS[props.problem]}</p>
      <p>Ask an admin of this site for a new link. If you already have a password, <a href="/login">sign in</a>.</p>
    </Layout>
  );
}
