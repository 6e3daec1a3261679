/**
 * RSS 2.0, Atom 1.0 and JSON Feed 1.1 of the site's news or of one topic
 * (with its sub-pages), written by the `feed` package and patched where it
 * falls short: Atom gets xml:lang (its issue #196), JSON Feed becomes 1.1
 * (version, `language`, `authors` arrays). Addresses are absolute; an item's
 * id never changes; its updated date moves when it is corrected.
 */
import { Feed, type Item } from 'feed';
import type { MarkdownRenderer } from '../content/markdown.js';
import type { KeyOf } from '../i18n/catalogue.js';
import type { Translate } from '../i18n/localizer.js';
import type { SiteContext } from '../web/site-context.js';
import { type FeedFormat, feedPath } from './feed-links.js';
import { newsText } from './messages/index.js';
import type { NewsItemView } from './queries.js';

export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

/** How many items a feed carries: the newest. */
export const FEED_SIZE = 50;

export interface FeedInput {
  site: SiteContext;
  items: NewsItemView[];
  topic?: { slug: string; title: string } | undefined;
  /** The newest "updated" of the items (ISO); null for an empty feed. */
  updated: string | null;
  /** Renders an item's Markdown body; links point at absolute addresses. */
  markdown: MarkdownRenderer;
  /** Slugs of directory pages that exist (so [[links]] to missing pages show as such). */
  pageExists(slug: string): boolean;
}

/** Characters XML 1.0 forbids, and a CDATA end inside text, which would end the section early. */
function xmlSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/]]>/g, ']]&gt;');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function buildFeed(format: FeedFormat, input: FeedInput): string {
  const { site, items, topic } = input;
  const t = site.i18n.text(newsText);
  const base = site.baseUrl;
  const organisation = site.settings.organisation;
  const language = site.settings.language;
  const home = topic ? `${base}/news?topic=${encodeURIComponent(topic.slug)}` : `${base}/news`;
  const feed = new Feed({
    id: base + feedPath('atom', topic?.slug),
    title: xmlSafe(topic ? t('feedTitleTopic', { organisation, topic: topic.title }) : t('feedTitleSite', { organisation })),
    description: xmlSafe(topic ? t('feedDescriptionTopic', { organisation, topic: topic.title }) : t('feedDescriptionSite', { organisation })),
    link: home,
    language,
    // An empty feed still needs a date that does not change per request (or its ETag would).
    updated: new Date(input.updated ?? '1970-01-01T00:00:00Z'),
    generator: 'atoz',
    copyright: xmlSafe(site.settings.copyright ?? organisation),
    author: { name: xmlSafe(organisation), link: `${base}/` },
    feedLinks: { rss: base + feedPath('rss', topic?.slug), atom: base + feedPath('atom', topic?.slug), json: base + feedPath('json', topic?.slug) },
  });
  for (const item of items) feed.addItem(feedItem(item, input, t));

  if (format === 'rss') return feed.rss2();
  if (format === 'atom') return feed.atom1().replace('<feed xmlns="http://www.w3.org/2005/Atom">', `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeHtml(language)}">`);
  return jsonFeed11(feed.json1(), language, items);
}

function feedItem(item: NewsItemView, input: FeedInput, t: Translate<KeyOf<typeof newsText>>): Item {
  const { site } = input;
  const url = `${site.baseUrl}/news/${item.slug}`;
  const corrections = item.corrections.map((c) => `<p><strong>${escapeHtml(t('feedCorrection', { date: site.i18n.date(c.at.slice(0, 10)), note: c.note }))}</strong></p>`);
  const body = item.body
    ? input.markdown.render(item.body, {
        resolveLink: (slug) => ({ href: `${site.baseUrl}/directory/${slug}`, wanted: !input.pageExists(slug) }),
        citation: () => null,
        footnote: () => null,
      })
    : '';
  const source = `<p>${escapeHtml(item.source.date ? t('feedSource', { outlet: item.source.outlet, date: site.i18n.date(item.source.date) }) : t('sourceLine', { outlet: item.source.outlet }))}</p>`;
  const published = new Date(`${item.publishedOn ?? item.createdAt.slice(0, 10)}T00:00:00Z`);
  return {
    title: xmlSafe(item.headline),
    id: url,
    link: url,
    guid: url,
    description: xmlSafe(item.summary),
    content: xmlSafe([...corrections, `<p>${escapeHtml(item.summary)}</p>`, body, source].join('\n')),
    // "updated": a correction moves it, so feed readers show the item again.
    date: new Date(item.updatedAt),
    published,
    author: item.author ? [{ name: xmlSafe(item.author.name) }] : undefined,
    category: item.topics.map((topic) => ({ name: xmlSafe(topic.title), term: xmlSafe(topic.title), domain: `${site.baseUrl}/directory/${topic.slug}` })),
  };
}

/** JSON Feed 1.1 from the package's 1.0: the version, `language`, and `authors` arrays in place of `author`. */
function jsonFeed11(json: string, language: string, items: NewsItemView[]): string {
  const feed = JSON.parse(json) as Record<string, unknown> & { author?: unknown; items: Array<Record<string, unknown>> };
  const out: Record<string, unknown> = { version: 'https://jsonfeed.org/version/1.1', ...feed };
  out.version = 'https://jsonfeed.org/version/1.1';
  out.language = language;
  if (feed.author) out.authors = [feed.author];
  delete out.author;
  out.items = feed.items.map((entry, i) => {
    const copy: Record<string, unknown> = { ...entry };
    if (copy.author) copy.authors = [copy.author];
    delete copy.author;
    // JSON Feed wants RFC 3339 dates; "published" is a calendar day here.
    if (items[i]?.publishedOn) copy.date_published = `${items[i]!.publishedOn}T00:00:00Z`;
    return copy;
  });
  return JSON.stringify(out, null, 2);
}
