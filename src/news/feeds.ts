/**
 * The news feeds (RSS, Atom, JSON Feed; src/web/feed-writer.ts) of the site
 * or of one topic with its sub-pages. Addresses are absolute; an item's id
 * never changes; its updated date moves when it is corrected.
 */
import type { Item } from 'feed';
import type { MarkdownRenderer } from '../content/markdown.js';
import type { KeyOf } from '../i18n/catalogue.js';
import type { Translate } from '../i18n/localizer.js';
import { type FeedChannel, escapeHtml, writeFeed, xmlSafe } from '../web/feed-writer.js';
import type { SiteContext } from '../web/site-context.js';
import { type FeedFormat, feedPath } from './feed-links.js';
import { newsText } from './messages/index.js';
import type { NewsItemView } from './queries.js';

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

export function buildFeed(format: FeedFormat, input: FeedInput): string {
  const { site, items, topic } = input;
  const t = site.i18n.text(newsText);
  const base = site.baseUrl;
  const organisation = site.settings.organisation;
  const channel: FeedChannel = {
    id: base + feedPath('atom', topic?.slug),
    title: topic ? t('feedTitleTopic', { organisation, topic: topic.title }) : t('feedTitleSite', { organisation }),
    description: topic ? t('feedDescriptionTopic', { organisation, topic: topic.title }) : t('feedDescriptionSite', { organisation }),
    link: topic ? `${base}/news?topic=${encodeURIComponent(topic.slug)}` : `${base}/news`,
    language: site.settings.language,
    updated: input.updated,
    copyright: site.settings.copyright ?? organisation,
    author: { name: organisation, link: `${base}/` },
    feedLinks: { rss: base + feedPath('rss', topic?.slug), atom: base + feedPath('atom', topic?.slug), json: base + feedPath('json', topic?.slug) },
  };
  return writeFeed(format, channel, items.map((item) => ({ item: feedItem(item, input, t), publishedDay: item.publishedOn })));
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
