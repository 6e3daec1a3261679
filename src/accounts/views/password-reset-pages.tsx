import { Layout } from '../../web/layout.js';
import { Field } from '../../web/form-field.js';
import { mailText } from '../../mail/messages/index.js';
import type { ResetProblem } from '../password-reset.js';
import { CsrfField, ErrorSummary, type FieldError, errorFor } from './form-parts.js';
import type { Frame } from './frame.js';


/** "Forgot your password?": one field, the address. */
export function ForgotPasswordPage(props: Frame & { email: string; errors: FieldError[] }) {
  const t = props.site.i18n.text(mailText);
  const title = t('forgotTitle');
  return (
    <Layout site={props.site} user={props.user} csrfToken={props.csrfToken} title={props.errors.length ? t('errorTitle', { title }) : title} noindex>
      <div class="narrow-form">
        <ErrorSummary errors={props.errors} title={t('errorSummary')} />
        <h1>{title}</h1>
        <p>{t('forgotIntro')}</p>
        <form method="post" action={props.site.i18n.path('/password/forgot')} novalidate>
          <CsrfField token={props.csrfToken} />
          <Field
            id="email"
            name="email"
            label={t('forgotEmail')}
            error={errorFor(props.errors, 'email')}
            control={(a) => <input {...a} type="email" value={props.email} autocomplete="email" spellcheck={false} maxlength={320} />}
          />
          <button type="submit" class="button">
            {t('forgotSubmit')}
          </button>
        </form>
      </div>
    </Layout>
  );
}

/** The same answer whether or not the address has an account. */
export function ForgotPasswordSentPage(props: Frame & { email: string; minutes: number }) {
  const t = props.site.i18n.text(mailText);
  return (
    <Layout site={props.site} user={props.user} csrfToken={props.csrfToken} title={t('forgotSentTitle')} noindex>
      <h1>{t('forgotSentTitle')}</h1>
      <p class="lead" role="status">
        {t('forgotSent', { email: props.email, minutes: props.minutes })}
      </p>
      <p>{t('forgotSentNote')}</p>
    </Layout>
  );
}

/** Choosing the new password, from the e-mailed link. */
export function ResetPasswordPage(props: Frame & { token: string; email: string; errors: FieldError[] }) {
  const t = props.site.i18n.text(mailText);
  const title = t('resetTitle');
  return (
    <Layout site={props.site} user={props.user} csrfToken={props.csrfToken} title={props.errors.length ? t('errorTitle', { title }) : title} noindex>
      <div class="narrow-form">
        <ErrorSummary errors={props.errors} title={t('errorSummary')} />
        <h1>{title}</h1>
        <p>{t('resetFor', { email: props.email })}</p>
        <form method="post" action={props.site.i18n.path(`/password/reset/${props.token}`)} novalidate>
          <CsrfField token={props.csrfToken} />
          <input type="hidden" name="username" autocomplete="username" value={props.email} />
          <Field
            id="password"
            name="password"
            label={t('resetPassword')}
            hint={t('resetPasswordHint')}
            error={errorFor(props.errors, 'password')}
            control={(a) => <input {...a} type="password" autocomplete="new-password" maxlength={256} />}
          />
          <Field
            id="password-confirm"
            name="password-confirm"
            label={t('resetConfirm')}
            error={errorFor(props.errors, 'password-confirm')}
            control={(a) => <input {...a} type="password" autocomplete="new-password" maxlength={256} />}
          />
          <button type="submit" class="button">
            {t('resetSubmit')}
          </button>
        </form>
      </div>
    </Layout>
  );
}

export function ResetProblemPage(props: Frame & { problem: ResetProblem }) {
  const t = props.site.i18n.text(mailText);
  const text = { forged: t('resetProblemForged'), expired: t('resetProblemExpired'), used: t('resetProblemUsed') }[props.problem];
  return (
    <Layout site={props.site} user={props.user} csrfToken={props.csrfToken} title={t('resetProblemTitle')} noindex>
      <h1>{t('resetProblemTitle')}</h1>
      <p class="lead">{text}</p>
      <p>
        <a href={props.site.i18n.path('/password/forgot')}>{t('resetAgain')}</a>
      </p>
    </Layout>
  );
}

/** Too many requests from this network. */
export function TooManyRequestsPage(props: Frame & { minutes: number }) {
  const t = props.site.i18n.text(mailText);
  return (
    <Layout site={props.site} user={props.user} csrfToken={props.csrfToken} title={t('forgotTooMany', { minutes: props.minutes })} noindex>
      <h1>{t('forgotTooMany', { minutes: props.minutes })}</h1>
    </Layout>
  );
}
