import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { CitationRecordError, citationFromBibliographyEntry } from '../citations/record.js';
import { upsertCitation } from '../citations/store.js';
import type { Db } from '../db/database.js';
import { type PageDocumentInput, isoDate } from '../directory/document.js';
import { ContentValidationError } from '../directory/errors.js';
import type { DirectoryStore } from '../directory/store.js';
import { saveSettings } from '../site/settings.js';
import { NewsValidationError } from '../news/errors.js';
import { importNewsItem } from '../news/store.js';
import { type ImportedNews, newsFromPageDigests, parseNewsFile } from './news-file.js';
import { ContentSyntaxError, parsePageFile } from './page-file.js';
import { importTranslations } from '../translations/import.js';

const AuthorsFile = z.record(
  z.string(),
  z.object({
    name: z.string().min(1),
    role: z.string().default(''),
    /** Conflict-of-interest statement; with `declared` and no text: no conflicts declared. */
    disclosure: z.string().default(''),
    qualifications: z.string().max(300).default(''),
    affiliation: z.string().max(300).default(''),
    funding: z.string().max(1000).default(''),
    /** When the person made the declaration (YYYY-MM-DD); leave out when no declaration is recorded. */
    declared: isoDate.optional(),
  }),
);

function authorRow(a: z.infer<typeof AuthorsFile>[string]) {
  return { name: a.name, role: a.role, disclosure: a.disclosure, qualifications: a.qualifications, affiliation: a.affiliation, funding: a.funding, declared_on: a.declared ?? null };
}

export interface ImportResult {
  pages: number;
  citations: number;
  authors: number;
  /** News items: the news/ folder's, and the `::: news` digests of pages, converted. */
  news: number;
  /** Translation files (pages/<lang>/<slug>.md). */
  translations: number;
}

/**
 * Imports a content folder (docs/content-format.md) in one transaction: all
 * of it or, on any error, none of it. Existing pages with the same slugs are
 * replaced; others are left alone.
 */
export async function importContent(db: Db, store: DirectoryStore, dir: string): Promise<ImportResult> {
  const site = await readYaml(join(dir, 'site.yaml'));
  const authors = AuthorsFile.parse((await readYaml(join(dir, 'authors.yaml'))) ?? {});
  const bibliography = ((await readYaml(join(dir, 'bibliography.yaml'))) ?? {}) as Record<string, unknown>;
  const pageFiles = (await readdir(join(dir, 'pages'))).filter((f) => f.endsWith('.md')).sort();
  const news: ImportedNews[] = [];
  for (const file of await newsFiles(dir)) {
    news.push(parseNewsFile(await readFile(join(dir, 'news', file), 'utf8'), file.slice(0, -3), `news/${file}`));
  }
  const taken = new Set(news.map((n) => n.draft.slug));
  const pages: PageDocumentInput[] = [];
  for (const file of pageFiles) {
    const text = await readFile(join(dir, 'pages', file), 'utf8');
    // News digests written inside pages (the older format) become news items naming the page: one list of news.
    const converted = newsFromPageDigests(parsePageFile(text, file.slice(0, -3), `pages/${file}`), taken);
    pages.push(converted.page);
    news.push(...converted.news);
  }
  const citations = Object.entries(bibliography).map(([key, value]) => {
    try {
      return citationFromBibliographyEntry(key, value);
    } catch (error) {
      if (error instanceof CitationRecordError) throw new ContentSyntaxError('bibliography.yaml', null, error.message);
      throw error;
    }
  });

  const translations = await db.transaction().execute(async (tx) => {
    await saveSettings(tx, site as never);
    for (const [key, a] of Object.entries(authors)) {
      await tx
        .insertInto('authors')
        .values({ key, ...authorRow(a) })
        .onConflict((oc) => oc.column('key').doUpdateSet(authorRow(a)))
        .execute();
    }
    for (const citation of citations) await upsertCitation(tx, citation);
    for (const page of parentsFirst(pages)) {
      try {
        await store.savePage(page, { tx });
      } catch (error) {
        if (error instanceof ContentValidationError) {
          throw new ContentSyntaxError(`pages/${page.slug}.md`, null, error.message);
        }
        throw error;
      }
    }
    const at = new Date().toISOString();
    const translated = await importTranslations(tx, dir, at);
    const named: number[] = [];
    for (const item of news) {
      try {
        named.push(...(await importNewsItem(tx, item.draft, item.meta, at)));
      } catch (error) {
        if (error instanceof NewsValidationError) throw new ContentSyntaxError(item.file, null, `news item "${item.draft.slug}": ${error.message}`);
        throw error;
      }
    }
    // Search shows news with the pages it names, and translations with their pages: index those pages again now that they are in.
    const translatedPages = (await tx.selectFrom('page_translations').select('page_id').distinct().execute()).map((r) => r.page_id);
    await store.pagesChanged(tx, [...named, ...translatedPages]);
    return translated;
  });
  return { pages: pages.length, citations: citations.length, authors: Object.keys(authors).length, news: news.length, translations };
}

/** The news/ folder's files; a content folder without one has no news files. */
async function newsFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(join(dir, 'news'))).filter((f) => f.endsWith('.md')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

async function readYaml(file: string): Promise<unknown> {
  const text = await readFile(file, 'utf8');
  try {
    return parseYaml(text);
  } catch (error) {
    throw new ContentSyntaxError(file, null, `not valid YAML: ${(error as Error).message}`);
  }
}

/** Orders pages so every parent is saved before its children. */
function parentsFirst(pages: PageDocumentInput[]): PageDocumentInput[] {
  const bySlug = new Map(pages.map((p) => [p.slug, p]));
  const done = new Set<string>();
  const ordered: PageDocumentInput[] = [];
  const visit = (page: PageDocumentInput, trail: string[]) => {
    if (done.has(page.slug)) return;
    if (trail.includes(page.slug)) throw new ContentSyntaxError(`pages/${page.slug}.md`, null, `parent loop: ${[...trail, page.slug].join(' → ')}`);
    const parent = page.parentSlug ? bySlug.get(page.parentSlug) : undefined;
    if (parent) visit(parent, [...trail, page.slug]);
    done.add(page.slug);
    ordered.push(page);
  };
  for (const page of pages) visit(page, []);
  return ordered;
}
