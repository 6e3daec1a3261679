/**
 * Reader feedback: "Was this page helpful?" and "Report a problem with this
 * page" on every topic page, stored for editors only (never shown publicly,
 * never in the sitemap or the static copy), with a dashboard panel and the
 * open-report counts the review-due list shows.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../accounts/context.js';
import { can } from '../accounts/permissions.js';
import { type Domain, type DomainKernel, adminLink } from '../domain.js';
import { feedbackAccess } from './authz.js';
import type { FeedbackDeps } from './deps.js';
import { feedbackText } from './messages/index.js';
import { editorFeedbackRoutes } from './routes/editor.js';
import { readerFeedbackRoutes } from './routes/reader.js';
import { type FeedbackStore, createFeedbackStore } from './store.js';
import { FeedbackSummaryList } from './views/editor-pages.js';

export interface FeedbackDomain extends Domain {
  store: FeedbackStore;
}

export function createFeedbackDomain(kernel: DomainKernel): FeedbackDomain {
  const store = createFeedbackStore(kernel.db, kernel.clock);
  const deps: FeedbackDeps = { db: kernel.db, pages: kernel.pages, rateLimits: kernel.rateLimits, store, trustProxy: kernel.config.trustProxy };
  const routes = new Hono<AppEnv>();
  routes.route('/', readerFeedbackRoutes(deps));
  routes.route('/', editorFeedbackRoutes(deps));
  return {
    name: 'feedback',
    store,
    routes,
    access: feedbackAccess,
    dashboardLinks: [adminLink(feedbackText, { href: '/edit/feedback', label: 'dashboardLink', description: 'dashboardLinkDescription', visibleTo: (u) => can(u, 'dashboard.view') })],
    dashboardPanels: [
      {
        render: async ({ user, i18n }) => {
          if (!can(user, 'dashboard.view')) return [];
          const t = i18n.text(feedbackText);
          const open = await store.pagesWithOpen();
          return [
            {
              id: 'reader-feedback',
              title: t('panelTitle'),
              count: open.reduce((n, p) => n + p.openReports, 0),
              body: open.length ? <FeedbackSummaryList i18n={i18n} pages={open.slice(0, 50)} /> : <p>{t('panelEmpty')}</p>,
            },
          ];
        },
      },
    ],
  };
}
