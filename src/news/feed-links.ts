/** Where the news feeds live, and how pages advertise them. */
import { FEED_FILES, type FeedFormat } from '../web/feed-writer.js';
import type { FeedLink } from '../web/layout.js';
import type { SiteContext } from '../web/site-context.js';
import { newsText } from './messages/index.js';

export { FEED_FILES, type FeedFormat };

/** Site path of a feed: the whole site's (/news/feed.xml) or one topic's with its sub-pages (/news/topics/<slug>/feed.xml). */
export function feedPath(format: FeedFormat, topicSlug?: string): string {
  return topicSlug ? `/news/topics/${topicSlug}/${FEED_FILES[format].file}` : `/news/${FEED_FILES[format].file}`;
}

/** The three feeds of the site or of one topic, with absolute addresses (feed readers fetch them from anywhere). */
export function feedLinks(site: SiteContext, topic?: { slug: string; title: string }): FeedLink[] {
  const t = site.i18n.text(newsText);
  const name = topic ? t('feedTitleTopic', { organisation: site.settings.organisation, topic: topic.title }) : t('feedTitleSite', { organisation: site.settings.organisation });
  const label = { rss: t('feedRss'), atom: t('feedAtom'), json: t('feedJson') };
  return (Object.keys(FEED_FILES) as FeedFormat[]).map((format) => ({
    type: FEED_FILES[format].type,
    title: `${name} (${label[format]})`,
    href: site.baseUrl + feedPath(format, topic?.slug),
  }));
}
