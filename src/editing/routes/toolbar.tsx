import type { Db } from '../../db/database.js';
import { createI18n } from '../../i18n/localizer.js';
import type { Localizer } from '../../i18n/localizer.js';
import { pageKeyOf } from '../revision-store.js';
import type { EditingService } from '../service/index.js';
import { EditToolbar } from '../views/toolbar.js';

/**
 * The "Edit this page" bar for a signed-in editor on a reader page (rendered
 * per request, never cached), in the reader page's language (`site.i18n`);
 * English when the caller does not say.
 */
export function editorToolbar(db: Db, service: EditingService) {
  const english = createI18n().forLang('en');
  return async (slug: string, i18n: Localizer = english) => {
    const page = await db.selectFrom('pages').select('id').where('slug', '=', slug).executeTakeFirst();
    const head = page ? await service.read.head(pageKeyOf(page.id)) : null;
    return <EditToolbar slug={slug} head={head} i18n={i18n} />;
  };
}
