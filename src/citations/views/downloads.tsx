/** Download links for a bibliography (topic references or the whole directory), for reference managers. */
import { EXPORT_FORMATS } from '../export-routes.js';

/** `base` is the path without extension: "/directory/<slug>/references" or "/bibliography". */
export function BibliographyDownloads({ base, what }: { base: string; what: string }) {
  return (
    <p class="bibliography-downloads">
      Download {what} for a reference manager:{' '}
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
