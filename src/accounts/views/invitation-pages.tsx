import { Layout } from '../../web/layout.js';
import type { InvitationProblem } from '../invitations.js';
import { accountsText } from '../messages/index.js';
import { NewPasswordFields } from './account-pages.js';
import { CsrfField, ErrorSummary, type FieldError, TextField, errorFor, formTitle } from './form-parts.js';
import type { Frame } from './frame.js';

/** Where the person holding a sign-in link sets their password. */
export function AcceptInvitationPage(props: Frame & { token: string; email: string; name: string; expiresAt: string; isNew: boolean; errors: FieldError[] }) {
  const { errors, site } = props;
  const t = site.i18n.text(accountsText);
  const title = props.isNew ? t('invitationTitleNew') : t('invitationTitleReset');
  return (
    <Layout site={site} user={props.user} csrfToken={props.csrfToken} title={formTitle(title, errors, site.i18n)} noindex>
      <div class="narrow-form">
        <ErrorSummary errors={errors} i18n={site.i18n} />
        <h1>{title}</h1>
        <p>{t.rich('invitationFor', { email: props.email, expires: site.i18n.instant(props.expiresAt), strong: (chunks) => <strong>{chunks}</strong> })}</p>
        <form method="post" action={site.i18n.path(`/invite/${props.token}`)} novalidate>
          <CsrfField token={props.csrfToken} />
          <input type="hidden" name="username" autocomplete="username" value={props.email} />
          <TextField id="name" label={t('invitationNameLabel')} value={props.name} autocomplete="name" maxlength={100} hint={t('invitationNameHint')} error={errorFor(errors, 'name')} />
          <NewPasswordFields site={site} errors={errors} />
          <button type="submit" class="button">
            {props.isNew ? t('invitationButtonNew') : t('invitationButtonReset')}
          </button>
        </form>
      </div>
    </Layout>
  );
}

const PROBLEMS = {
  unknown: 'invitationProblemUnknown',
  expired: 'invitationProblemExpired',
  used: 'invitationProblemUsed',
  revoked: 'invitationProblemRevoked',
  disabled: 'invitationProblemDisabled',
} as const satisfies Record<InvitationProblem, string>;

/** A link that cannot be used, and what to do instead. */
export function InvitationProblemPage(props: Frame & { problem: InvitationProblem }) {
  const { site } = props;
  const t = site.i18n.text(accountsText);
  return (
    <Layout site={site} user={props.user} csrfToken={props.csrfToken} title={t('invitationProblemTitle')} noindex>
      <h1>{t('invitationProblemTitle')}</h1>
      <p class="lead">{t(PROBLEMS[props.problem])}</p>
      <p>{t.rich('invitationProblemNext', { link: (chunks) => <a href={site.i18n.path('/login')}>{chunks}</a> })}</p>
    </Layout>
  );
}
