import type { Context } from 'hono';
import type { AppEnv } from '../accounts/context.js';
import type { Frame } from '../accounts/views/frame.js';
import type { Db } from '../db/database.js';
import type { Lang } from '../i18n/languages.js';
import type { PageRenderer } from '../web/page-renderer.js';
import type { RateLimits } from '../web/rate-limits.js';
import type { GlossaryStore } from './store.js';

/** What the glossary's routes share, built once by its domain. */
export interface GlossaryDeps {
  db: Db;
  pages: PageRenderer;
  rateLimits: Pick<RateLimits, 'editorWrites'>;
  store: GlossaryStore;
  contentChanged: () => Promise<void>;
  /** Whether a person reviews translations into a language (src/translations): they sign off the glossary's translations too. */
  reviewsLanguage: (userId: number, lang: Lang) => Promise<boolean>;
}

export async function frameOf(deps: GlossaryDeps, c: Context<AppEnv>): Promise<Frame> {
  return { site: await deps.pages.siteContext(c), user: c.get('user'), csrfToken: c.get('csrfToken') };
}

export const TERM_SLUG = /^[a-z0-9][a-z0-9-]{0,79}$/;
