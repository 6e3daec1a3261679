import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ContentSyntaxError } from '../content/page-file.js';
import type { Tx } from '../db/database.js';
import { ContentValidationError } from '../directory/errors.js';
import { TRANSLATED_LANGS } from '../i18n/languages.js';
import { sourceHash } from './source-text.js';
import { publishTranslation } from './store.js';
import { parseTranslationFile } from './translation-file.js';

/** The translation files of a content folder: pages/<lang>/<slug>.md for each translated language. */
async function translationFiles(dir: string): Promise<Array<{ lang: (typeof TRANSLATED_LANGS)[number]; slug: string; path: string }>> {
  const found = [];
  for (const lang of TRANSLATED_LANGS) {
    let names: string[];
    try {
      names = await readdir(join(dir, 'pages', lang));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    for (const name of names.filter((n) => n.endsWith('.md')).sort()) found.push({ lang, slug: name.slice(0, -3), path: `pages/${lang}/${name}` });
  }
  return found;
}

/**
 * Imports every translation file of a content folder, in the caller's
 * transaction (after the English pages). A section whose file keeps the
 * English it was made from ("::: translated-from"), where that English
 * differs from the page's now, is imported as outdated.
 */
export async function importTranslations(tx: Tx, dir: string, at: string): Promise<number> {
  const files = await translationFiles(dir);
  for (const f of files) {
    const parsed = parseTranslationFile(await readFile(join(dir, f.path), 'utf8'), f.lang, f.path);
    const page = await tx.selectFrom('pages').select('id').where('slug', '=', f.slug).where('deleted_at', 'is', null).executeTakeFirst();
    if (!page) throw new ContentSyntaxError(f.path, null, `there is no English page "${f.slug}" to translate`);
    let translationId: number;
    try {
      translationId = await publishTranslation(tx, page.id, parsed.document, {
        reviewerName: parsed.reviewedBy,
        reviewedAt: parsed.reviewedOn ? `${parsed.reviewedOn}T00:00:00.000Z` : null,
        revisionId: null,
        at,
      });
    } catch (error) {
      if (error instanceof ContentValidationError) throw new ContentSyntaxError(f.path, null, error.message);
      throw error;
    }
    for (const [anchor, source] of parsed.sources) {
      const hash = sourceHash(source.text);
      const row = await tx.selectFrom('translation_sections').select(['id', 'source_hash']).where('translation_id', '=', translationId).where('source_anchor', '=', anchor).executeTakeFirstOrThrow();
      if (row.source_hash === hash) continue;
      await tx
        .updateTable('translation_sections')
        .set({ source_text: source.text, source_hash: hash, source_revision_id: null, outdated_since: source.since ? `${source.since}T00:00:00.000Z` : at })
        .where('id', '=', row.id)
        .execute();
    }
  }
  return files.length;
}
