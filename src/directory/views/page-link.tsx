import { InLang } from '../../web/in-lang.js';
import type { SiteContext } from '../../web/site-context.js';
import { directoryText } from '../messages/index.js';
import type { LinkView } from '../queries.js';

/** A link to a directory page; a wanted page is marked in words, not by colour alone. */
export function PageLink({ site, link }: { site: SiteContext; link: LinkView }) {
  return link.resolvedSlug ? (
    <a href={site.i18n.path(`/directory/${link.resolvedSlug}`)}>
      <InLang site={site}>{link.label}</InLang>
    </a>
  ) : (
    <a href={site.i18n.path(`/wanted#${link.targetSlug}`)} class="wanted">
      <InLang site={site}>{link.label}</InLang>
      <span class="wanted-note">{site.i18n.text(directoryText)('wantedNote')}</span>
    </a>
  );
}
