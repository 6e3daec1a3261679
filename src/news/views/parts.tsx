/** Pieces the news views share: one item in a list, its source line, its topics. */
import type { SiteContext } from '../../web/site-context.js';
import { newsText } from '../messages/index.js';
import type { NewsItemView } from '../queries.js';

/** A date inside a message: `<time>` in the message becomes a <time datetime> element. */
export function timeTag(iso: string) {
  return (chunks: unknown[]) => <time datetime={iso}>{chunks}</time>;
}

/** "Reported by EurekAlert, 20 November 2012". */
export function SourceLine({ site, item }: { site: SiteContext; item: NewsItemView }) {
  const t = site.i18n.text(newsText);
  const { outlet, date } = item.source;
  return (
    <p class="news-source">
      {date ? t.rich('sourceLineDated', { outlet, date: site.i18n.date(date), time: timeTag(date) }) : t('sourceLine', { outlet })}
    </p>
  );
}

/** One item in a list: headline (link), date, summary, source, topics, and whether it was corrected. */
export function NewsCard({ site, item, headingLevel = 2 }: { site: SiteContext; item: NewsItemView; headingLevel?: 2 | 3 }) {
  const t = site.i18n.text(newsText);
  const link = <a href={site.i18n.path(`/news/${item.slug}`)}>{item.headline}</a>;
  return (
    <article class="news-card">
      {headingLevel === 2 ? <h2>{link}</h2> : <h3>{link}</h3>}
      {item.publishedOn ? <p class="news-date">{t.rich('publishedOn', { date: site.i18n.date(item.publishedOn), time: timeTag(item.publishedOn) })}</p> : null}
      <p>{item.summary}</p>
      <SourceLine site={site} item={item} />
      {item.corrections.length ? <p class="news-corrected">{t('corrected')}</p> : null}
      {item.topics.length ? (
        <p class="news-topics">
          {t('topicsLabel')}{' '}
          {item.topics.map((topic, i) => (
            <>
              {i > 0 ? ', ' : ''}
              <a href={site.i18n.path(`/directory/${topic.slug}`)}>{topic.title}</a>
            </>
          ))}
        </p>
      ) : null}
    </article>
  );
}
