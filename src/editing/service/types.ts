import type { CurrentUser } from '../../accounts/context.js';
import type { Db } from '../../db/database.js';
import type { RevisionState } from '../../db/schema.js';
import type { FieldProblem } from '../../directory/errors.js';
import type { DirectoryStore } from '../../directory/store.js';
import type { ChecklistItem } from '../checklist.js';
import type { Revision } from '../revision-store.js';

/** Who is acting, for permissions already checked by the route and for the audit log. */
export interface Actor {
  user: CurrentUser;
  ip: string | null;
}

/** A workflow step that does not apply to this revision now; the message says why, for the person who tried. */
export class WorkflowError extends Error {
  override name = 'WorkflowError';
  /**
   * @param message English, for logs.
   * @param reason The same in the editor's words: a key of the editing catalogue and its values
   *   (`state` is a revision state, written out by the route).
   */
  constructor(
    message: string,
    readonly reason: { key: WorkflowReasonKey; values?: { number?: number; state?: RevisionState } },
  ) {
    super(message);
  }
}

export type WorkflowReasonKey =
  | 'workflowNoRevision'
  | 'workflowCannotPublish'
  | 'workflowCannotSubmit'
  | 'workflowCannotApprove'
  | 'workflowCannotSendBack'
  | 'workflowDeleted'
  | 'workflowBaseGone'
  | 'workflowRace'
  | 'workflowOwnRevision';

/** Where an editor address (/edit/<slug>) leads. */
export type Located =
  | { kind: 'page'; pageKey: string; pageId: number; slug: string; deleted: boolean }
  | { kind: 'draft'; pageKey: string; slug: string }
  | { kind: 'moved'; slug: string }
  | { kind: 'none' };

/** A page or draft the editor can open. */
export type EditableLocation = Extract<Located, { kind: 'page' | 'draft' }>;

export type SaveOutcome =
  /** `repeated`: this very form had been stored already (sent twice); nothing new was written. */
  | { kind: 'saved'; revision: Revision; repeated?: boolean }
  | { kind: 'invalid'; problems: FieldProblem[] }
  /** Someone saved after `base`: nothing was written; the caller shows a merge view. */
  | { kind: 'conflict'; head: Revision; base: Revision | null };

export type PublishOutcome = { kind: 'published'; slug: string; /** News digests that left the page for the news list. */ newsMoved: number } | { kind: 'blocked'; checklist: ChecklistItem[]; problems: FieldProblem[] };

export interface EditingServiceDeps {
  db: Db;
  store: DirectoryStore;
  /** Tell this server's render cache at once after a publish (others notice through the content version). */
  contentChanged?: () => Promise<void>;
  clock?: () => Date;
}

/** A revision state in words, for messages and the history table. */
export function stateLabel(state: RevisionState): string {
  return { draft: 'a draft', in_review: 'waiting for review', approved: 'approved', published: 'published', superseded: 'replaced by a later revision' }[state];
}
