/**
 * Revisions and the review workflow, one file per step: locate (which page an
 * address means), save (every save a full snapshot), review (submit,
 * approve), publish (checklist, then the reader tables), lifecycle (delete,
 * undelete). This file only composes them.
 */
import type { Revision } from '../revision-store.js';
import { deletePage, undeletePage } from './lifecycle.js';
import { locate } from './locate.js';
import { checklistFor, publishRevision } from './publish.js';
import { approveRevision, ensureAuthorFor, sendBackRevision, submitForReview } from './review.js';
import type { CurrentUser } from '../../accounts/context.js';
import { type SaveInput, restoreRevision, save } from './save.js';
import { serviceContext } from './shared.js';
import type { Actor, EditingServiceDeps } from './types.js';

export * from './types.js';
export type { SaveInput };

export type EditingService = ReturnType<typeof createEditingService>;

export function createEditingService(deps: EditingServiceDeps) {
  const ctx = serviceContext(deps);
  return {
    read: ctx.read,
    locate: (slug: string) => locate(ctx, slug),
    save: (input: SaveInput) => save(ctx, input),
    submit: (revisionId: number, actor: Actor) => submitForReview(ctx, revisionId, actor),
    approve: (revisionId: number, actor: Actor) => approveRevision(ctx, revisionId, actor),
    sendBack: (revisionId: number, actor: Actor, comment: string) => sendBackRevision(ctx, revisionId, actor, comment),
    checklist: (revision: Revision) => checklistFor(ctx, revision),
    /** This person's own author record (made now if they have none), for crediting themselves on a page; returns its key. */
    ownAuthor: (user: CurrentUser) => ctx.db.transaction().execute((tx) => ensureAuthorFor(tx, user, user.role === 'reviewer' ? 'Medical reviewer' : 'Volunteer editor')),
    publish: (revisionId: number, actor: Actor) => publishRevision(ctx, revisionId, actor),
    restore: (revisionId: number, actor: Actor) => restoreRevision(ctx, revisionId, actor),
    deletePage: (pageId: number, actor: Actor) => deletePage(ctx, pageId, actor),
    restorePage: (pageId: number, actor: Actor) => undeletePage(ctx, pageId, actor),
  };
}
