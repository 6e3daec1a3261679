import type { Db, Tx } from '../../db/database.js';
import { loadPublishedDocument } from '../published-document.js';
import { pageIdOf, pageKeyOf } from '../revision-store.js';
import type { ServiceContext } from './shared.js';
import type { Located } from './types.js';

/** Which page an editor address means: a published page, a never-published draft, a renamed one, or nothing. */
export async function locate(ctx: ServiceContext, slug: string): Promise<Located> {
  const { db, read } = ctx;
  const page = await db.selectFrom('pages').select(['id', 'slug', 'deleted_at']).where('slug', '=', slug).executeTakeFirst();
  if (page) {
    await ensureBaseline(db, page.id);
    return { kind: 'page', pageKey: pageKeyOf(page.id), pageId: page.id, slug: page.slug, deleted: page.deleted_at !== null };
  }
  const moved = await db
    .selectFrom('slug_redirects as r')
    .innerJoin('pages as p', 'p.id', 'r.page_id')
    .select('p.slug')
    .where('r.old_slug', '=', slug)
    .executeTakeFirst();
  if (moved) return { kind: 'moved', slug: moved.slug };
  const revision = await read.newestWithSlug(slug);
  if (!revision) return { kind: 'none' };
  const pageId = pageIdOf(revision.pageKey);
  if (pageId !== null) {
    // A draft renaming a published page: its editor lives at the published address.
    const live = await db.selectFrom('pages').select('slug').where('id', '=', pageId).executeTakeFirst();
    return live ? { kind: 'moved', slug: live.slug } : { kind: 'none' };
  }
  const head = await read.head(revision.pageKey);
  return head && head.slug !== slug ? { kind: 'moved', slug: head.slug } : { kind: 'draft', pageKey: revision.pageKey, slug };
}

/** The imported page as revision 1, so history and conflicts have something to start from. */
export async function ensureBaseline(executor: Db | Tx, pageId: number): Promise<void> {
  const key = pageKeyOf(pageId);
  const existing = await executor.selectFrom('page_revisions').select('id').where('page_key', '=', key).limit(1).executeTakeFirst();
  if (existing) return;
  const doc = await loadPublishedDocument(executor, pageId);
  if (!doc) return;
  const page = await executor.selectFrom('pages').select('changed_at').where('id', '=', pageId).executeTakeFirstOrThrow();
  await executor
    .insertInto('page_revisions')
    .values({
      page_key: key,
      number: 1,
      slug: doc.slug,
      title: doc.title,
      document: JSON.stringify(doc),
      author_user_id: null,
      summary: 'The page as published before it was first edited here.',
      created_at: page.changed_at,
      base_revision_id: null,
      state: 'published',
      published_at: page.changed_at,
    })
    // Two editors opening the page at once: one baseline.
    .onConflict((oc) => oc.columns(['page_key', 'number']).doNothing())
    .execute();
}
