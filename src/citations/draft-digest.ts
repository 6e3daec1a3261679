/**
 * Turns an inbox item into a draft research digest on its topic: the citation
 * is stored first (so the draft's [@key] resolves), then a new draft revision
 * is saved through the editing service, with the digest in a "New research"
 * section. Readers see nothing until the draft is reviewed and published.
 */
import type { Db } from '../db/database.js';
import type { PageDocument } from '../directory/document.js';
import type { Actor, EditingService } from '../editing/service/index.js';
import { recordAudit } from '../accounts/audit.js';
import { saveCitation } from './import-service.js';
import type { CitationRecord } from './record.js';
import type { CitationRendering } from './rendering.js';
import { decideInboxItem, inboxItem } from './research-inbox.js';

export const NEW_RESEARCH_HEADING = 'New research';

/** Why no draft was made, as data: the inbox page says it in the editor's language. */
export type DraftProblem =
  | { reason: 'gone' }
  | { reason: 'decided'; pmid: string; drafted: boolean }
  | { reason: 'notEditable'; pageTitle: string }
  | { reason: 'noRevision'; pageTitle: string }
  | { reason: 'invalid'; details: string }
  | { reason: 'raced'; pmid: string; revision: number }
  | { reason: 'busy' };

export type DraftOutcome =
  | { kind: 'drafted'; slug: string; revisionId: number; citationKey: string }
  | { kind: 'problem'; problem: DraftProblem };

export async function draftDigestFromInbox(
  deps: { db: Db; rendering: CitationRendering; editing: EditingService },
  itemId: number,
  actor: Actor,
): Promise<DraftOutcome> {
  const item = await inboxItem(deps.db, itemId);
  if (!item) return { kind: 'problem', problem: { reason: 'gone' } };
  if (item.status !== 'new') return { kind: 'problem', problem: { reason: 'decided', pmid: item.pmid, drafted: item.status === 'drafted' } };

  const located = await deps.editing.locate(item.slug);
  if (located.kind !== 'page' || located.deleted) return { kind: 'problem', problem: { reason: 'notEditable', pageTitle: item.pageTitle } };

  const saved = await saveCitation(deps, item.record, { actorUserId: actor.user.id, ip: actor.ip, source: 'research inbox' });
  const citationKey = saved.key;

  // Someone may save the page between reading the head and saving: read again and retry once.
  for (let attempt = 0; attempt < 2; attempt++) {
    const head = await deps.editing.read.head(located.pageKey);
    if (!head) return { kind: 'problem', problem: { reason: 'noRevision', pageTitle: item.pageTitle } };
    const outcome = await deps.editing.save({
      pageKey: located.pageKey,
      document: withDigest(head.document, citationKey, item.record),
      summary: `Draft research digest for PMID ${item.pmid}, from the new-research inbox`,
      baseRevisionId: head.id,
      actor,
    });
    if (outcome.kind === 'invalid') return { kind: 'problem', problem: { reason: 'invalid', details: outcome.problems.map((p) => `${p.path}: ${p.message}`).join('; ') } };
    if (outcome.kind === 'conflict') continue;
    const revisionId = outcome.revision.id;
    const decided = await deps.db.transaction().execute(async (tx) => {
      const ok = await decideInboxItem(tx, item.id, { status: 'drafted', userId: actor.user.id, citationId: saved.id, revisionId });
      if (ok) {
        await recordAudit(tx, { actorUserId: actor.user.id, action: 'inbox.draft', subjectType: 'page', subjectId: item.slug, details: { pmid: item.pmid, revisionId, citationKey }, ip: actor.ip });
      }
      return ok;
    });
    if (!decided) return { kind: 'problem', problem: { reason: 'raced', pmid: item.pmid, revision: outcome.revision.number } };
    return { kind: 'drafted', slug: item.slug, revisionId, citationKey };
  }
  return { kind: 'problem', problem: { reason: 'busy' } };
}

/** The document with one new research digest at the end of its "New research" section (made when missing). */
export function withDigest(doc: PageDocument, citationKey: string, record: CitationRecord): PageDocument {
  const entry = { kind: 'research' as const, citationKey, body: placeholderBody(record) };
  const index = doc.sections.findIndex((s) => s.heading === NEW_RESEARCH_HEADING);
  const sections =
    index === -1
      ? [...doc.sections, { heading: NEW_RESEARCH_HEADING, entries: [entry], subArticles: [], alsoSee: [] }]
      : doc.sections.map((s, i) => (i === index ? { ...s, entries: [...s.entries, entry] } : s));
  return { ...doc, sections };
}

/** Says plainly that the summary is still to be written; the review workflow keeps it from readers until then. */
function placeholderBody(record: CitationRecord): string {
  const title = (record.csl.title ?? 'Untitled').replace(/[[\]]/g, '');
  const journal = record.csl['container-title-short'] ?? record.csl['container-title'];
  const year = record.csl.issued?.['date-parts'][0]?.[0];
  const where = [journal, year].filter(Boolean).join(', ');
  return `Draft from the new-research inbox: “${title}”${where ? ` (${where})` : ''}. An editor still has to write a plain-language summary of this study here before the page is sent for medical review.`;
}
