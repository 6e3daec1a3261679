import type { Context } from 'hono';
import type { AppEnv } from '../accounts/context.js';
import type { AccountsDeps } from '../accounts/deps.js';
import type { MarkdownRenderer } from '../content/markdown.js';
import type { Db } from '../db/database.js';
import type { PersonalData } from '../domain.js';
import type { DirectoryQueries } from '../directory/queries.js';
import type { MailOutbox } from '../mail/outbox.js';
import type { PageRenderer } from '../web/page-renderer.js';
import type { RateLimits } from '../web/rate-limits.js';
import type { SiteContext } from '../web/site-context.js';
import type { Following } from './following.js';
import type { ForumSearch } from './search.js';
import type { Forums } from './forums.js';
import type { MemberStore } from './members.js';
import type { ModerationQueueSource } from './moderation/queue-sources.js';
import { loadCommunitySettings } from './settings.js';
import type { CommunityFrame } from './views/parts.js';

/** What the community's routes share, built once by its domain. */
export interface CommunityDeps {
  db: Db;
  pages: PageRenderer;
  markdown: MarkdownRenderer;
  directory: DirectoryQueries;
  mail: MailOutbox;
  rateLimits: RateLimits;
  clock: () => Date;
  trustProxy: boolean;
  accounts: AccountsDeps;
  forums: Forums;
  /** Forum posts in search: the forums' own search page and the site search's section. */
  search: ForumSearch;
  members: MemberStore;
  /** Members following topics, and the e-mails of new replies. */
  following: Following;
  /** Signs the "form opened at" field (spam.ts). */
  formKey: Buffer;
  /** Other domains' items in the queue (patient stories), listed after the posts. */
  queueSources: readonly ModerationQueueSource[];
  /** Every domain's part of a member's data: in their download, and erased with their account. */
  personalData(): readonly PersonalData[];
  contentChanged(): Promise<void>;
}

export async function frameOf(deps: CommunityDeps, c: Context<AppEnv>): Promise<CommunityFrame> {
  return { site: await deps.pages.siteContext(c), user: c.get('user'), csrfToken: c.get('csrfToken') };
}

/** Markdown of members and settings, with [[Page Title]] links to the directory ("not written yet" when missing). */
export async function markdownFor(deps: CommunityDeps, site: SiteContext): Promise<(source: string) => string> {
  const tree = await deps.directory.tree();
  const context = {
    resolveLink: (slug: string) => ({ href: site.i18n.path(`/directory/${slug}`), wanted: !tree.bySlug.has(slug) }),
    citation: () => null,
    footnote: () => null,
  };
  return (source) => deps.markdown.render(source, context);
}

export const settingsOf = (deps: CommunityDeps) => loadCommunitySettings(deps.db);
