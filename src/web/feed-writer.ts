/**
 * RSS 2.0, Atom 1.0 and JSON Feed 1.1 from one description of a feed,
 * written by the `feed` package and patched where it falls short: Atom gets
 * xml:lang (its issue #196), JSON Feed becomes 1.1 (version, `language`,
 * `authors` arrays). Used by the news and the stories feeds.
 */
import { Feed, type Item } from 'feed';

export type FeedFormat = 'rss' | 'atom' | 'json';

/** Each format's file name in a feed's folder (/news/feed.xml, /stories/atom.xml) and its link type. */
export const FEED_FILES: Record<FeedFormat, { file: string; type: 'application/rss+xml' | 'application/atom+xml' | 'application/feed+json' }> = {
  rss: { file: 'feed.xml', type: 'application/rss+xml' },
  atom: { file: 'atom.xml', type: 'application/atom+xml' },
  json: { file: 'feed.json', type: 'application/feed+json' },
};

export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

export interface FeedChannel {
  /** Absolute address that names the feed for good (its Atom address). */
  id: string;
  title: string;
  description: string;
  /** The page the feed follows. */
  link: string;
  /** BCP 47 tag of its words. */
  language: string;
  /** The newest "updated" of its entries (ISO); null for an empty feed. */
  updated: string | null;
  copyright: string;
  author: { name: string; link: string };
  feedLinks: Record<FeedFormat, string>;
}

export interface FeedEntry {
  item: Item;
  /** A calendar day (YYYY-MM-DD) when the entry was first published, for JSON Feed's date_published. */
  publishedDay?: string | null | undefined;
}

/** Characters XML 1.0 forbids, and a CDATA end inside text, which would end the section early. */
export function xmlSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/]]>/g, ']]&gt;');
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function writeFeed(format: FeedFormat, channel: FeedChannel, entries: readonly FeedEntry[]): string {
  const feed = new Feed({
    id: channel.id,
    title: xmlSafe(channel.title),
    description: xmlSafe(channel.description),
    link: channel.link,
    language: channel.language,
    // An empty feed still needs a date that does not change per request (or its ETag would).
    updated: new Date(channel.updated ?? '1970-01-01T00:00:00Z'),
    generator: 'atoz',
    copyright: xmlSafe(channel.copyright),
    author: { name: xmlSafe(channel.author.name), link: channel.author.link },
    feedLinks: channel.feedLinks,
  });
  for (const entry of entries) feed.addItem(entry.item);
  if (format === 'rss') return feed.rss2();
  if (format === 'atom') return feed.atom1().replace('<feed xmlns="http://www.w3.org/2005/Atom">', `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeHtml(channel.language)}">`);
  return jsonFeed11(feed.json1(), channel.language, entries);
}

/** JSON Feed 1.1 from the package's 1.0: the version, `language`, and `authors` arrays in place of `author`. */
function jsonFeed11(json: string, language: string, entries: readonly FeedEntry[]): string {
  const feed = JSON.parse(json) as Record<string, unknown> & { author?: unknown; items: Array<Record<string, unknown>> };
  const out: Record<string, unknown> = { version: 'https://jsonfeed.org/version/1.1', ...feed };
  out.version = 'https://jsonfeed.org/version/1.1';
  out.language = language;
  if (feed.author) out.authors = [feed.author];
  delete out.author;
  out.items = feed.items.map((item, i) => {
    const copy: Record<string, unknown> = { ...item };
    if (copy.author) copy.authors = [copy.author];
    delete copy.author;
    // JSON Feed wants RFC 3339 dates; "published" may be a calendar day.
    const day = entries[i]?.publishedDay;
    if (day) copy.date_published = `${day}T00:00:00Z`;
    return copy;
  });
  return JSON.stringify(out, null, 2);
}
