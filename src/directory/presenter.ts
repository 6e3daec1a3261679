import type { Child } from 'hono/jsx';
import type { Localizer } from '../i18n/localizer.js';
import type { MarkdownRenderer, RenderContext } from '../content/markdown.js';
import { normaliseCitationKey } from '../content/inline.js';
import type { Crumb } from '../web/layout.js';
import { type Lang, SOURCE_LANG } from '../i18n/languages.js';
import type { SiteContext } from '../web/site-context.js';
import { webText } from '../web/messages/index.js';
import { directoryText } from './messages/index.js';
import type { CitationView, PageView, PersonView } from './queries.js';
import { type ClinicalCode, type CodeSystem, codeLabel, codeLink, codingSystemName } from './clinical-codes.js';
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
  /** Fragments of the places that cite it (markers in the text, research digests), in page order: the reference links back to each. */
  uses: string[];
}

/** Everything the topic view shows, already decided: the view only lays it out. */
export interface TopicPresentation {
  page: PageView;
  breadcrumbs: Crumb[];
  children: TreeNode[];
  previous: TreeNode | null;
  next: TreeNode | null;
  /** Pages that link here, titled as the tree titles them (translated where the reader's language has them). */
  backlinks: Array<{ slug: string; title: string; lang: Lang }>;
  references: NumberedCitation[];
  /** Rendered Markdown by entry id, and footnotes in order. */
  entryHtml: Map<number, string>;
  footnoteHtml: string[];
  /** Oldest and newest year of the evidence the page cites. */
  evidenceYears: { from: number; to: number } | null;
  /** The page's clinical codes grouped by system, each with where to look it up. */
  codes: CodeGroup[];
  jsonLd: Record<string, unknown>;
  path: string;
  /** Languages the page's content exists in (English until it is translated). */
  languages: readonly Lang[];
  /** Language of the page's own words (title, summary); a translation's, or English. */
  contentLang: Lang;
  /** Language of each section's words, by section id (English where a translation falls back). */
  sectionLang: ReadonlyMap<number, Lang>;
  /** Said once under the byline (how much is translated, by whom), and above sections (outdated, untranslated). */
  notice: Child | null;
  sectionNotices: ReadonlyMap<number, Child>;
  /** The frame the page is shown in: its interface language words, dates and addresses (the editor's preview reuses it). */
  site: SiteContext;
  /**
   * Whether links to pages not written yet lead to writing them (signed-in
   * editors); for readers they are plain text, never a way into the editors' tools.
   */
  wantedLinks: boolean;
}

/** The fragment of a research digest's "Source" line. */
export function digestSourceAnchor(entryId: number): string {
  return `source-${entryId}`;
}

/** Where a link to a page nobody has written yet leads an editor: the new-page form, title and address filled in. */
export function writePagePath(site: SiteContext, link: { title: string; slug: string }): string {
  return site.i18n.path(`/edit?${new URLSearchParams({ title: link.title, slug: link.slug })}`);
}

export interface CodeGroup {
  system: CodeSystem;
  codes: Array<{ label: string; href: string | null }>;
}

/** Codes in the editor's order, one group per system (in the order each system first appears). */
export function groupCodes(codes: readonly ClinicalCode[]): CodeGroup[] {
  const groups = new Map<CodeSystem, CodeGroup>();
  for (const code of codes) {
    let group = groups.get(code.system);
    if (!group) groups.set(code.system, (group = { system: code.system, codes: [] }));
    group.codes.push({ label: codeLabel(code), href: codeLink(code) });
  }
  return [...groups.values()];
}

/**
 * A topic page in the reader's language (src/translations/): the page with the
 * translation's words, which languages it exists in, and what the view adds.
 */
export interface TopicTranslation {
  page: PageView;
  contentLang: Lang;
  languages: readonly Lang[];
  sectionLang: ReadonlyMap<number, Lang>;
  notice: Child | null;
  sectionNotices: ReadonlyMap<number, Child>;
  /** Added to the page's JSON-LD (inLanguage, translationOfWork, workTranslation, translator, review). */
  jsonLd: Record<string, unknown>;
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
  options: { wantedLinks?: boolean; /** The page in the reader's language (src/translations/). */ translation?: TopicTranslation } = {},
): TopicPresentation {
  const wantedLinks = options.wantedLinks ?? false;
  const translation = options.translation;
  if (translation) page = translation.page;
  const node = tree.bySlug.get(page.slug);
  const chain = node ? ancestry(tree, node) : [];
  const index = node ? tree.order.indexOf(node) : -1;
  const path = `/directory/${page.slug}`;

  const references: NumberedCitation[] = page.citations.map((citation, i) => ({
    number: i + 1,
    anchor: `ref-${i + 1}`,
    citation,
    html: citations.html(citation, site.i18n),
    uses: [],
  }));
  const byKey = new Map<string, NumberedCitation>();
  for (const r of references) {
    byKey.set(r.citation.key, r);
    if (r.citation.pmid) byKey.set(`pmid:${r.citation.pmid}`, r);
    if (r.citation.doi) byKey.set(`doi:${r.citation.doi}`, r);
  }
  const linkTargets = new Map(page.inlineLinks.map((l) => [l.targetSlug, l.resolvedSlug]));
  const linkTitles = new Map(page.inlineLinks.map((l) => [l.targetSlug, l.targetTitle]));
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
      if (resolved) return { href: site.i18n.path(`/directory/${resolved}`), wanted: false };
      return { href: wantedLinks ? writePagePath(site, { title: linkTitles.get(slug) ?? slug, slug }) : null, wanted: true };
    },
    citation(key) {
      const ref = byKey.get(normaliseCitationKey(key));
      if (!ref) return null;
      const id = `cite-${ref.number}-${ref.uses.length + 1}`;
      ref.uses.push(id);
      return { number: ref.number, anchor: ref.anchor, id };
    },
    footnote(n) {
      return n >= 1 && n <= page.footnotes.length ? `footnote-${n}` : null;
    },
  };
  const entryHtml = new Map<number, string>();
  for (const section of page.sections) {
    for (const entry of section.entries) {
      // A research digest cites its study in its "Source" line, before any marker in its text.
      const digestOf = entry.kind === 'research' && entry.citation ? references.find((r) => r.citation.id === entry.citation!.id) : undefined;
      digestOf?.uses.push(digestSourceAnchor(entry.id));
      entryHtml.set(entry.id, markdown.render(entry.body, context));
    }
  }
  const years = page.citations.map((c) => c.issuedYear).filter((y): y is number => y !== null);
  const newsYears = page.sections.flatMap((s) => s.entries.flatMap((e) => (e.publishedOn ? [Number(e.publishedOn.slice(0, 4))] : [])));
  const allYears = [...years, ...newsYears];

  const contentLang = translation?.contentLang ?? SOURCE_LANG;
  const breadcrumbs = [
    ...directoryCrumbs(site),
    ...chain.map((n) => (n.slug === page.slug ? { label: page.title, href: `/directory/${n.slug}`, lang: contentLang } : { label: n.title, href: `/directory/${n.slug}`, lang: n.lang ?? SOURCE_LANG })),
  ];
  return {
    page,
    breadcrumbs,
    children: node?.children ?? [],
    backlinks: page.backlinks.map((b) => {
      const listed = tree.bySlug.get(b.slug);
      return listed?.lang ? { slug: b.slug, title: listed.title, lang: listed.lang } : { slug: b.slug, title: b.title, lang: SOURCE_LANG };
    }),
    previous: index > 0 ? tree.order[index - 1]! : null,
    next: index >= 0 && index < tree.order.length - 1 ? tree.order[index + 1]! : null,
    references,
    entryHtml,
    footnoteHtml: page.footnotes.map((f) => markdown.renderInline(f, context)),
    evidenceYears: allYears.length ? { from: Math.min(...allYears), to: Math.max(...allYears) } : null,
    codes: groupCodes(page.codes),
    jsonLd: { ...topicJsonLd(page, site, path, breadcrumbs), ...translation?.jsonLd },
    path,
    languages: translation?.languages ?? [SOURCE_LANG],
    contentLang,
    sectionLang: translation?.sectionLang ?? new Map(),
    notice: translation?.notice ?? null,
    sectionNotices: translation?.sectionNotices ?? new Map(),
    site,
    wantedLinks,
  };
}

/** A person with what they declared: qualifications, affiliation, and (once declared) their interests and funding. */
function personJsonLd(p: PersonView, site: SiteContext): Record<string, unknown> {
  const t = site.i18n.text(directoryText);
  const interests = p.declaredOn ? [p.disclosure || t('disclosureNoConflicts'), p.funding ? `${t('disclosureFunding')} ${p.funding}` : ''].filter(Boolean).join(' ') : '';
  return {
    '@type': 'Person',
    name: p.name,
    ...(p.qualifications ? { honorificSuffix: p.qualifications } : {}),
    ...(p.affiliation ? { affiliation: { '@type': 'Organization', name: p.affiliation } } : {}),
    // schema.org has no conflict-of-interest property: the declaration is the person's description, dated.
    ...(p.declaredOn ? { description: `${interests} (${p.declaredOn})` } : {}),
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
    reviewedBy: page.reviewedBy ? personJsonLd(page.reviewedBy, site) : undefined,
    author: page.authors.map((a) => personJsonLd(a, site)),
    publisher: { '@type': 'Organization', name: site.settings.organisation },
    audience: { '@type': 'PeopleAudience', audienceType: 'Patients' },
    breadcrumb: {
      '@type': 'BreadcrumbList',
      itemListElement: crumbs.map((c, i) => ({ '@type': 'ListItem', position: i + 1, name: c.label, item: site.baseUrl + c.href })),
    },
    // What the page is about, as classifications name it: only when its editors gave codes.
    about: page.codes.length
      ? {
          '@type': 'MedicalCondition',
          code: page.codes.map((c) => ({ '@type': 'MedicalCode', codeValue: codeLabel(c), codingSystem: codingSystemName(c.system) })),
          sameAs: page.codes.flatMap((c) => codeLink(c) ?? []),
        }
      : undefined,
    citation: page.citations.map((c) => ({
      '@type': 'ScholarlyArticle',
      name: c.title,
      ...(c.doi ? { sameAs: `https://doi.org/${c.doi}` } : {}),
    })),
  };
}
