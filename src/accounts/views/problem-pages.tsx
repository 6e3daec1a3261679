import { Layout } from '../../web/layout.js';
import type { Frame } from './frame.js';

/** 401: this needs an account, and nobody is signed in (or the sign-in ran out). */
export function SignInRequiredPage(props: Frame & { loginHref: string; sessionEnded: boolean }) {
  return (
    <Layout site={props.site} user={props.user} csrfToken={props.csrfToken} title="Sign in to continue" noindex>
      <h1>Sign in to continue</h1>
      <p class="lead">
        {props.sessionEnded
          ? 'You were signed out, so what you sent was not saved.'
          : 'You need to be signed in to do that, so nothing was changed.'}
      </p>
      <p>
        <a href={props.loginHref}>Sign in</a>, then go back to the page and send it again. If you used your browser's back button, what you typed
        may still be there.
      </p>
    </Layout>
  );
}

/** 403: signed in, but this role may not do this. */
export function ForbiddenPage(props: Frame & { what: string }) {
  return (
    <Layout site={props.site} user={props.user} csrfToken={props.csrfToken} title="You do not have permission" noindex>
      <h1>You do not have permission</h1>
      <p class="lead">
        Your account{props.user ? ` (${props.user.role})` : ''} cannot {props.what}. Nothing was changed.
      </p>
      <p>If you need to, ask an admin of this site to change your role.</p>
      <p>
        <a href="/dashboard">Go to your dashboard</a>
      </p>
    </Layout>
  );
}

/** 403: a form arrived without a valid CSRF token (expired, opened in another sign-in, or sent by another site). */
export function CsrfFailedPage(props: Frame) {
  return (
    <Layout site={props.site} user={props.user} csrfToken={props.csrfToken} title="This form could not be accepted" noindex>
      <h1>This form could not be accepted</h1>
      <p class="lead">For your safety we did not save what was sent: the form was out of date, or it did not come from this site.</p>
      <p>Go back, reload the page, and send the form again. If you used your browser's back button, what you typed may still be there.</p>
    </Layout>
  );
}
