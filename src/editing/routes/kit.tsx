import type { Context } from 'hono';
import { clientIp } from '../../accounts/client-ip.js';
import type { AppEnv, CurrentUser } from '../../accounts/context.js';
import { can } from '../../accounts/permissions.js';
import type { FieldError } from '../../accounts/views/form-parts.js';
import type { MarkdownRenderer } from '../../content/markdown.js';
import type { Db } from '../../db/database.js';
import { Slug } from '../../directory/document.js';
import type { CitationHtml } from '../../directory/presenter.js';
import type { DirectoryQueries } from '../../directory/queries.js';
import type { DirectoryStore } from '../../directory/store.js';
import type { DomainContributions } from '../../domain.js';
import { NotFoundPage } from '../../site/views/site-pages.js';
import type { AssetBundle } from '../../web/assets.js';
import type { PageRenderer } from '../../web/page-renderer.js';
import type { Limiter, RateLimits } from '../../web/rate-limits.js';
import { FIELD_IDS } from '../page-form.js';
import { type EditableLocation, type EditingService, createEditingService } from '../service/index.js';
import { DeletedPage } from '../views/editor-page.js';
import { noticeFor } from './notices.js';
import { pathIn } from '../../i18n/languages.js';
import { type EditingText, editingTextOf } from '../views/text.js';

export interface EditingRouteDeps {
  db: Db;
  store: DirectoryStore;
  queries: DirectoryQueries;
  pages: PageRenderer;
  markdown: MarkdownRenderer;
  citations: () => Promise<CitationHtml>;
  /** Open reader problem reports by page id (src/feedback/), shown in the review-due list. */
  openReports?: (pageIds: readonly number[]) => Promise<Map<number, number>>;
  /** Medical-looking words of a page's text that the glossary lacks, most used first (src/glossary/). */
  glossaryGaps?: (text: string) => Promise<Array<{ word: string; uses: number }>>;
  assets: AssetBundle;
  trustProxy: boolean;
  /** Saves, workflow steps and previews are limited per person (src/web/rate-limits.ts). */
  rateLimits: Pick<RateLimits, 'editorWrites' | 'editorPreviews'>;
  contentChanged: () => Promise<void>;
  /** Dashboard sections other domains contribute. */
  contributions: Pick<DomainContributions, 'dashboardPanels' | 'dashboardLinks' | 'adminLinks'>;
  clock?: () => Date;
}

/** What every editing route file shares: the service, the limiters, and the small answers they all give. */
export interface EditingKit {
  deps: EditingRouteDeps;
  service: EditingService;
  clock: () => Date;
  /** Saves and workflow steps. */
  writes: Limiter;
  /** Live previews have their own, larger budget (one every ~0.8 s while typing). */
  previews: Limiter;
  actor(c: Context<AppEnv>): { user: CurrentUser; ip: string | null };
  /** The props every editing view's frame takes. */
  frame(c: Context<AppEnv>): Promise<{ site: Awaited<ReturnType<PageRenderer['siteContext']>>; user: CurrentUser | null; csrfToken: string }>;
  permissions(user: CurrentUser): { submit: boolean; review: boolean; publish: boolean; delete: boolean };
  /** The editing catalogue in the request's language (from the address: /es/edit/… is Spanish). */
  text(c: Context<AppEnv>): Promise<EditingText>;
  /** A site path in the request's language, for redirects ("/edit/x" → "/es/edit/x"). */
  here(c: Context<AppEnv>, sitePath: string): string;
  /** The status message named by ?notice=, if it is one of ours, in the request's language. */
  notice(c: Context<AppEnv>): Promise<string | undefined>;
  /** The string fields of the submitted form. */
  fields(c: Context<AppEnv>): Promise<Record<string, string>>;
  notFound(c: Context<AppEnv>): Promise<Response>;
  /** A 429 answer when this person has used up the limiter, else null. */
  tooFast(c: Context<AppEnv>, limiter: Limiter): Promise<Response | null>;
  /** Takes from the limiter; true when this person has used it up (the caller answers in the page). */
  usedUp(c: Context<AppEnv>, limiter: Limiter): Promise<boolean>;
  /** Resolves /edit/:slug to a page or draft, or answers for it (redirect, 404, deleted). */
  locateOrAnswer(c: Context<AppEnv>): Promise<{ located: EditableLocation } | { response: Response }>;
}

/** The message shown in the editor when a person saves too often. */
export function rateError(t: EditingText): FieldError {
  return { field: FIELD_IDS.body, message: t('rateLimited') };
}

export function createEditingKit(deps: EditingRouteDeps): EditingKit {
  const { pages } = deps;
  const clock = deps.clock ?? (() => new Date());
  const service = createEditingService({ db: deps.db, store: deps.store, contentChanged: deps.contentChanged, clock });
  const kit: EditingKit = {
    deps,
    service,
    clock,
    writes: deps.rateLimits.editorWrites,
    previews: deps.rateLimits.editorPreviews,
    actor: (c) => ({ user: c.get('user')!, ip: clientIp(c, deps.trustProxy) }),
    frame: async (c) => ({ site: await pages.siteContext(c), user: c.get('user'), csrfToken: c.get('csrfToken') }),
    permissions: (user) => ({
      submit: can(user, 'page.submit'),
      review: can(user, 'page.review'),
      publish: can(user, 'page.publish'),
      delete: can(user, 'page.delete'),
    }),
    text: async (c) => editingTextOf((await pages.siteContext(c)).i18n),
    here: (c, sitePath) => pathIn(c.get('lang'), sitePath),
    notice: async (c) => {
      const key = noticeFor(c.req.query('notice'));
      return key ? (await kit.text(c))(key) : undefined;
    },
    async fields(c) {
      const body = await c.req.parseBody();
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out[k] = v;
      return out;
    },
    notFound: async (c) => pages.fresh(c, <NotFoundPage site={await pages.siteContext(c)} />, 404),
    async tooFast(c, limiter) {
      const { allowed, retryAfterSeconds } = await limiter.take(`user:${c.get('user')!.id}`);
      if (allowed) return null;
      return new Response((await kit.text(c))('tooFast', { seconds: retryAfterSeconds }), {
        status: 429,
        headers: { 'content-type': 'text/plain; charset=utf-8', 'retry-after': String(retryAfterSeconds), 'cache-control': 'no-store' },
      });
    },
    usedUp: async (c, limiter) => !(await limiter.take(`user:${c.get('user')!.id}`)).allowed,
    async locateOrAnswer(c) {
      const slug = Slug.safeParse(c.req.param('slug'));
      if (!slug.success) return { response: await kit.notFound(c) };
      const located = await service.locate(slug.data);
      if (located.kind === 'none') return { response: await kit.notFound(c) };
      if (located.kind === 'moved') {
        // The router's path has no language prefix (src/i18n/address.ts); the redirect puts it back.
        const rest = c.req.path.slice(`/edit/${slug.data}`.length);
        const query = new URL(c.req.url).search;
        // 307 keeps a POST a POST, so a form sent to the old address still arrives.
        return { response: c.redirect(kit.here(c, `/edit/${located.slug}${rest}${query}`), c.req.method === 'GET' ? 301 : 307) };
      }
      if (located.kind === 'page' && located.deleted) {
        const title = (await service.read.head(located.pageKey))?.title ?? located.slug;
        return { response: await pages.fresh(c, <DeletedPage {...await kit.frame(c)} slug={located.slug} title={title} canRestore={can(c.get('user'), 'page.delete')} />, 410) };
      }
      return { located };
    },
  };
  return kit;
}
