import type { Revision } from '../revision-store.js';
import { stateText } from './parts.js';

/** Shown to signed-in editors above a topic page (never in the shared render cache). */
export function EditToolbar({ slug, head }: { slug: string; head: Revision | null }) {
  const pending = head && head.state !== 'published' && head.state !== 'superseded' ? head : null;
  return (
    <aside class="editor-toolbar" aria-label="Editing this page">
      <p>
        <a href={`/edit/${slug}`} class="button">
          Edit this page
        </a>{' '}
        <a href={`/edit/${slug}/history`}>Page history</a> <a href={`/edit?parent=${encodeURIComponent(slug)}`}>Add a page under this one</a>
        {pending ? (
          <span class="toolbar-note">
            {' '}
            Revision {pending.number} is newer than what readers see: {stateText(pending.state).toLowerCase()}.
          </span>
        ) : null}
      </p>
    </aside>
  );
}
