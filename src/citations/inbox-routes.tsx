/** Editor routes of the new-research inbox and of each topic's saved PubMed search (permission inbox.manage). */
import { pathIn } from '../i18n/languages.js';
import { citationsText } from './messages/index.js';
import { type Context, Hono } from 'hono';
import type { AppEnv } from '../accounts/context.js';
import { clientIp } from '../accounts/client-ip.js';
import { formFields } from '../accounts/forms.js';
import { requirePermission } from '../accounts/middleware.js';
import type { Db } from '../db/database.js';
import { SLUG_PATTERN } from '../directory/slug.js';
import type { EditingService } from '../editing/service/index.js';
import type { JobQueue } from '../jobs/queue.js';
import type { PageRenderer } from '../web/page-renderer.js';
import { type DraftProblem, draftDigestFromInbox } from './draft-digest.js';
import type { CitationsText } from './messages/index.js';
import type { CitationRendering } from './rendering.js';
import { RESEARCH_INBOX_JOB } from './research-inbox-job.js';
import {
  RESEARCH_TERM_MAX,
  ResearchQueryTerm,
  dismissInboxItem,
  listResearchQueries,
  newInboxItems,
  recentlyDecidedItems,
  researchQueryOf,
  saveResearchQuery,
} from './research-inbox.js';
import type { CitationServices } from './services.js';
import { type InboxNotice, InboxPage, QUERY_NOTICES, type QueryNotice, ResearchQueryPage } from './views/inbox-pages.js';
import { displayable } from './views/parts.js';
import { ownValue } from '../web/known-key.js';

export interface InboxRouteDeps {
  db: Db;
  pages: PageRenderer;
  services: CitationServices;
  rendering: CitationRendering;
  editing: EditingService;
  jobs: JobQueue;
  trustProxy: boolean;
}


export function inboxRoutes(deps: InboxRouteDeps) {
  const { db, pages } = deps;
  const app = new Hono<AppEnv>();
  const frame = async (c: Context<AppEnv>) => ({ site: await pages.siteContext(c), user: c.get('user')!, csrfToken: c.get('csrfToken') });
  const actor = (c: Context<AppEnv>) => ({ user: c.get('user')!, ip: clientIp(c, deps.trustProxy) });
  const text = async (c: Context<AppEnv>) => (await pages.siteContext(c)).i18n.text(citationsText);
  /** Redirects stay in the editor's language. */
  const redirect = (c: Context<AppEnv>, path: string) => c.redirect(pathIn(c.get('lang'), path), 303);

  async function inboxPage(c: Context<AppEnv>, options: { notice?: InboxNotice; findPage?: { value: string; error: string }; status?: 200 | 400 | 409 } = {}) {
    const [items, queries, recent, jobs] = await Promise.all([newInboxItems(db), listResearchQueries(db), recentlyDecidedItems(db), deps.jobs.list()]);
    const page = (
      <InboxPage
        {...await frame(c)}
        items={items}
        queries={queries}
        recent={recent}
        inboxJob={jobs.find((j) => j.key === RESEARCH_INBOX_JOB)}
        pubmedConfigured={deps.services.pubmed !== null}
        notice={options.notice ?? (await noticeFromQuery(c))}
        findPage={options.findPage}
      />
    );
    return pages.fresh(c, page, options.status ?? 200);
  }

  /** After a redirect: the notice named in the query string, with the page title read from the database (never echoed from the URL). */
  async function noticeFromQuery(c: Context<AppEnv>): Promise<InboxNotice | undefined> {
    const notice = c.req.query('notice');
    if (notice === 'dismissed') return { kind: 'dismissed' };
    if (notice !== 'drafted') return undefined;
    const page = await pageBySlug(c.req.query('page') ?? '');
    return page ? { kind: 'drafted', slug: page.slug, pageTitle: page.title } : undefined;
  }

  /** A live page by slug, or null. */
  const pageBySlug = (slug: string) =>
    SLUG_PATTERN.test(slug) ? db.selectFrom('pages').select(['id', 'slug', 'title']).where('slug', '=', slug).where('deleted_at', 'is', null).executeTakeFirst() : Promise.resolve(undefined);

  const itemId = (c: Context<AppEnv>) => {
    const id = c.req.param('id') ?? '';
    return /^\d{1,9}$/.test(id) ? Number(id) : null;
  };

  app.use('/edit/inbox', requirePermission('inbox.manage'));
  app.use('/edit/inbox/*', requirePermission('inbox.manage'));
  app.use('/edit/:slug/research-query', requirePermission('inbox.manage'));

  app.get('/edit/inbox', (c) => inboxPage(c));

  app.get('/edit/inbox/query', async (c) => {
    const value = displayable(c.req.query('page') ?? '').trim().slice(0, 200);
    // Accept a pasted reader address too: /directory/<slug> or the full URL.
    const slug = value.replace(/^.*\/directory\//, '').replace(/[/?#].*$/, '').toLowerCase();
    const page = await pageBySlug(slug);
    if (page) return redirect(c, `/edit/${page.slug}/research-query`);
    const t = await text(c);
    const error = value ? t('queryFindUnknown', { value }) : t('queryFindMissing');
    return inboxPage(c, { findPage: { value, error }, status: 400 });
  });

  app.post('/edit/inbox/:id/draft', async (c) => {
    const id = itemId(c);
    if (id === null) return c.notFound();
    const outcome = await draftDigestFromInbox({ db, rendering: deps.rendering, editing: deps.editing }, id, actor(c));
    if (outcome.kind === 'problem') return inboxPage(c, { notice: { kind: 'problem', message: draftProblemText(await text(c), outcome.problem) }, status: 409 });
    return redirect(c, `/edit/inbox?${new URLSearchParams({ notice: 'drafted', page: outcome.slug }).toString()}`);
  });

  app.post('/edit/inbox/:id/dismiss', async (c) => {
    const id = itemId(c);
    if (id === null) return c.notFound();
    if (!(await dismissInboxItem(db, id, { userId: c.get('user')!.id, ip: clientIp(c, deps.trustProxy) }))) {
      return inboxPage(c, { notice: { kind: 'problem', message: (await text(c))('inboxAlreadyDecided') }, status: 409 });
    }
    return redirect(c, '/edit/inbox?notice=dismissed');
  });

  async function queryPage(c: Context<AppEnv>, page: { id: number; slug: string; title: string }, options: { term?: string; error?: string; notice?: QueryNotice } = {}) {
    const query = await researchQueryOf(db, page.id);
    const errors = options.error ? [{ field: 'term', message: options.error }] : [];
    const view = (
      <ResearchQueryPage
        {...await frame(c)}
        slug={page.slug}
        pageTitle={page.title}
        term={displayable(options.term ?? query?.term ?? '')}
        query={query}
        errors={errors}
        notice={options.notice}
      />
    );
    return pages.fresh(c, view, errors.length ? 400 : 200);
  }

  app.get('/edit/:slug/research-query', async (c) => {
    const page = await pageBySlug(c.req.param('slug'));
    if (!page) return c.notFound();
    const notice = ownValue(QUERY_NOTICES, c.req.query('notice'));
    return queryPage(c, page, notice ? { notice } : {});
  });

  app.post('/edit/:slug/research-query', async (c) => {
    const page = await pageBySlug(c.req.param('slug'));
    if (!page) return c.notFound();
    const term = ((await formFields(c)).term ?? '').slice(0, 5000);
    const parsed = ResearchQueryTerm.safeParse(term);
    if (!parsed.success) {
      const t = await text(c);
      return queryPage(c, page, { term, error: parsed.error.issues[0]!.code === 'too_big' ? t('queryTermTooLong', { max: RESEARCH_TERM_MAX }) : t('queryTermControl') });
    }
    const result = await saveResearchQuery(db, { pageId: page.id, slug: page.slug, term: parsed.data, userId: c.get('user')!.id, ip: clientIp(c, deps.trustProxy) });
    return redirect(c, `/edit/${page.slug}/research-query?notice=${result}`);
  });

  return app;
}

/** Why no draft was made, in the editor's language. */
function draftProblemText(t: CitationsText, problem: DraftProblem): string {
  switch (problem.reason) {
    case 'gone':
      return t('draftGone');
    case 'decided':
      return t('draftDecided', { pmid: problem.pmid, drafted: problem.drafted ? 'yes' : 'no' });
    case 'notEditable':
      return t('draftNotEditable', { page: problem.pageTitle });
    case 'noRevision':
      return t('draftNoRevision', { page: problem.pageTitle });
    case 'invalid':
      return t('draftInvalid', { details: problem.details });
    case 'raced':
      return t('draftRaced', { pmid: problem.pmid, revision: problem.revision });
    case 'busy':
      return t('draftBusy');
  }
}
