import { Hono } from 'hono';
import type { AppEnv } from '../../accounts/context.js';
import { requirePermission } from '../../accounts/middleware.js';
import { Slug } from '../../directory/document.js';
import { formFromDocument } from '../page-form.js';
import { renderEditor } from './editor-screen.js';
import type { EditingKit } from './kit.js';

/** Deleting a page (hidden from readers, restorable) and bringing it back. */
export function lifecycleRoutes(kit: EditingKit) {
  const { service } = kit;
  const app = new Hono<AppEnv>();

  app.post('/edit/:slug/delete', requirePermission('page.delete'), async (c) => {
    const found = await kit.locateOrAnswer(c);
    if ('response' in found) return found.response;
    if (found.located.kind !== 'page') return kit.notFound(c);
    const limited = await kit.tooFast(c, kit.writes);
    if (limited) return limited;
    if ((await kit.fields(c)).confirm !== 'yes') {
      const head = await service.read.head(found.located.pageKey);
      return renderEditor(kit, c, {
        located: found.located,
        head,
        form: formFromDocument(head!.document, head!.id),
        errors: [{ field: 'confirm-delete', message: (await kit.text(c))('confirmDeleteMissing') }],
        status: 400,
      });
    }
    await service.deletePage(found.located.pageId, kit.actor(c));
    return c.redirect(kit.here(c, '/dashboard?notice=deleted'), 303);
  });

  app.post('/edit/:slug/undelete', requirePermission('page.delete'), async (c) => {
    const slug = Slug.safeParse(c.req.param('slug'));
    if (!slug.success) return kit.notFound(c);
    const located = await service.locate(slug.data);
    if (located.kind !== 'page' || !located.deleted) return kit.notFound(c);
    const limited = await kit.tooFast(c, kit.writes);
    if (limited) return limited;
    await service.restorePage(located.pageId, kit.actor(c));
    return c.redirect(kit.here(c, `/edit/${located.slug}?notice=undeleted`), 303);
  });

  return app;
}
