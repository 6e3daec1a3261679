/**
 * "Latest news on this topic" on a topic page: the newest published items
 * naming the page or a page under it. These are the page's news digests:
 * news lives in one list, and each topic shows the items that name it.
 */
import { FeedList } from './news-pages.js';
import type { FeedLink } from '../../web/layout.js';
import type { SiteContext } from '../../web/site-context.js';
import { newsText } from '../messages/index.js';
import type { NewsItemView } from '../queries.js';
import { timeTag } from './parts.js';

export function TopicNews({ site, slug, items, more, feeds }: { site: SiteContext; slug: string; items: NewsItemView[]; more: boolean; feeds: FeedLink[] }) {
  const t = site.i18n.text(newsText);
  return (
    <section class="topic-news" aria-labelledby="latest-news">
      <h2 id="latest-news">{t('latestTitle')}</h2>
      {items.map((item) => (
        <div class="entry entry-news">
          <p class="entry-kind">
            {item.source.date ? t.rich('digestSource', { outlet: item.source.outlet, date: site.i18n.date(item.source.date), time: timeTag(item.source.date) }) : t('digestSourceUndated', { outlet: item.source.outlet })}
          </p>
          <h3 class="entry-headline">
            <a href={site.i18n.path(`/news/${item.slug}`)}>{item.headline}</a>
          </h3>
          <p>{item.summary}</p>
          {item.corrections.length ? <p class="news-corrected">{t('corrected')}</p> : null}
        </div>
      ))}
      {more ? (
        <p>
          <a href={`${site.i18n.path('/news')}?topic=${encodeURIComponent(slug)}`}>{t('latestMore')}</a>
        </p>
      ) : null}
      <FeedList site={site} feeds={feeds} level={3} />
    </section>
  );
}
