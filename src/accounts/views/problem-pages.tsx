import type { Child } from 'hono/jsx';
import { Layout } from '../../web/layout.js';
import { webText } from '../../web/messages/index.js';
import type { Frame } from './frame.js';

/** 401: this needs an account, and nobody is signed in (or the sign-in ran out). */
export function SignInRequiredPage(props: Frame & { loginHref: string; sessionEnded: boolean }) {
  const t = props.site.i18n.text(webText);
  return (
    <Layout site={props.site} user={props.user} csrfToken={props.csrfToken} title={t('signInTitle')} noindex>
      <h1>{t('signInTitle')}</h1>
      <p class="lead">{props.sessionEnded ? t('signInSessionEnded') : t('signInNeeded')}</p>
      <p>{t.rich('signInThen', { link: (chunks: Child[]) => <a href={props.loginHref}>{chunks}</a> })}</p>
    </Layout>
  );
}

/** 403: signed in, but this role may not do this. */
export function ForbiddenPage(props: Frame & { what: string }) {
  const t = props.site.i18n.text(webText);
  return (
    <Layout site={props.site} user={props.user} csrfToken={props.csrfToken} title={t('forbiddenTitle')} noindex>
      <h1>{t('forbiddenTitle')}</h1>
      <p class="lead">{props.user ? t('forbiddenLeadRole', { role: props.user.role, what: props.what }) : t('forbiddenLead', { what: props.what })}</p>
      <p>{t('forbiddenAsk')}</p>
      <p>
        <a href="/dashboard">{t('forbiddenDashboard')}</a>
      </p>
    </Layout>
  );
}

/** 403: a form arrived without a valid CSRF token (expired, opened in another sign-in, or sent by another site). */
export function CsrfFailedPage(props: Frame) {
  const t = props.site.i18n.text(webText);
  return (
    <Layout site={props.site} user={props.user} csrfToken={props.csrfToken} title={t('csrfTitle')} noindex>
      <h1>{t('csrfTitle')}</h1>
      <p class="lead">{t('csrfLead')}</p>
      <p>{t('csrfThen')}</p>
    </Layout>
  );
}
