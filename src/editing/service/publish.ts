import { newsFromPageDigests } from '../../content/news-file.js';
import type { Db, Tx } from '../../db/database.js';
import { loadSettings } from '../../site/settings.js';
import type { RevisionState } from '../../db/schema.js';
import type { PageDocument } from '../../directory/document.js';
import { ContentValidationError } from '../../directory/errors.js';
import { type ChecklistItem, type PersonDeclaration, checklistPasses, publishChecklist } from '../checklist.js';
import { loadPublishedDocument } from '../published-document.js';
import { type Revision, pageIdOf, pageKeyOf } from '../revision-store.js';
import { unknownCitationKeys } from '../validate.js';
import { NewsValidationError } from '../../news/errors.js';
import { importNewsItem } from '../../news/store.js';
import { type ServiceContext, readerIn } from './shared.js';
import { type Actor, type PublishOutcome, WorkflowError, stateLabel } from './types.js';

/** The declarations of everyone the page will name: its authors and its reviewer (the published one when the text is unchanged). */
async function declarationsOf(db: Db | Tx, doc: PageDocument, published: PageDocument | null): Promise<{ people: PersonDeclaration[]; declarationMonths: number }> {
  const keys = [...new Set([...doc.authorKeys, ...(doc.reviewedByKey ? [doc.reviewedByKey] : published?.reviewedByKey ? [published.reviewedByKey] : [])])];
  const [rows, settings] = await Promise.all([
    keys.length ? db.selectFrom('authors').select(['key', 'name', 'declared_on']).where('key', 'in', keys).execute() : [],
    loadSettings(db),
  ]);
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return {
    people: keys.flatMap((key) => (byKey.has(key) ? [{ key, name: byKey.get(key)!.name, declaredOn: byKey.get(key)!.declared_on }] : [])),
    declarationMonths: settings.declarationMonths,
  };
}

/** What publishing this revision still needs (the checklist on the edit screen). */
export async function checklistFor(ctx: ServiceContext, revision: Revision): Promise<ChecklistItem[]> {
  const pageId = pageIdOf(revision.pageKey);
  const [published, unknown] = await Promise.all([pageId === null ? null : loadPublishedDocument(ctx.db, pageId), unknownCitationKeys(ctx.db, revision.document)]);
  return publishChecklist({ doc: revision.document, state: revision.state, published, unknownCitations: unknown, ...(await declarationsOf(ctx.db, revision.document, published)), today: ctx.today() });
}

/**
 * Makes a revision what readers see, if it passes the checklist: the
 * normalised tables readers read change only here, through store.savePage,
 * in the same transaction that marks the revision published.
 */
export async function publishRevision(ctx: ServiceContext, revisionId: number, actor: Actor): Promise<PublishOutcome> {
  const outcome = await ctx.db.transaction().execute(async (tx): Promise<PublishOutcome> => {
    const revision = (await readerIn(tx).byId(revisionId)) ?? undefined;
    if (!revision) throw new WorkflowError(`There is no revision ${revisionId}.`, { key: 'workflowNoRevision', values: { number: revisionId } });
    if (!(['draft', 'in_review', 'approved'] as RevisionState[]).includes(revision.state)) {
      throw new WorkflowError(`Revision ${revision.number} is ${stateLabel(revision.state)}, so it cannot be published.`, { key: 'workflowCannotPublish', values: { number: revision.number, state: revision.state } });
    }
    const pageId = pageIdOf(revision.pageKey);
    const current = pageId === null ? undefined : await tx.selectFrom('pages').select(['slug', 'deleted_at']).where('id', '=', pageId).executeTakeFirst();
    if (current?.deleted_at) throw new WorkflowError('This page is deleted. Restore it before publishing.', { key: 'workflowDeleted' });
    const published = pageId === null ? null : await loadPublishedDocument(tx, pageId);
    const checklist = publishChecklist({
      doc: revision.document, state: revision.state, published, unknownCitations: await unknownCitationKeys(tx, revision.document),
      ...(await declarationsOf(tx, revision.document, published)), today: ctx.today(),
    });
    if (!checklistPasses(checklist)) return { kind: 'blocked', checklist, problems: [] };

    // A move or rename of reviewed text keeps the review readers were shown.
    const reviewed: PageDocument =
      revision.state === 'approved' || !published
        ? revision.document
        : { ...revision.document, reviewedOn: published.reviewedOn, reviewedByKey: published.reviewedByKey, nextReviewOn: published.nextReviewOn };
    // News digests typed into the page leave it and become news items naming it: the site keeps one list of news.
    const digests = newsFromPageDigests(reviewed, await newsSlugs(tx));
    const doc = digests.page as PageDocument;
    let newPageId: number;
    try {
      newPageId = await ctx.store.savePage(doc, { tx, change: { revisionId }, ...(current ? { previousSlug: current.slug } : {}) });
    } catch (error) {
      if (error instanceof ContentValidationError) return { kind: 'blocked', checklist, problems: error.problems };
      throw error;
    }
    const named: number[] = [];
    for (const item of digests.news) {
      try {
        named.push(...(await importNewsItem(tx, item.draft, { state: 'published', publishedOn: ctx.today() }, ctx.now())));
      } catch (error) {
        if (!(error instanceof NewsValidationError)) throw error;
        // The page's own checks passed, so what is left is the digest's: say which one, in the page's terms.
        return { kind: 'blocked', checklist, problems: error.problems.map((p) => ({ path: 'sections', message: `news digest from ${item.draft.outlet}: ${p.message}` })) };
      }
    }
    await ctx.store.pagesChanged(tx, named);
    await tx.updateTable('page_revisions').set({ state: 'published', published_at: ctx.now(), document: JSON.stringify(doc) }).where('id', '=', revisionId).execute();
    await tx
      .updateTable('page_revisions')
      .set({ state: 'superseded' })
      .where('page_key', '=', revision.pageKey)
      .where('id', '<', revisionId)
      .where('state', 'in', ['draft', 'in_review', 'approved'])
      .execute();
    const key = pageKeyOf(newPageId);
    if (revision.pageKey !== key) {
      // First publication: the draft's revisions now belong to the page.
      await tx.updateTable('page_revisions').set({ page_key: key }).where('page_key', '=', revision.pageKey).execute();
    }
    await ctx.audit(tx, actor, 'page.publish', { pageKey: key, slug: doc.slug }, { revisionId, ...(current && current.slug !== doc.slug ? { renamedFrom: current.slug } : {}) });
    return { kind: 'published', slug: doc.slug, newsMoved: digests.news.length };
  });
  if (outcome.kind === 'published') await ctx.contentChanged();
  return outcome;
}

/** Addresses news items already use, so that digests turned into news get addresses of their own. */
async function newsSlugs(tx: Tx): Promise<Set<string>> {
  return new Set((await tx.selectFrom('news_items').select('slug').execute()).map((r) => r.slug));
}
