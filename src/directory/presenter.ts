import type { Localizer } from '../i18n/localizer.js';
import type { MarkdownRenderer, RenderContext } from '../content/markdown.js';
import { normaliseCitationKey } from '../content/inline.js';
import type { Crumb } from '../web/layout.js';
import { type Lang, SOURCE_LANG } from '../i18n/languages.js';
import type { SiteContext } from '../web/site-context.js';
import { webText } from '../web/messages/index.js';
import { directoryText } from './messages/index.js';
import type { CitationView, PageView } from './queries.js';
import { type DirectoryTree, type TreeNode, ancestry } from './tree.js';

/** Formats one citation as a safe HTML fragment in the site's style. */
export interface CitationHtml {
  /** The formatted citation, after any warning in the page's language (`i18n`). */
  html(citation: CitationView, i18n?: Localizer): string;
}

export interface NumberedCitation {
  number: number;
  anchor: string;
  citation: CitationView;
  html: string;
}

/** Everything the topic view shows, already decided: the view only lays it out. */
export interface TopicPresentation {
  page: PageView;
  breadcrumbs: Crumb[];
  children: TreeNode[];
  previous: TreeNode | null;
  next: TreeNode | null;
  references: NumberedCitation[];
  /** Rendered Markdown by entry id, and footnotes in order. */
  entryHtml: Map<number, string>;
  footnoteHtml: string[];
  /** Oldest and newest year of the evidence the page cites. */
  evidenceYears: { from: number; to: number } | null;
  jsonLd: Record<string, unknown>;
  path: string;
  /** Languages the page's content exists in (English until it is translated). */
  languages: readonly Lang[];
  /** The frame the page is shown in: its interface language words, dates and addresses (the editor's preview reuses it). */
  site: SiteContext;
}

export function directoryCrumbs(site: SiteContext): Crumb[] {
  return [
    { label: site.i18n.text(webText)('crumbHome'), href: '/' },
    { label: site.settings.directoryTitle, href: '/directory' },
  ];
}

export function presentTopic(
  page: PageView,
  tree: DirectoryTree,
  site: SiteContext,
  markdown: MarkdownRenderer,
  citations: CitationHtml,
): TopicPresentation {
  const node = tree.bySlug.get(page.slug);
  const chain = node ? ancestry(tree, node) : [];
  const index = node ? tree.order.indexOf(node) : -1;
  const path = `/directory/${page.slug}`;

  const references: NumberedCitation[] = page.citations.map((citation, i) => ({
    number: i + 1,
    anchor: `ref-${i + 1}`,
    citation,
    html: citations.html(citation, site.i18n),
  }));
  const byKey = new Map<string, NumberedCitation>();
  for (const r of references) {
    byKey.set(r.citation.key, r);
    if (r.citation.pmid) byKey.set(`pmid:${r.citation.pmid}`, r);
    if (r.citation.doi) byKey.set(`doi:${r.citation.doi}`, r);
  }
  const linkTargets = new Map(page.inlineLinks.map((l) => [l.targetSlug, l.resolvedSlug]));
  const t = site.i18n.text(directoryText);
  const context: RenderContext = {
    words: {
      wantedNote: t('wantedNote'),
      unknownCitation: (key) => t('unknownCitation', { key }),
      reference: (n) => t('referenceLink', { number: site.i18n.number(n) }),
      footnote: (n) => t('footnoteLink', { number: site.i18n.number(n) }),
    },
    resolveLink(slug) {
      const resolved = linkTargets.has(slug) ? linkTargets.get(slug)! : tree.bySlug.has(slug) ? slug : null;
      return resolved ? { href: site.i18n.path(`/directory/${resolved}`), wanted: false } : { href: site.i18n.path(`/wanted#${slug}`), wanted: true };
    },
    citation(key) {
      const ref = byKey.get(normaliseCitationKey(key));
      return ref ? { number: ref.number, anchor: ref.anchor } : null;
    },
    footnote(n) {
      return n >= 1 && n <= page.footnotes.length ? `footnote-${n}` : null;
    },
  };
  const entryHtml = new Map<number, string>();
  for (const section of page.sections) {
    for (const entry of section.entries) entryHtml.set(entry.id, markdown.render(entry.body, context));
  }
  const years = page.citations.map((c) => c.issuedYear).filter((y): y is number => y !== null);
  const newsYears = page.sections.flatMap((s) => s.entries.flatMap((e) => (e.publishedOn ? [Number(e.publishedOn.slice(0, 4))] : [])));
  const allYears = [...years, ...newsYears];

  const breadcrumbs = [...directoryCrumbs(site), ...chain.map((n) => ({ label: n.title, href: `/directory/${n.slug}`, lang: SOURCE_LANG }))];
  return {
    page,
    breadcrumbs,
    children: node?.children ?? [],
    previous: index > 0 ? tree.order[index - 1]! : null,
    next: index >= 0 && index < tree.order.length - 1 ? tree.order[index + 1]! : null,
    references,
    entryHtml,
    footnoteHtml: page.footnotes.map((f) => markdown.renderInline(f, context)),
    evidenceYears: allYears.length ? { from: Math.min(...allYears), to: Math.max(...allYears) } : null,
    jsonLd: topicJsonLd(page, site, path, breadcrumbs),
    path,
    languages: [SOURCE_LANG],
    site,
  };
}

function topicJsonLd(page: PageView, site: SiteContext, path: string, crumbs: Crumb[]): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'MedicalWebPage',
    name: page.title,
    headline: page.title,
    description: page.summary || undefined,
    url: site.baseUrl + path,
    inLanguage: site.settings.language,
    dateCreated: page.createdOn,
    dateModified: page.updatedOn ?? page.changedAt.slice(0, 10),
    lastReviewed: page.reviewedOn ?? undefined,
    reviewedBy: page.reviewedBy ? { '@type': 'Person', name: page.reviewedBy.name } : undefined,
    author: page.authors.map((a) => ({ '@type': 'Person', name: a.name })),
    publisher: { '@type': 'Organization', name: site.settings.organisation },
    audience: { '@type': 'PeopleAudience', audienceType: 'Patients' },
    breadcrumb: {
      '@type': 'BreadcrumbList',
      itemListElement: crumbs.map((c, i) => ({ '@type': 'ListItem', position: i + 1, name: c.label, item: site.baseUrl + c.href })),
    },
    citation: page.citations.map((c) => ({
      '@type': 'ScholarlyArticle',
      name: c.title,
      ...(c.doi ? { sameAs: `https://doi.org/${c.doi}` } : {}),
    })),
  };
}
