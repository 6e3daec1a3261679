import type { CurrentUser } from '../context.js';
import { CsrfField } from './form-parts.js';

/** The strip above the header for signed-in people: who they are, where their work is, and signing out. */
export function UserBar({ user, csrfToken }: { user: CurrentUser; csrfToken: string }) {
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
