import { Layout } from '../../web/layout.js';
import type { SiteContext } from '../../web/site-context.js';
import type { CurrentUser } from '../context.js';
import { accountsText } from '../messages/index.js';
import { PASSWORD_MIN_LENGTH } from '../password-policy.js';
import { CsrfField, ErrorSummary, type FieldError, TextField, errorFor, formTitle } from './form-parts.js';
import type { Frame } from './frame.js';

type SignedIn = Frame & { user: CurrentUser };

function crumbs(site: SiteContext) {
  const t = site.i18n.text(accountsText);
  return [
    { label: t('home'), href: '/' },
    { label: t('accountTitle'), href: '/account' },
  ];
}

/** Who you are signed in as, and what you can do about it. */
export function AccountPage(props: SignedIn & { notice?: 'accountNoticePasswordChanged' | undefined; otherSessions: number }) {
  const { user, site } = props;
  const t = site.i18n.text(accountsText);
  return (
    <Layout site={site} user={user} csrfToken={props.csrfToken} title={t('accountTitle')} path="/account" breadcrumbs={crumbs(site)} noindex>
      <h1>{t('accountTitle')}</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {t(props.notice)}
        </p>
      ) : null}
      <dl class="summary-list">
        <div>
          <dt>{t('nameLabel')}</dt>
          <dd>{user.name}</dd>
        </div>
        <div>
          <dt>{t('emailLabel')}</dt>
          <dd>{user.email}</dd>
        </div>
        <div>
          <dt>{t('roleLabel')}</dt>
          <dd>{t('roleName', { role: user.role })}</dd>
        </div>
        <div>
          <dt>{t('accountOtherSessionsLabel')}</dt>
          <dd>{t('accountOtherSessions', { count: props.otherSessions })}</dd>
        </div>
      </dl>
      <p>{t.rich('accountChangePassword', { link: (chunks) => <a href={site.i18n.path('/account/password')}>{chunks}</a> })}</p>
    </Layout>
  );
}

/** Change password: the current one proves it is you; the new one is typed twice. */
export function ChangePasswordPage(props: SignedIn & { errors: FieldError[] }) {
  const { errors, site } = props;
  const t = site.i18n.text(accountsText);
  return (
    <Layout
      site={site}
      user={props.user}
      csrfToken={props.csrfToken}
      title={formTitle(t('changePasswordTitle'), errors, site.i18n)}
      path="/account/password"
      breadcrumbs={[...crumbs(site), { label: t('changePasswordTitle'), href: '/account/password' }]}
      noindex
    >
      <div class="narrow-form">
        <ErrorSummary errors={errors} i18n={site.i18n} />
        <h1>{t('changePasswordTitle')}</h1>
        <p>{t('changePasswordIntro')}</p>
        <form method="post" action={site.i18n.path('/account/password')} novalidate>
          <CsrfField token={props.csrfToken} />
          {/* Lets password managers file the new password under the right account. */}
          <input type="hidden" name="username" autocomplete="username" value={props.user.email} />
          <TextField id="current" label={t('currentPasswordLabel')} type="password" autocomplete="current-password" maxlength={256} error={errorFor(errors, 'current')} />
          <NewPasswordFields site={site} errors={errors} />
          <button type="submit" class="button">
            {t('changePasswordButton')}
          </button>
        </form>
      </div>
    </Layout>
  );
}

/** New password and its confirmation, with the rules said up front. */
export function NewPasswordFields({ site, errors }: { site: SiteContext; errors: FieldError[] }) {
  const t = site.i18n.text(accountsText);
  return (
    <>
      <TextField
        id="password"
        label={t('newPasswordLabel')}
        type="password"
        autocomplete="new-password"
        maxlength={256}
        hint={t('newPasswordHint', { min: PASSWORD_MIN_LENGTH })}
        error={errorFor(errors, 'password')}
      />
      <TextField id="password-confirm" label={t('newPasswordAgainLabel')} type="password" autocomplete="new-password" maxlength={256} error={errorFor(errors, 'password-confirm')} />
    </>
  );
}
