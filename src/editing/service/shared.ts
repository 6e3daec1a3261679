import { recordAudit } from '../../accounts/audit.js';
import type { Db, Tx } from '../../db/database.js';
import type { PageDocument } from '../../directory/document.js';
import type { DirectoryStore } from '../../directory/store.js';
import { type Revision, type RevisionReader, createRevisionReader } from '../revision-store.js';
import { type Actor, type EditingServiceDeps, WorkflowError } from './types.js';

/** What every workflow step shares: the database, the clock, the revision reader and the audit log. */
export interface ServiceContext {
  db: Db;
  store: DirectoryStore;
  read: RevisionReader;
  clock: () => Date;
  now(): string;
  today(): string;
  contentChanged(): Promise<void>;
  audit(tx: Tx, actor: Actor, action: string, revision: { pageKey: string; slug: string }, details: Record<string, unknown>): Promise<void>;
}

export function serviceContext(deps: EditingServiceDeps): ServiceContext {
  const clock = deps.clock ?? (() => new Date());
  const now = () => clock().toISOString();
  return {
    db: deps.db,
    store: deps.store,
    read: createRevisionReader(deps.db),
    clock,
    now,
    today: () => now().slice(0, 10),
    contentChanged: async () => {
      await deps.contentChanged?.();
    },
    async audit(tx, actor, action, revision, details) {
      await recordAudit(tx, { actorUserId: actor.user.id, action, subjectType: 'page', subjectId: revision.slug, details: { pageKey: revision.pageKey, ...details }, ip: actor.ip }, clock());
    },
  };
}

/** The newest revision of a page (id and number only). */
export async function headRow(tx: Tx, pageKey: string) {
  return tx.selectFrom('page_revisions').select(['id', 'number']).where('page_key', '=', pageKey).orderBy('number', 'desc').limit(1).executeTakeFirst();
}

export async function revisionOrFail(ctx: ServiceContext, id: number): Promise<Revision> {
  const revision = await ctx.read.byId(id);
  if (!revision) throw new WorkflowError(`There is no revision ${id}.`, { key: 'workflowNoRevision', values: { number: id } });
  return revision;
}

/** Inserts a new draft revision after `headNumber`, retiring older drafts still waiting; returns its id. */
export async function insertDraft(
  ctx: ServiceContext,
  tx: Tx,
  draft: { pageKey: string; headNumber: number; doc: PageDocument; actor: Actor; summary: string; baseId: number | null; saveKey?: string | null },
): Promise<number> {
  await tx.updateTable('page_revisions').set({ state: 'superseded' }).where('page_key', '=', draft.pageKey).where('state', 'in', ['draft', 'in_review']).execute();
  const row = await tx
    .insertInto('page_revisions')
    .values({
      page_key: draft.pageKey,
      number: draft.headNumber + 1,
      slug: draft.doc.slug,
      title: draft.doc.title,
      document: JSON.stringify(draft.doc),
      author_user_id: draft.actor.user.id,
      summary: draft.summary.trim().slice(0, 500),
      created_at: ctx.now(),
      base_revision_id: draft.baseId,
      state: 'draft',
      save_key: draft.saveKey ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** A revision reader bound to a transaction (inside one, every read goes through it: SQLite has one connection). */
export const readerIn = (tx: Tx): RevisionReader => createRevisionReader(tx);
