import type { Localizer } from '../../i18n/localizer.js';
import type { Revision } from '../revision-store.js';
import { editingTextOf } from './text.js';

/** Shown to signed-in editors above a topic page (never in the shared render cache), in the page's interface language. */
export function EditToolbar({ slug, head, i18n }: { slug: string; head: Revision | null; i18n: Localizer }) {
  const t = editingTextOf(i18n);
  const pending = head && head.state !== 'published' && head.state !== 'superseded' ? head : null;
  return (
    <aside class="editor-toolbar" aria-label={t('toolbarLabel')}>
      <p>
        <a href={i18n.path(`/edit/${slug}`)} class="button">
          {t('toolbarEdit')}
        </a>{' '}
        <a href={i18n.path(`/edit/${slug}/history`)}>{t('pageHistory')}</a> <a href={i18n.path(`/edit?parent=${encodeURIComponent(slug)}`)}>{t('toolbarAddChild')}</a>
        {pending ? (
          <span class="toolbar-note">
            {' '}
            {t('toolbarPending', { number: pending.number, state: pending.state })}
          </span>
        ) : null}
      </p>
    </aside>
  );
}
