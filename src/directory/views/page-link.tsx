import { InLang } from '../../web/in-lang.js';
import type { SiteContext } from '../../web/site-context.js';
import { directoryText } from '../messages/index.js';
import { writePagePath } from '../presenter.js';
import type { LinkView } from '../queries.js';

/**
 * A link to a directory page. A page not written yet is marked in words, not
 * by colour alone: plain text for readers (there is nothing to read), a link
 * to write it for editors (`canWrite`).
 */
export function PageLink({ site, link, canWrite = false }: { site: SiteContext; link: LinkView; canWrite?: boolean }) {
  const t = site.i18n.text(directoryText);
  if (link.resolvedSlug) {
    return (
      <a href={site.i18n.path(`/directory/${link.resolvedSlug}`)}>
        <InLang site={site}>{link.label}</InLang>
      </a>
    );
  }
  if (!canWrite) {
    return (
      <span class="wanted">
        <InLang site={site}>{link.label}</InLang>
        <span class="wanted-note">{t('wantedNoteReader')}</span>
      </span>
    );
  }
  return (
    <a href={writePagePath(site, { title: link.targetTitle, slug: link.targetSlug })} class="wanted">
      <InLang site={site}>{link.label}</InLang>
      <span class="wanted-note">{t('wantedNote')}</span>
    </a>
  );
}
