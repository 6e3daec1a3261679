/** Download links for a bibliography (topic references or the whole directory), for reference managers. */
import type { Localizer } from '../../i18n/localizer.js';
import { EXPORT_FORMATS } from '../export-routes.js';
import { citationsTextIn } from '../messages/index.js';

/**
 * `base` is the path without extension: "/directory/<slug>/references" or
 * "/bibliography"; `what` names it in the page's language ("these
 * references"), `i18n` is that language (English when not given yet).
 */
export function BibliographyDownloads({ base, what, i18n }: { base: string; what: string; i18n?: Localizer | undefined }) {
  const t = citationsTextIn(i18n);
  return (
    <p class="bibliography-downloads">
      {t('downloadsIntro', { what })}{' '}
      {EXPORT_FORMATS.map((f, i) => (
        <>
          {i > 0 ? ' · ' : ''}
          <a href={`${base}.${f.extension}`} download>
            {f.label}
          </a>
        </>
      ))}
    </p>
  );
}
