import { Layout } from '../../web/layout.js';
import { Field } from '../../web/form-field.js';
import { mailText } from '../../mail/messages/index.js';
import type { ResetProblem } from '../password-reset.js';
import type { FieldError } from './form-parts.js';
import type { Frame } from './frame.js';

/** The error box at the top of a failed form, each problem linking to its field. */
function Problems({ frame, errors }: { frame: Frame; errors: FieldError[] }) {
  const t = frame.site.i18n.text(mailText);
  if (!errors.length) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
      <h2 id="error-summary-title">{t('errorSummary')}</h2>
      <ul>
        {errors.map((e) => (
          <li>
            <a href={`#${e.field}`}>{e.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

const errorOf = (errors: FieldError[], field: string) => errors.find((e) => e.field === field)?.message;

/** "Forgot your password?": one field, the address. */
export function ForgotPasswordPage(props: Frame & { email: string; errors: FieldError[] }) {
  const t = props.site.i18n.text(mailText);
  const title = t('forgotTitle');
  return (
    <Layout site={props.site} user={props.user} csrfToken={props.csrfToken} title={props.errors.length ? t('errorTitle', { title }) : title} noindex>
      <div class="narrow-form">
        <Problems frame={props} errors={props.errors} />
        <h1>{title}</h1>
        <p>{t('forgotIntro')}</p>
        <form method="post" action={props.site.i18n.path('/password/forgot')} novalidate>
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <Field
            id="email"
            name="email"
            label={t('forgotEmail')}
            error={errorOf(props.errors, 'email')}
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
        <Problems frame={props} errors={props.errors} />
        <h1>{title}</h1>
        <p>{t('resetFor', { email: props.email })}</p>
        <form method="post" action={props.site.i18n.path(`/password/reset/${props.token}`)} novalidate>
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <input type="hidden" name="username" autocomplete="username" value={props.email} />
          <Field
            id="password"
            name="password"
            label={t('resetPassword')}
            hint={t('resetPasswordHint')}
            error={errorOf(props.errors, 'password')}
            control={(a) => <input {...a} type="password" autocomplete="new-password" maxlength={256} />}
          />
          <Field
            id="password-confirm"
            name="password-confirm"
            label={t('resetConfirm')}
            error={errorOf(props.errors, 'password-confirm')}
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
