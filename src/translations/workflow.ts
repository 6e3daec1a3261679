import { recordAudit } from '../accounts/audit.js';
import type { Db, Tx } from '../db/database.js';
import type { TranslationRevisionState } from '../db/schema.js';
import { ContentValidationError, type FieldProblem } from '../directory/errors.js';
import type { Lang } from '../i18n/languages.js';
import { TranslationDocument, type TranslationDocumentInput } from './document.js';
import { checkTranslation, publishTranslation } from './store.js';

export interface TranslationRevision {
  id: number;
  pageId: number;
  lang: Lang;
  number: number;
  document: TranslationDocument;
  authorUserId: number | null;
  authorName: string | null;
  summary: string;
  createdAt: string;
  state: TranslationRevisionState;
  submittedAt: string | null;
}

export type TranslationSaveOutcome =
  | { kind: 'saved'; revision: TranslationRevision }
  | { kind: 'invalid'; problems: FieldProblem[] }
  /** Someone saved a newer revision after the one this form started from: nothing was written. */
  | { kind: 'conflict'; head: TranslationRevision };

/** A translation step that does not apply now; `reason` is a key of the translations catalogue. */
export class TranslationWorkflowError extends Error {
  override name = 'TranslationWorkflowError';
  constructor(readonly reason: 'notInReview' | 'notYourLanguage' | 'ownRevision' | 'noRevision') {
    super(reason);
  }
}

export type TranslationWorkflow = ReturnType<typeof createTranslationWorkflow>;

/** Who takes a workflow step, for the audit log: the person and the request's client address. */
export interface TranslationActor {
  id: number;
  ip?: string | null | undefined;
}

/**
 * The translation's review workflow: a translator saves revisions (full
 * snapshots), sends one for review; a reviewer who reads the language, and
 * did not write it, approves it, which publishes it to readers.
 */
export function createTranslationWorkflow(
  db: Db,
  clock: () => Date = () => new Date(),
  /** Tells the page's indexers (search) that what readers of it see changed: DirectoryStore.pagesChanged. */
  pagesChanged: (tx: Tx, pageIds: number[]) => Promise<void> = async () => {},
) {
  const now = () => clock().toISOString();

  async function revisions(pageId: number, lang: Lang): Promise<TranslationRevision[]> {
    const rows = await db
      .selectFrom('translation_revisions as r')
      .leftJoin('users as u', 'u.id', 'r.author_user_id')
      .selectAll('r')
      .select('u.name as author_name')
      .where('r.page_id', '=', pageId)
      .where('r.lang', '=', lang)
      .orderBy('r.number', 'desc')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      pageId: r.page_id,
      lang,
      number: r.number,
      document: TranslationDocument.parse(JSON.parse(r.document)),
      authorUserId: r.author_user_id,
      authorName: r.author_name,
      summary: r.summary,
      createdAt: r.created_at,
      state: r.state,
      submittedAt: r.submitted_at,
    }));
  }

  /** Whether this person reviews translations into this language (src/translations: translator_languages). */
  /**
   * One translation step in the audit log (src/accounts/audit.ts), in the
   * step's transaction: translation.save, .submit, .approve, .send_back, with
   * the page and language as subject ("es/causes-silica").
   */
  async function audit(tx: Tx, actor: TranslationActor, action: string, pageId: number, lang: Lang, details: Record<string, unknown>): Promise<void> {
    const page = await tx.selectFrom('pages').select('slug').where('id', '=', pageId).executeTakeFirst();
    await recordAudit(tx, { actorUserId: actor.id, action, subjectType: 'translation', subjectId: `${lang}/${page?.slug ?? pageId}`, details, ip: actor.ip ?? null }, clock());
  }

  async function reviewsLanguage(userId: number, lang: Lang, on: Db = db): Promise<boolean> {
    const row = await on.selectFrom('translator_languages').select('reviews').where('user_id', '=', userId).where('lang', '=', lang).executeTakeFirst();
    return row?.reviews === 1;
  }

  return {
    revisions,
    reviewsLanguage,

    async save(input: { pageId: number; doc: TranslationDocumentInput; userId: number; ip?: string | null; summary: string; baseRevisionId: number; submit: boolean }): Promise<TranslationSaveOutcome> {
      const lang = input.doc.lang;
      try {
        await checkTranslation(db, input.pageId, input.doc);
      } catch (error) {
        if (error instanceof ContentValidationError) return { kind: 'invalid', problems: error.problems };
        throw error;
      }
      const saved = await db.transaction().execute(async (tx) => {
        const head = await tx
          .selectFrom('translation_revisions')
          .select(['id', 'number'])
          .where('page_id', '=', input.pageId)
          .where('lang', '=', lang)
          .orderBy('number', 'desc')
          .executeTakeFirst();
        if ((head?.id ?? 0) !== input.baseRevisionId) return { conflict: true as const };
        const at = now();
        await tx
          .updateTable('translation_revisions')
          .set({ state: 'superseded' })
          .where('page_id', '=', input.pageId)
          .where('lang', '=', lang)
          .where('state', 'in', ['draft', 'in_review'])
          .execute();
        const { id } = await tx
          .insertInto('translation_revisions')
          .values({
            page_id: input.pageId,
            lang,
            number: (head?.number ?? 0) + 1,
            document: JSON.stringify(TranslationDocument.parse(input.doc)),
            author_user_id: input.userId,
            summary: input.summary.slice(0, 500),
            created_at: at,
            state: input.submit ? 'in_review' : 'draft',
            submitted_at: input.submit ? at : null,
            reviewed_by_user_id: null,
            reviewed_at: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const number = (head?.number ?? 0) + 1;
        const actor = { id: input.userId, ip: input.ip };
        await audit(tx, actor, 'translation.save', input.pageId, lang, { revisionId: id, number, summary: input.summary.slice(0, 200) });
        if (input.submit) await audit(tx, actor, 'translation.submit', input.pageId, lang, { revisionId: id, number });
        return { id };
      });
      const all = await revisions(input.pageId, lang);
      if ('conflict' in saved) return { kind: 'conflict', head: all[0]! };
      return { kind: 'saved', revision: all.find((r) => r.id === saved.id)! };
    },

    /** Sends a saved draft for review. */
    async submit(revisionId: number, actor: TranslationActor): Promise<void> {
      await db.transaction().execute(async (tx) => {
        const done = await tx
          .updateTable('translation_revisions')
          .set({ state: 'in_review', submitted_at: now() })
          .where('id', '=', revisionId)
          .where('state', '=', 'draft')
          .executeTakeFirst();
        if (Number(done.numUpdatedRows) !== 1) throw new TranslationWorkflowError('noRevision');
        const row = await tx.selectFrom('translation_revisions').select(['page_id', 'lang', 'number']).where('id', '=', revisionId).executeTakeFirstOrThrow();
        await audit(tx, actor, 'translation.submit', row.page_id, row.lang as Lang, { revisionId, number: row.number });
      });
    },

    /**
     * A reviewer of the language sends the revision back to its translator:
     * it is a draft again, and what needs to change is kept in the audit log
     * and shown in the editor.
     */
    async sendBack(revisionId: number, reviewer: TranslationActor, comment: string): Promise<{ pageId: number; lang: Lang }> {
      return db.transaction().execute(async (tx) => {
        const row = await tx.selectFrom('translation_revisions').selectAll().where('id', '=', revisionId).executeTakeFirst();
        if (!row) throw new TranslationWorkflowError('noRevision');
        if (row.state !== 'in_review') throw new TranslationWorkflowError('notInReview');
        const lang = row.lang as Lang;
        if (!(await reviewsLanguage(reviewer.id, lang, tx))) throw new TranslationWorkflowError('notYourLanguage');
        const done = await tx.updateTable('translation_revisions').set({ state: 'draft' }).where('id', '=', revisionId).where('state', '=', 'in_review').executeTakeFirst();
        if (Number(done.numUpdatedRows) !== 1) throw new TranslationWorkflowError('notInReview');
        await audit(tx, reviewer, 'translation.send_back', row.page_id, lang, { revisionId, number: row.number, comment: comment.slice(0, 2000) });
        return { pageId: row.page_id, lang };
      });
    },

    /** What the last reviewer who sent this revision back asked for (the audit log keeps it), or null. */
    async sentBackComment(revisionId: number, lang: Lang, slug: string): Promise<{ comment: string; by: string | null; at: string } | null> {
      const rows = await db
        .selectFrom('audit_log as a')
        .leftJoin('users as u', 'u.id', 'a.actor_user_id')
        .select(['a.details', 'a.at', 'u.name'])
        .where('a.action', '=', 'translation.send_back')
        .where('a.subject_type', '=', 'translation')
        .where('a.subject_id', '=', `${lang}/${slug}`)
        .orderBy('a.id', 'desc')
        .limit(20)
        .execute();
      for (const r of rows) {
        const details = JSON.parse(r.details) as { revisionId?: number; comment?: string };
        if (details.revisionId === revisionId) return { comment: details.comment ?? '', by: r.name, at: r.at };
      }
      return null;
    },

    /** A reviewer of the language signs the revision off: it becomes what readers see. */
    async approve(revisionId: number, reviewer: TranslationActor & { name: string }): Promise<{ pageId: number; lang: Lang }> {
      return db.transaction().execute(async (tx) => {
        const row = await tx.selectFrom('translation_revisions').selectAll().where('id', '=', revisionId).executeTakeFirst();
        if (!row) throw new TranslationWorkflowError('noRevision');
        if (row.state !== 'in_review') throw new TranslationWorkflowError('notInReview');
        const lang = row.lang as Lang;
        if (!(await reviewsLanguage(reviewer.id, lang, tx))) throw new TranslationWorkflowError('notYourLanguage');
        if (row.author_user_id === reviewer.id) throw new TranslationWorkflowError('ownRevision');
        const at = now();
        await publishTranslation(tx, row.page_id, JSON.parse(row.document) as TranslationDocumentInput, { reviewerName: reviewer.name, reviewedAt: at, revisionId, at });
        await tx.updateTable('translation_revisions').set({ state: 'superseded' }).where('page_id', '=', row.page_id).where('lang', '=', lang).where('state', '=', 'published').execute();
        await tx.updateTable('translation_revisions').set({ state: 'published', reviewed_by_user_id: reviewer.id, reviewed_at: at }).where('id', '=', revisionId).execute();
        await pagesChanged(tx, [row.page_id]);
        await audit(tx, reviewer, 'translation.approve', row.page_id, lang, { revisionId, number: row.number });
        return { pageId: row.page_id, lang };
      });
    },

    /** The languages a person translates, with their credentials and whether they review. */
    async languagesOf(userId: number): Promise<Array<{ lang: Lang; credentials: string; reviews: boolean }>> {
      const rows = await db.selectFrom('translator_languages').selectAll().where('user_id', '=', userId).orderBy('lang').execute();
      return rows.map((r) => ({ lang: r.lang as Lang, credentials: r.credentials, reviews: r.reviews === 1 }));
    },

    /**
     * Sets the languages a person translates. Reviewing is kept only for
     * people whose role may review (the route passes `mayReview`).
     */
    async setLanguages(userId: number, languages: Array<{ lang: Lang; credentials: string; reviews: boolean }>, mayReview: boolean): Promise<void> {
      await db.transaction().execute(async (tx) => {
        await tx.deleteFrom('translator_languages').where('user_id', '=', userId).execute();
        if (languages.length) {
          await tx
            .insertInto('translator_languages')
            .values(languages.map((l) => ({ user_id: userId, lang: l.lang, credentials: l.credentials.slice(0, 300), reviews: l.reviews && mayReview ? 1 : 0 })))
            .execute();
        }
      });
    },
  };
}
