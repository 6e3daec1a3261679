/**
 * The glossary: plain-language definitions of medical terms, written by
 * editors (each save a revision), shown once a reviewer approved one, at
 * /glossary and /glossary/<term>, and marked where a topic page first uses a
 * term (the directory asks for a marker through its `glossary` need).
 */
import { Hono } from 'hono';
import type { AppEnv } from '../accounts/context.js';
import { can } from '../accounts/permissions.js';
import { type Domain, type DomainKernel, adminLink } from '../domain.js';
import { type Lang, SOURCE_LANG, langAttributes } from '../i18n/languages.js';
import type { SiteContext } from '../web/site-context.js';
import { glossaryAccess } from './authz.js';
import type { GlossaryDeps } from './deps.js';
import { importGlossaryContent } from './demo.js';
import { type GlossaryMarker, createMarker } from './mark.js';
import { glossaryText } from './messages/index.js';
import { missingInText, missingTerms } from './missing.js';
import { editorGlossaryRoutes } from './routes/editor.js';
import { readerGlossaryRoutes } from './routes/reader.js';
import { type GlossaryStore, createGlossaryStore } from './store.js';

export interface GlossaryDomain extends Domain {
  store: GlossaryStore;
  /** Marks the first use of each published term in text written in `lang` (English, or the reader's language where a section is translated). */
  marker(site: SiteContext, lang: Lang): Promise<GlossaryMarker>;
  /** For the page editor: the medical-looking words of a page's text the glossary lacks, most used first. */
  gapsIn(text: string): Promise<Array<{ word: string; uses: number }>>;
}

export function createGlossaryDomain(kernel: DomainKernel, needs: Pick<GlossaryDeps, 'reviewsLanguage'>): GlossaryDomain {
  const store = createGlossaryStore(kernel.db, kernel.clock);
  const deps: GlossaryDeps = { db: kernel.db, pages: kernel.pages, rateLimits: kernel.rateLimits, store, contentChanged: kernel.contentChanged, reviewsLanguage: needs.reviewsLanguage };
  const synonyms = async () => (await store.published()).flatMap((e) => e.synonyms);
  const missing = () => missingTerms(kernel.db, () => store.all(), synonyms);
  const routes = new Hono<AppEnv>();
  routes.route('/', readerGlossaryRoutes(deps));
  routes.route('/', editorGlossaryRoutes(deps, missing));
  return {
    name: 'glossary',
    store,
    routes,
    access: glossaryAccess,
    dashboardLinks: [adminLink(glossaryText, { href: '/edit/glossary', label: 'dashboardLink', description: 'dashboardLinkDescription', visibleTo: (u) => can(u, 'page.edit') })],
    start: () => importGlossaryContent(store, kernel.config.contentDir),
    sitemap: async () => [{ path: '/glossary' }, ...(await store.published()).map((e) => ({ path: `/glossary/${e.slug}` }))],
    gapsIn: (text) => missingInText(text, () => store.all(), synonyms),
    marker: async (site, lang) => {
      const more = site.i18n.text(glossaryText)('moreInGlossary');
      // Text in English is marked with the English terms, translated text with that language's approved translations only.
      const entries = lang === SOURCE_LANG ? await store.published() : await store.translatedInto(lang);
      return createMarker(entries, { more, href: (slug) => site.i18n.path(`/glossary/${slug}`), linkLang: langAttributes(lang, site.lang) });
    },
  };
}
