import { Layout } from '../../web/layout.js';
import { accountsText } from '../messages/index.js';
import { CsrfField, ErrorSummary, type FieldError, TextField, errorFor, formTitle } from './form-parts.js';
import type { Frame } from './frame.js';

/** Messages shown above the sign-in form after a redirect, by the notice named in the address. */
export const LOGIN_NOTICES = {
  'signed-out': 'loginNoticeSignedOut',
  'session-ended': 'loginNoticeSessionEnded',
  'password-set': 'loginNoticePasswordSet',
  'form-kept': 'loginNoticeFormKept',
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
  const { errors, site } = props;
  const t = site.i18n.text(accountsText);
  return (
    <Layout site={site} user={props.user} csrfToken={props.csrfToken} title={formTitle(t('loginTitle'), errors, site.i18n)} path="/login" noindex>
      <div class="narrow-form">
        <ErrorSummary errors={errors} i18n={site.i18n} />
        <h1>{t('loginTitle')}</h1>
        {props.notice ? (
          <p class="notice" role="status">
            {t(LOGIN_NOTICES[props.notice])}
          </p>
        ) : null}
        <p>{t('loginIntro')}</p>
        <form method="post" action={site.i18n.path('/login')} novalidate>
          <CsrfField token={props.csrfToken} />
          <input type="hidden" name="next" value={props.next} />
          <TextField id="email" label={t('emailLabel')} type="email" value={props.email} autocomplete="username" spellcheck={false} maxlength={254} error={errorFor(errors, 'email')} />
          <TextField id="password" label={t('loginPassword')} type="password" autocomplete="current-password" maxlength={256} error={errorFor(errors, 'password')} />
          <button type="submit" class="button">
            {t('loginButton')}
          </button>
        </form>
        <h2>{t('loginForgottenTitle')}</h2>
        <p>{t.rich('loginForgottenText', { link: (chunks) => <a href={site.i18n.path('/password/forgot')}>{chunks}</a> })}</p>
      </div>
    </Layout>
  );
}
