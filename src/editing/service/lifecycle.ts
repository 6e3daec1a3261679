import { pageKeyOf } from '../revision-store.js';
import type { ServiceContext } from './shared.js';
import type { Actor } from './types.js';

/** Hides a published page from readers (restorable). */
export async function deletePage(ctx: ServiceContext, pageId: number, actor: Actor): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const page = await tx.selectFrom('pages').select('slug').where('id', '=', pageId).executeTakeFirstOrThrow();
    await ctx.store.deletePage(page.slug, { tx });
    await ctx.audit(tx, actor, 'page.delete', { pageKey: pageKeyOf(pageId), slug: page.slug }, {});
  });
  await ctx.contentChanged();
}

/** Brings a deleted page back to readers as it was. */
export async function undeletePage(ctx: ServiceContext, pageId: number, actor: Actor): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const page = await tx.selectFrom('pages').select('slug').where('id', '=', pageId).executeTakeFirstOrThrow();
    await ctx.store.restorePage(page.slug, { tx });
    await ctx.audit(tx, actor, 'page.undelete', { pageKey: pageKeyOf(pageId), slug: page.slug }, {});
  });
  await ctx.contentChanged();
}
