import type { Db, Tx } from '../db/database.js';
import { ContentValidationError, type FieldProblem } from '../directory/errors.js';
import { bumpContentVersion, type PageChange, type PageIndexer } from '../directory/store.js';
import { TranslationDocument, type TranslationDocumentInput } from './document.js';
import { type SourceSection, sourceHash, sourceSectionText } from './source-text.js';

export interface EnglishSection extends SourceSection {
  anchor: string;
  text: string;
  hash: string;
}

/** The English page's sections as they are now, with the text and hash a translation is compared against. */
export async function englishSections(tx: Db | Tx, pageId: number): Promise<EnglishSection[]> {
  const [sections, entries] = await Promise.all([
    tx.selectFrom('sections').select(['id', 'anchor', 'heading']).where('page_id', '=', pageId).orderBy('position').execute(),
    tx.selectFrom('entries').select(['section_id', 'body']).where('page_id', '=', pageId).orderBy('section_id').orderBy('position').execute(),
  ]);
  return sections.map((s) => {
    const source = { heading: s.heading, entries: entries.filter((e) => e.section_id === s.id) };
    const text = sourceSectionText(source);
    return { anchor: s.anchor, ...source, text, hash: sourceHash(text) };
  });
}

/** The English page's published revision readers see now (page_revisions), when the editor has one. */
async function publishedSourceRevision(tx: Tx, pageId: number): Promise<number | null> {
  const row = await tx
    .selectFrom('page_revisions')
    .select('id')
    .where('page_key', '=', `page:${pageId}`)
    .where('state', '=', 'published')
    .orderBy('number', 'desc')
    .executeTakeFirst();
  return row?.id ?? null;
}

export interface PublishMeta {
  /** Who reviewed the translation, and when (ISO instant); null for an unreviewed (demo) translation. */
  reviewerName: string | null;
  reviewedAt: string | null;
  /** The translation revision being published; null for an import. */
  revisionId: number | null;
  at: string;
}

/**
 * Makes a translation what readers of its language see. Each translated
 * section is tied to the English section with its anchor as it is now: its
 * text and hash are kept, so a later English change marks it outdated.
 */
export async function publishTranslation(tx: Tx, pageId: number, input: TranslationDocumentInput, meta: PublishMeta): Promise<number> {
  const { doc, byAnchor } = await checkTranslation(tx, pageId, input);
  return writeTranslation(tx, pageId, doc, byAnchor, meta);
}

/**
 * A translation as it can be saved: valid, and matching the English page as
 * it is now (each section names an English section and has as many entries).
 * Throws ContentValidationError with a problem per field otherwise.
 */
export async function checkTranslation(tx: Db | Tx, pageId: number, input: TranslationDocumentInput): Promise<{ doc: TranslationDocument; byAnchor: Map<string, EnglishSection> }> {
  const parsed = TranslationDocument.safeParse(input);
  if (!parsed.success) throw new ContentValidationError(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  const doc = parsed.data;
  const english = await englishSections(tx, pageId);
  const byAnchor = new Map(english.map((s) => [s.anchor, s]));
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  doc.sections.forEach((section, i) => {
    const source = byAnchor.get(section.sourceAnchor);
    if (!source) problems.push({ path: `sections.${i}.sourceAnchor`, message: `the English page has no section "${section.sourceAnchor}"` });
    else if (source.entries.length !== section.entries.length) {
      problems.push({ path: `sections.${i}.entries`, message: `has ${section.entries.length} entries where the English section has ${source.entries.length}` });
    }
    else if (source.heading !== null && section.heading === null) problems.push({ path: `sections.${i}.heading`, message: 'needs the translated heading' });
    if (seen.has(section.sourceAnchor)) problems.push({ path: `sections.${i}.sourceAnchor`, message: `translates "${section.sourceAnchor}" a second time` });
    seen.add(section.sourceAnchor);
  });
  if (problems.length) throw new ContentValidationError(problems);
  return { doc, byAnchor };
}

async function writeTranslation(tx: Tx, pageId: number, doc: TranslationDocument, byAnchor: Map<string, EnglishSection>, meta: PublishMeta): Promise<number> {
  const row = {
    page_id: pageId,
    lang: doc.lang,
    title: doc.title,
    summary: doc.summary,
    translators: JSON.stringify(doc.translators),
    demo: doc.demo ? 1 : 0,
    reviewer_name: meta.reviewerName,
    reviewed_at: meta.reviewedAt,
    revision_id: meta.revisionId,
    published_at: meta.at,
    changed_at: meta.at,
  };
  const existing = await tx.selectFrom('page_translations').select('id').where('page_id', '=', pageId).where('lang', '=', doc.lang).executeTakeFirst();
  let translationId: number;
  const previous = new Map<string, { source_hash: string; made_at: string; entries: string; heading: string | null }>();
  if (existing) {
    translationId = existing.id;
    await tx.updateTable('page_translations').set(row).where('id', '=', translationId).execute();
    const old = await tx.selectFrom('translation_sections').select(['source_anchor', 'source_hash', 'made_at', 'entries', 'heading']).where('translation_id', '=', translationId).execute();
    for (const o of old) previous.set(o.source_anchor, o);
    await tx.deleteFrom('translation_sections').where('translation_id', '=', translationId).execute();
  } else {
    translationId = (await tx.insertInto('page_translations').values(row).returning('id').executeTakeFirstOrThrow()).id;
  }
  const sourceRevision = await publishedSourceRevision(tx, pageId);
  if (doc.sections.length) {
    await tx
      .insertInto('translation_sections')
      .values(
        doc.sections.map((section) => {
          const source = byAnchor.get(section.sourceAnchor)!;
          const entries = JSON.stringify(section.entries);
          const before = previous.get(section.sourceAnchor);
          // A section republished unchanged against the same English keeps its date.
          const unchanged = before && before.source_hash === source.hash && before.entries === entries && before.heading === section.heading;
          return {
            translation_id: translationId,
            source_anchor: section.sourceAnchor,
            heading: section.heading,
            entries,
            source_revision_id: sourceRevision,
            source_hash: source.hash,
            source_text: source.text,
            made_at: unchanged ? before.made_at : meta.at,
            outdated_since: null,
            safety: 0,
          };
        }),
      )
      .execute();
  }
  await bumpContentVersion(tx);
  return translationId;
}

/** Removes a page's translation into one language (readers get the English page again). */
export async function removeTranslation(tx: Tx, pageId: number, lang: string): Promise<void> {
  await tx.deleteFrom('page_translations').where('page_id', '=', pageId).where('lang', '=', lang).execute();
  await bumpContentVersion(tx);
}

/**
 * Keeps translations honest when the English page is saved: a translated
 * section whose English text changed becomes outdated (dated), unless the
 * revision published was marked "minor", which moves the section on to the
 * new English; a "safety-relevant" revision also makes readers get the
 * current English for that section until it is translated again.
 */
export function translationSourceIndexer(clock: () => Date = () => new Date()): PageIndexer {
  return {
    async pageChanged(tx: Tx, pageId: number, change?: PageChange) {
      const translated = await tx
        .selectFrom('translation_sections as ts')
        .innerJoin('page_translations as pt', 'pt.id', 'ts.translation_id')
        .select(['ts.id', 'ts.source_anchor', 'ts.source_hash', 'ts.outdated_since', 'ts.safety'])
        .where('pt.page_id', '=', pageId)
        .execute();
      if (!translated.length) return;
      const english = new Map((await englishSections(tx, pageId)).map((s) => [s.anchor, s]));
      const impact = change?.revisionId
        ? ((await tx.selectFrom('source_change_impacts').select('impact').where('revision_id', '=', change.revisionId).executeTakeFirst())?.impact ?? null)
        : null;
      const at = clock().toISOString();
      for (const section of translated) {
        const source = english.get(section.source_anchor);
        // A section the English page no longer has is not shown; it stays for the translator.
        if (!source) continue;
        if (source.hash === section.source_hash) {
          if (section.outdated_since !== null) await tx.updateTable('translation_sections').set({ outdated_since: null, safety: 0 }).where('id', '=', section.id).execute();
          continue;
        }
        if (section.outdated_since === null && impact === 'minor') {
          await tx
            .updateTable('translation_sections')
            .set({ source_hash: source.hash, source_text: source.text, source_revision_id: change?.revisionId ?? null })
            .where('id', '=', section.id)
            .execute();
        } else if (section.outdated_since === null) {
          await tx.updateTable('translation_sections').set({ outdated_since: at, safety: impact === 'safety' ? 1 : 0 }).where('id', '=', section.id).execute();
        } else if (impact === 'safety' && !section.safety) {
          await tx.updateTable('translation_sections').set({ safety: 1 }).where('id', '=', section.id).execute();
        }
      }
    },
    async pageRemoved() {
      // A deleted page's translations stay with it (restorable); readers cannot reach them.
    },
  };
}
