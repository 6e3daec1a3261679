import type { Db } from '../../db/database.js';
import { pageKeyOf } from '../revision-store.js';
import type { EditingService } from '../service/index.js';
import { EditToolbar } from '../views/toolbar.js';

/** The "Edit this page" bar for a signed-in editor on a reader page (rendered per request, never cached). */
export function editorToolbar(db: Db, service: EditingService) {
  return async (slug: string) => {
    const page = await db.selectFrom('pages').select('id').where('slug', '=', slug).executeTakeFirst();
    const head = page ? await service.read.head(pageKeyOf(page.id)) : null;
    return <EditToolbar slug={slug} head={head} />;
  };
}
