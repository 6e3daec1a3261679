/** Where the stories' feeds live, and how the stories page advertises them. */
import { FEED_FILES, type FeedFormat } from '../web/feed-writer.js';
import type { FeedLink } from '../web/layout.js';
import type { SiteContext } from '../web/site-context.js';
import { storiesText } from './messages/index.js';

/** Site path of a stories feed in the reader's language: /stories/feed.xml, /es/stories/atom.xml. */
export function storyFeedPath(site: SiteContext, format: FeedFormat): string {
  return site.i18n.path(`/stories/${FEED_FILES[format].file}`);
}

/** The three feeds with absolute addresses (feed readers fetch them from anywhere). */
export function storyFeedLinks(site: SiteContext): FeedLink[] {
  const t = site.i18n.text(storiesText);
  return (Object.keys(FEED_FILES) as FeedFormat[]).map((format) => ({
    type: FEED_FILES[format].type,
    title: t('feedLinkTitle', { organisation: site.settings.organisation, format }),
    href: site.baseUrl + storyFeedPath(site, format),
  }));
}
