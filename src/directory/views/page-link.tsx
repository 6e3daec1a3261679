import type { LinkView } from '../queries.js';

/** A link to a directory page; a wanted page is marked in words, not by colour alone. */
export function PageLink({ link }: { link: LinkView }) {
  return link.resolvedSlug ? (
    <a href={`/directory/${link.resolvedSlug}`}>{link.label}</a>
  ) : (
    <a href={`/wanted#${link.targetSlug}`} class="wanted">
      {link.label}
      <span class="wanted-note"> (page not written yet)</span>
    </a>
  );
}
