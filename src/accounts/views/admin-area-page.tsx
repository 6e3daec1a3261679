import type { AdminLink } from '../../domain.js';
import { Layout } from '../../web/layout.js';
import type { Frame } from './frame.js';

/** /admin: every administration screen this person may open, with a line on what it is for. */
export function AdminAreaPage(props: Frame & { links: readonly AdminLink[] }) {
  return (
    <Layout site={props.site} user={props.user} csrfToken={props.csrfToken} title="Administration" noindex>
      <h1>Administration</h1>
      <ul class="admin-links">
        {props.links.map((link) => (
          <li>
            <a href={link.href}>{link.label}</a>
            <p>{link.description}</p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
