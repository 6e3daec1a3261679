import type { Localizer } from '../i18n/localizer.js';
import { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import type { AppEnv } from '../accounts/context.js';
import { can } from '../accounts/permissions.js';
import type { MarkdownRenderer } from '../content/markdown.js';
import { type Lang, SOURCE_LANG, pathIn } from '../i18n/languages.js';
import type { PageRenderer } from '../web/page-renderer.js';
import type { CitationHtml, TopicPresentation, TopicTranslation } from './presenter.js';
import type { GlossaryMarker } from '../glossary/mark.js';
import type { PageView } from './queries.js';
import { directoryCrumbs, presentTopic } from './presenter.js';
import { ancestry } from './tree.js';
import type { DirectoryQueries } from './queries.js';
import { SLUG_PATTERN } from './slug.js';
import { type DirectoryTree, translatedTree } from './tree.js';
import { VersionMemo } from './version-memo.js';
import { AzPage, BibliographyPage, DirectoryIndexPage, WantedPagesPage } from './views/index-pages.js';
import { TopicPage, type TopicPageNews } from './views/topic-page.js';
import type { SiteContext } from '../web/site-context.js';
import { type EvidenceMap, buildEvidenceMap, digestsByPage, pageEvidence } from './evidence.js';
import { filterQuery, matchesEvidence, parseEvidenceFilter } from './evidence-filter.js';
import type { EvidenceListing } from './views/evidence-filter-form.js';
import type { Context } from 'hono';
import { EvidenceAtAGlance, EvidencePage } from './views/evidence-map.js';

export interface DirectoryRouteDeps {
  queries: DirectoryQueries;
  pages: PageRenderer;
  markdown: MarkdownRenderer;
  citations: () => Promise<CitationHtml>;
  /** The editing bar shown to signed-in editors above a topic page (those pages skip the shared cache). */
  editorToolbar?: (slug: string, i18n?: Localizer) => Promise<Child>;
  /** The page in the reader's language and the languages it exists in (src/translations/), when translations are part of the site. */
  translation?: (page: PageView, site: SiteContext) => Promise<TopicTranslation>;
  /** The topic's latest news and feeds (src/news/), when news is part of the site. */
  topicNews?: (site: SiteContext, slug: string) => Promise<TopicPageNews>;
  /** Translated titles and summaries of one language by page id (src/translations/): lists show them to its readers. */
  listedIn?: (lang: Lang) => Promise<ReadonlyMap<number, { title: string; summary: string }>>;
  /** "Experiences from people with this condition" (src/stories), or null. */
  topicStories?: (site: SiteContext, slug: string) => Promise<Child | null>;
  /** Today, for the evidence's age (the kernel's clock). */
  clock?: () => Date;
  /** ATOZ_STALE_EVIDENCE_YEARS: where the A–Z's "older evidence" starts, as on the dashboard. */
  staleEvidenceYears?: number;
  /** Marks the first use of each glossary term in body text (src/glossary/), when the glossary is part of the site. */
  glossary?: (site: SiteContext, lang: Lang) => Promise<GlossaryMarker>;
}

/**
 * The page with the first use of each glossary term in its body text marked: English sections with the English
 * terms, translated sections with the terms translated into their language.
 */
async function withGlossary(view: TopicPresentation, site: SiteContext, glossary: DirectoryRouteDeps['glossary']): Promise<TopicPresentation> {
  if (!glossary) return view;
  const entryHtml = new Map(view.entryHtml);
  const langs = new Set(view.page.sections.map((s) => view.sectionLang.get(s.id) ?? SOURCE_LANG));
  for (const lang of langs) {
    const marker = await glossary(site, lang);
    const entries = view.page.sections.filter((s) => (view.sectionLang.get(s.id) ?? SOURCE_LANG) === lang).flatMap((s) => s.entries);
    const marked = marker.mark(entries.map((e) => view.entryHtml.get(e.id) ?? ''), { pageTitle: view.page.title });
    entries.forEach((e, i) => entryHtml.set(e.id, marked[i]!));
  }
  return { ...view, entryHtml };
}

/** Reader routes of the directory: tree, A–Z, topic pages, wanted pages, bibliography. */
export function directoryRoutes(deps: DirectoryRouteDeps) {
  const { queries, pages } = deps;
  const app = new Hono<AppEnv>();
  const thisYear = () => (deps.clock?.() ?? new Date()).getUTCFullYear();

  const translatedTrees = new VersionMemo<DirectoryTree>(queries.contentVersion);
  /** The tree with the titles the reader's language gives its pages (tree, A–Z, children, previous and next, breadcrumbs); once per content version and language. */
  async function treeIn(site: SiteContext): Promise<DirectoryTree> {
    const { listedIn } = deps;
    if (site.lang === SOURCE_LANG || !listedIn) return queries.tree();
    return translatedTrees.get(site.lang, async () => translatedTree(await queries.tree(), site.lang, await listedIn(site.lang)));
  }

  /** The evidence map of a topic and its subtree; reads only the digests of those pages. */
  async function evidenceOf(tree: DirectoryTree, slug: string) {
    const node = tree.bySlug.get(slug);
    if (!node) return null;
    const ids: number[] = [];
    const walk = (n: typeof node) => {
      ids.push(n.id);
      n.children.forEach(walk);
    };
    walk(node);
    return buildEvidenceMap(tree, slug, digestsByPage(await queries.researchDigests(ids)));
  }

  /** The A–Z's and tree's evidence filter from the address, with each page's own evidence. */
  async function listing(c: Context<AppEnv>, tree: DirectoryTree): Promise<EvidenceListing> {
    const filter = parseEvidenceFilter(c.req.query());
    const byPage = pageEvidence(digestsByPage(await queries.researchDigests()));
    const year = thisYear();
    const staleYears = deps.staleEvidenceYears ?? 7;
    const matching = new Set(tree.order.filter((n) => matchesEvidence(byPage.get(n.id), filter, year, staleYears)).map((n) => n.id));
    return { filter, byPage, thisYear: year, staleYears, matching };
  }

  // Query parameters make their own cache entries (the fast lane serves plain addresses only); the values are checked, so the keys are few.
  /** "The evidence at a glance" for a topic page; nothing when no digest is in its part of the tree. */
  function glance(site: SiteContext, map: EvidenceMap | null) {
    return map && map.total ? <EvidenceAtAGlance site={site} map={map} thisYear={thisYear()} /> : undefined;
  }

  app.get('/directory', async (c) => {
    const key = `directory${filterQuery(parseEvidenceFilter(c.req.query()))}`;
    return (await pages.cached(c, key, async (site) => {
      const tree = await treeIn(site);
      return <DirectoryIndexPage site={site} tree={tree} listing={await listing(c, tree)} />;
    }))!;
  });

  app.get('/directory/a-z', async (c) => {
    const key = `a-z${filterQuery(parseEvidenceFilter(c.req.query()))}`;
    return (await pages.cached(c, key, async (site) => {
      const tree = await treeIn(site);
      return <AzPage site={site} tree={tree} listing={await listing(c, tree)} />;
    }))!;
  });

  app.get('/directory/:slug', async (c, next) => {
    const slug = c.req.param('slug');
    if (!SLUG_PATTERN.test(slug)) {
      // Readers type addresses by hand: "Causes-Of-Scleroderma" still finds its page.
      const lower = slug.toLowerCase();
      if (lower !== slug && SLUG_PATTERN.test(lower)) return c.redirect(pathIn(c.get('lang'), `/directory/${lower}`), 301);
      return next();
    }
    const user = c.get('user');
    if (user && deps.editorToolbar) {
      // Per-person content never goes into the cache every reader shares: render this one fresh.
      const page = await queries.page(slug);
      if (page) {
        const site = await pages.siteContext(c);
        const [tree, formatter, toolbar, news, translation, stories] = await Promise.all([
          treeIn(site), deps.citations(), deps.editorToolbar(slug, site.i18n), deps.topicNews?.(site, slug), deps.translation?.(page, site), deps.topicStories?.(site, slug),
        ]);
        // Editors follow a link to a page not written yet to write it; readers see it as text.
        const view = await withGlossary(presentTopic(page, tree, site, deps.markdown, formatter, { wantedLinks: can(user, 'page.edit'), translation }), site, deps.glossary);
        const evidence = glance(site, await evidenceOf(tree, slug));
        return pages.fresh(c, <TopicPage site={site} view={view} editing={{ user, csrfToken: c.get('csrfToken'), toolbar }} news={news} evidence={evidence} stories={stories} />);
      }
    }
    const response = await pages.cached(c, `page:${slug}`, async (site) => {
      const page = await queries.page(slug);
      if (!page) return null;
      const [tree, formatter, news, translation, stories] = await Promise.all([treeIn(site), deps.citations(), deps.topicNews?.(site, slug), deps.translation?.(page, site), deps.topicStories?.(site, slug)]);
      const evidence = glance(site, await evidenceOf(tree, slug));
      return <TopicPage site={site} view={await withGlossary(presentTopic(page, tree, site, deps.markdown, formatter, { translation }), site, deps.glossary)} news={news} evidence={evidence} stories={stories} />;
    });
    if (response) return response;
    const moved = await queries.redirectFor(slug);
    return moved ? c.redirect(pathIn(c.get('lang'), `/directory/${moved}`), 301) : next();
  });

  // The evidence map of a topic and everything under it (views/evidence-map.tsx).
  app.get('/directory/:slug/evidence', async (c, next) => {
    const slug = c.req.param('slug');
    if (!SLUG_PATTERN.test(slug)) return next();
    const response = await pages.cached(c, `evidence:${slug}`, async (site) => {
      const tree = await queries.tree();
      const map = await evidenceOf(tree, slug);
      if (!map) return null;
      const node = tree.bySlug.get(slug)!;
      const crumbs = [...directoryCrumbs(site), ...ancestry(tree, node).map((n) => ({ label: n.title, href: `/directory/${n.slug}`, lang: SOURCE_LANG }))];
      return <EvidencePage site={site} map={map} thisYear={thisYear()} breadcrumbs={crumbs} />;
    });
    if (response) return response;
    const moved = await queries.redirectFor(slug);
    return moved ? c.redirect(pathIn(c.get('lang'), `/directory/${moved}/evidence`), 301) : next();
  });

  app.get('/wanted', async (c) =>
    (await pages.cached(c, 'wanted', async (site) => <WantedPagesPage site={site} wanted={await queries.wantedPages()} />))!,
  );

  app.get('/bibliography', async (c) =>
    (await pages.cached(c, 'bibliography', async (site) => {
      const [rows, formatter] = await Promise.all([queries.bibliography(), deps.citations()]);
      const entries = rows.map((r) => ({ citation: r, html: formatter.html(r), citedBy: r.citedBy }));
      return <BibliographyPage site={site} entries={entries} />;
    }))!,
  );

  return app;
}
