import type { AdminLink } from '../../domain.js';
import { Layout } from '../../web/layout.js';
import { accountsText } from '../messages/index.js';
import type { Frame } from './frame.js';

/** /admin: every administration screen this person may open, with a line on what it is for. */
export function AdminAreaPage(props: Frame & { links: readonly AdminLink[] }) {
  const { site } = props;
  const t = site.i18n.text(accountsText);
  return (
    <Layout site={site} user={props.user} csrfToken={props.csrfToken} title={t('adminTitle')} noindex>
      <h1>{t('adminTitle')}</h1>
      <ul class="admin-links">
        {props.links.map((link) => {
          // Each link speaks through the catalogue of the domain that declared it.
          const words = site.i18n.text(link.catalogue);
          return (
            <li>
              <a href={site.i18n.path(link.href)}>{words(link.label)}</a>
              <p>{words(link.description)}</p>
            </li>
          );
        })}
      </ul>
    </Layout>
  );
}
