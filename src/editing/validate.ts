import type { Db, Tx } from '../db/database.js';
import { extractCitationKeys, normaliseCitationKey } from '../content/inline.js';
import { isSafeLink } from '../content/links.js';
import type { PageDocument } from '../directory/document.js';
import type { FieldProblem } from '../directory/errors.js';

/** Which page a document belongs to, so its own address and place in the tree are not held against it. */
export interface DocumentOwner {
  /** pages.id when the page has been published. */
  pageId: number | null;
  /** The revisions' page key ("page:12" or "draft:…"). */
  pageKey: string | null;
}

/**
 * What a draft must satisfy before it is saved, checked against the database:
 * the same rules savePage applies when it is published (address free, parent
 * exists and is not below this page, authors and citations exist), plus
 * addresses claimed by other unpublished drafts. Problems use PageDocument paths.
 */
export async function checkAgainstDatabase(db: Db | Tx, doc: PageDocument, owner: DocumentOwner): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  const [slugOwner, draftOwner] = await Promise.all([
    db.selectFrom('pages').select(['id', 'deleted_at']).where('slug', '=', doc.slug).executeTakeFirst(),
    newestDraftPageWithSlug(db, doc.slug, owner.pageKey),
  ]);
  if (slugOwner && slugOwner.id !== owner.pageId) {
    problems.push({
      path: 'slug',
      message: slugOwner.deleted_at
        ? `the address "${doc.slug}" belongs to a deleted page; restore that page from the dashboard or choose another address`
        : `the address "${doc.slug}" is already used by another page`,
    });
  } else if (draftOwner) {
    problems.push({
      path: 'slug',
      message: draftOwner.startsWith('draft:')
        ? `the address "${doc.slug}" is already taken by another new page that is still a draft`
        : `the address "${doc.slug}" is already taken by a draft that renames another page to it`,
    });
  }

  if (doc.parentSlug) {
    const parent = await db.selectFrom('pages').select(['id', 'parent_id']).where('slug', '=', doc.parentSlug).where('deleted_at', 'is', null).executeTakeFirst();
    if (!parent) {
      problems.push({ path: 'parentSlug', message: `there is no published page "${doc.parentSlug}" to put this page under` });
    } else if (owner.pageId !== null && (await isAtOrBelow(db, parent.id, owner.pageId))) {
      problems.push({ path: 'parentSlug', message: 'a page cannot be moved under itself or one of its own sub-pages' });
    }
  }

  const authorKeys = [...new Set([...doc.authorKeys, ...(doc.reviewedByKey ? [doc.reviewedByKey] : [])])];
  if (authorKeys.length) {
    const found = new Set((await db.selectFrom('authors').select('key').where('key', 'in', authorKeys).execute()).map((r) => r.key));
    const missing = doc.authorKeys.filter((k) => !found.has(k));
    if (missing.length) problems.push({ path: 'authorKeys', message: `no author with the key ${missing.map((k) => `"${k}"`).join(', ')}` });
  }

  // A news link readers click must be a web page (no javascript:, data:, …): the one rule of src/content/links.ts.
  doc.sections.forEach((section, s) =>
    section.entries.forEach((entry, e) => {
      if (entry.kind === 'news' && entry.url && !isSafeLink(entry.url, ['web'])) {
        problems.push({ path: `sections.${s}.entries.${e}.url`, message: 'must be a web address starting with http:// or https://' });
      }
    }),
  );

  const missingCitations = await unknownCitationKeys(db, doc);
  if (missingCitations.length) {
    problems.push({
      path: 'citations',
      message: `unknown citation key${missingCitations.length > 1 ? 's' : ''} ${missingCitations.map((k) => `[@${k}]`).join(', ')}: add ${missingCitations.length > 1 ? 'them' : 'it'} to the bibliography first, or check the spelling`,
    });
  }
  return problems;
}

/** Citation keys the document uses that the bibliography does not have (by key, pmid: or doi:). */
export async function unknownCitationKeys(db: Db | Tx, doc: PageDocument): Promise<string[]> {
  const keys = new Set<string>();
  for (const section of doc.sections) {
    for (const entry of section.entries) {
      if (entry.kind === 'research') keys.add(normaliseCitationKey(entry.citationKey));
      for (const k of extractCitationKeys(entry.body)) keys.add(k);
    }
  }
  for (const note of doc.footnotes) for (const k of extractCitationKeys(note)) keys.add(k);
  if (!keys.size) return [];
  const all = [...keys];
  const pmids = all.filter((k) => k.startsWith('pmid:')).map((k) => k.slice(5));
  const dois = all.filter((k) => k.startsWith('doi:')).map((k) => k.slice(4));
  const rows = await db
    .selectFrom('citations')
    .select(['key', 'pmid', 'doi'])
    .where((eb) => eb.or([eb('key', 'in', all), ...(pmids.length ? [eb('pmid', 'in', pmids)] : []), ...(dois.length ? [eb('doi', 'in', dois)] : [])]))
    .execute();
  const known = new Set<string>();
  for (const r of rows) {
    known.add(r.key);
    if (r.pmid) known.add(`pmid:${r.pmid}`);
    if (r.doi) known.add(`doi:${r.doi}`);
  }
  return all.filter((k) => !known.has(k));
}

/** Whether `nodeId` is `ancestorId` or somewhere below it in the tree. */
async function isAtOrBelow(db: Db | Tx, nodeId: number, ancestorId: number): Promise<boolean> {
  let cursor: number | null = nodeId;
  for (let depth = 0; cursor !== null && depth < 1000; depth++) {
    if (cursor === ancestorId) return true;
    const up: { parent_id: number | null } | undefined = await db.selectFrom('pages').select('parent_id').where('id', '=', cursor).executeTakeFirst();
    cursor = up?.parent_id ?? null;
  }
  return false;
}

/**
 * Another page whose newest revision claims this address: a never-published
 * draft, or a draft renaming a published page (it takes the address when it
 * is published; a new page saved there meanwhile would then be stranded
 * where no address opens it).
 */
async function newestDraftPageWithSlug(db: Db | Tx, slug: string, exceptKey: string | null): Promise<string | null> {
  const rows = await db
    .selectFrom('page_revisions as r')
    .select('r.page_key')
    .where('r.slug', '=', slug)
    .where((eb) => eb('r.number', '=', eb.selectFrom('page_revisions as h').select((h) => h.fn.max('h.number').as('n')).whereRef('h.page_key', '=', 'r.page_key')))
    .execute();
  return rows.find((r) => r.page_key !== exceptKey)?.page_key ?? null;
}
