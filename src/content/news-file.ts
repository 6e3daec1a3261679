/**
 * News in the content folder (docs/content-format.md): `news/<slug>.md` files,
 * and the older `::: news` digests inside page files, which become news items
 * naming their page, so the site has one list of news, not two.
 */
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { PageDocumentInput } from '../directory/document.js';
import { slugify } from '../directory/slug.js';
import { plainText } from '../editing/readability.js';
import type { NewsDraftInput } from '../news/document.js';
import type { ImportMeta } from '../news/store.js';
import { ContentSyntaxError } from './page-file.js';

/** One news item read from the content folder, with how it enters. */
export interface ImportedNews {
  file: string;
  draft: NewsDraftInput;
  meta: ImportMeta;
}

const NewsFrontMatter = z.object({
  headline: z.string(),
  summary: z.string(),
  outlet: z.string(),
  sourceHeadline: z.string().optional(),
  sourceUrl: z.string().optional(),
  sourceDate: z.string().optional(),
  topics: z.array(z.string()).default([]),
  citation: z.string().optional(),
  author: z.string().optional(),
  published: z.string().optional(),
  state: z.enum(['draft', 'review', 'published']).default('published'),
  study: z.object({ what: z.string().default(''), size: z.string().default(''), limits: z.string().default('') }).default({ what: '', size: '', limits: '' }),
});

/** Parses one `news/<slug>.md` file (front matter, then the body in Markdown). */
export function parseNewsFile(text: string, slug: string, file = `news/${slug}.md`): ImportedNews {
  const split = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!split) throw new ContentSyntaxError(file, 1, 'a news file starts with front matter between two "---" lines');
  let data: unknown;
  try {
    data = parseYaml(split[1]!);
  } catch (error) {
    throw new ContentSyntaxError(file, null, `front matter is not valid YAML: ${(error as Error).message}`);
  }
  const fm = NewsFrontMatter.safeParse(data);
  if (!fm.success) {
    const issue = fm.error.issues[0]!;
    throw new ContentSyntaxError(file, null, `front matter field "${issue.path.join('.')}": ${issue.message}`);
  }
  const f = fm.data;
  if (f.state === 'published' && !f.published) throw new ContentSyntaxError(file, null, 'a published news item needs "published: YYYY-MM-DD"');
  return {
    file,
    draft: {
      slug,
      headline: f.headline,
      summary: f.summary.trim(),
      body: text.slice(split[0].length).trim(),
      outlet: f.outlet,
      sourceHeadline: f.sourceHeadline ?? '',
      sourceUrl: f.sourceUrl ?? '',
      sourceDate: f.sourceDate ?? '',
      topicSlugs: f.topics,
      citationKey: f.citation ?? '',
      authorKey: f.author ?? '',
      studyWhat: f.study.what,
      studySize: f.study.size,
      studyLimits: f.study.limits,
    },
    meta: { state: f.state, publishedOn: f.published ?? null },
  };
}

/**
 * Takes the `::: news` digests out of a page and returns them as news items
 * naming that page. The digest is already in our words: its first sentence
 * becomes the headline, its text the summary (and the body when it is long).
 * Published on the page's creation date: when the digest was written is not
 * recorded more precisely. `taken` holds slugs already used in this import.
 */
export function newsFromPageDigests(page: PageDocumentInput, taken: Set<string>): { page: PageDocumentInput; news: ImportedNews[] } {
  const news: ImportedNews[] = [];
  const sections = page.sections.flatMap((section) => {
    const kept = section.entries.filter((entry) => {
      if (entry.kind !== 'news') return true;
      const text = plainText(entry.body).replace(/\s+/g, ' ').trim();
      const first = /^.*?[.!?](?=\s|$)/.exec(text)?.[0] ?? text;
      const base = slugify(`${entry.outlet} ${entry.date}`) || 'news';
      let slug = taken.has(base) ? `${base}-${page.slug}` : base;
      for (let n = 2; taken.has(slug); n++) slug = `${base}-${page.slug}-${n}`;
      taken.add(slug);
      const short = text.length <= 500;
      news.push({
        file: `pages/${page.slug}.md`,
        draft: {
          slug,
          headline: cut(first.replace(/[.]$/, ''), 200),
          summary: short ? text : cut(text, 500),
          body: short ? '' : entry.body,
          outlet: entry.outlet,
          sourceHeadline: entry.headline ?? '',
          sourceUrl: entry.url ?? '',
          sourceDate: entry.date,
          topicSlugs: [page.slug],
          authorKey: page.authorKeys?.[0] ?? '',
        },
        meta: { state: 'published', publishedOn: page.createdOn },
      });
      return false;
    });
    const empty = !kept.length && !(section.subArticles ?? []).length && !(section.alsoSee ?? []).length;
    // A section that held only news ("In the news") goes with them; its news shows under "Latest news on this topic".
    return empty && section.entries.length ? [] : [{ ...section, entries: kept }];
  });
  return { page: { ...page, sections }, news };
}

/** At most `max` characters, ending at a word with "…". */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max - 1);
  return `${head.slice(0, Math.max(head.lastIndexOf(' '), max / 2)).trimEnd()}…`;
}
