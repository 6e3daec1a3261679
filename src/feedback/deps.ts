import type { Context } from 'hono';
import type { AppEnv } from '../accounts/context.js';
import type { Frame } from '../accounts/views/frame.js';
import type { Db } from '../db/database.js';
import type { PageRenderer } from '../web/page-renderer.js';
import type { RateLimits } from '../web/rate-limits.js';
import type { FeedbackStore } from './store.js';

/** What the feedback routes share, built once by its domain. */
export interface FeedbackDeps {
  db: Db;
  pages: PageRenderer;
  rateLimits: Pick<RateLimits, 'readerFeedback'>;
  store: FeedbackStore;
  trustProxy: boolean;
}

export async function frameOf(deps: FeedbackDeps, c: Context<AppEnv>): Promise<Frame> {
  return { site: await deps.pages.siteContext(c), user: c.get('user'), csrfToken: c.get('csrfToken') };
}

/** A published page feedback can be about, by its address. */
export async function pageBySlug(db: Db, slug: string): Promise<{ id: number; slug: string; title: string } | undefined> {
  if (!/^[a-z0-9][a-z0-9-]{0,200}$/.test(slug)) return undefined;
  return db.selectFrom('pages').select(['id', 'slug', 'title']).where('slug', '=', slug).where('deleted_at', 'is', null).executeTakeFirst();
}
