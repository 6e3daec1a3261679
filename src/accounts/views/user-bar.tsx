import type { SiteContext } from '../../web/site-context.js';
import type { CurrentUser } from '../context.js';
import { can } from '../permissions.js';
import { CsrfField } from './form-parts.js';

/** The strip above the header for signed-in people: who they are, where their work is, and signing out. */
export function UserBar({ user, csrfToken }: { site: SiteContext; user: CurrentUser; csrfToken: string }) {
  return (
    <nav class="user-bar" aria-label="Your account">
      <div class="wrap user-bar-inner">
        <p>
          Signed in as <strong>{user.name}</strong> ({user.role})
        </p>
        <ul>
          <li>
            <a href="/dashboard">Dashboard</a>
          </li>
          {can(user, 'users.manage') || can(user, 'settings.edit') ? (
            <li>
              <a href="/admin">Administration</a>
            </li>
          ) : null}
          <li>
            <a href="/account">Account</a>
          </li>
          <li>
            <form method="post" action="/logout">
              <CsrfField token={csrfToken} />
              <button type="submit" class="link-button">
                Sign out
              </button>
            </form>
          </li>
        </ul>
      </div>
    </nav>
  );
}
