import type { SiteContext } from '../../web/site-context.js';
import type { CurrentUser } from '../context.js';
import { accountsText } from '../messages/index.js';
import { can } from '../permissions.js';
import { CsrfField } from './form-parts.js';

/** The strip above the header for signed-in people: who they are, where their work is, and signing out. */
export function UserBar({ site, user, csrfToken }: { site: SiteContext; user: CurrentUser; csrfToken: string }) {
  const t = site.i18n.text(accountsText);
  const path = site.i18n.path;
  return (
    <nav class="user-bar" aria-label={t('userBarLabel')}>
      <div class="wrap user-bar-inner">
        <p>{t.rich('userBarSignedInAs', { name: user.name, role: t('roleName', { role: user.role }), strong: (chunks) => <strong>{chunks}</strong> })}</p>
        <ul>
          {can(user, 'dashboard.view') ? (
            <li>
              <a href={path('/dashboard')}>{t('userBarDashboard')}</a>
            </li>
          ) : null}
          {can(user, 'translation.edit') ? (
            <li>
              <a href={path('/translate')}>{t('userBarTranslations')}</a>
            </li>
          ) : null}
          {can(user, 'forum.moderate') ? (
            <li>
              <a href={path('/moderation')}>{t('userBarModeration')}</a>
            </li>
          ) : null}
          {can(user, 'forum.post') ? (
            <li>
              <a href={path('/members/me')}>{t('userBarCommunity')}</a>
            </li>
          ) : null}
          {can(user, 'users.manage') || can(user, 'settings.edit') ? (
            <li>
              <a href={path('/admin')}>{t('userBarAdministration')}</a>
            </li>
          ) : null}
          <li>
            <a href={path('/account')}>{t('userBarAccount')}</a>
          </li>
          <li>
            <form method="post" action={path('/logout')}>
              <CsrfField token={csrfToken} />
              <button type="submit" class="link-button">
                {t('userBarSignOut')}
              </button>
            </form>
          </li>
        </ul>
      </div>
    </nav>
  );
}
