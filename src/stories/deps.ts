import type { Context } from 'hono';
import type { AppEnv } from '../accounts/context.js';
import type { MarkdownRenderer } from '../content/markdown.js';
import type { Db } from '../db/database.js';
import type { DirectoryQueries } from '../directory/queries.js';
import type { JobQueue } from '../jobs/queue.js';
import type { MailOutbox } from '../mail/outbox.js';
import type { PageRenderer } from '../web/page-renderer.js';
import type { RateLimits } from '../web/rate-limits.js';
import type { SiteContext } from '../web/site-context.js';
import type { StoryStore } from './store.js';
import type { StoriesFrame } from './views/parts.js';

/** What the stories' routes share, built once by the domain. */
export interface StoriesDeps {
  db: Db;
  pages: PageRenderer;
  markdown: MarkdownRenderer;
  directory: DirectoryQueries;
  mail: MailOutbox;
  rateLimits: RateLimits;
  jobs: JobQueue;
  clock: () => Date;
  trustProxy: boolean;
  store: StoryStore;
  /** Signs the storyteller's links (links.ts). */
  linkKey: Buffer;
  /** Signs the "form opened at" field, as the forums do (src/community/spam.ts). */
  formKey: Buffer;
  contentChanged(): Promise<void>;
}

export async function frameOf(deps: StoriesDeps, c: Context<AppEnv>): Promise<StoriesFrame> {
  return { site: await deps.pages.siteContext(c), user: c.get('user'), csrfToken: c.get('csrfToken') };
}

/** Markdown of a story through the pipeline forum posts use, with [[Page Title]] links to the directory. */
/** `absolute`: links carry the site's address (feeds, read anywhere). */
export async function markdownFor(deps: StoriesDeps, site: SiteContext, absolute = false): Promise<(source: string) => string> {
  const tree = await deps.directory.tree();
  const base = absolute ? site.baseUrl : '';
  const context = {
    resolveLink: (slug: string) => ({ href: base + site.i18n.path(`/directory/${slug}`), wanted: !tree.bySlug.has(slug) }),
    citation: () => null,
    footnote: () => null,
  };
  return (source) => deps.markdown.render(source, context);
}
