/** Reader pages of news: the list (/news, filtered by topic and year) and one item (/news/<slug>). */
import { raw } from 'hono/html';
import { StudyTypeBadge } from '../../citations/views/evidence.js';
import { type FeedLink, Layout } from '../../web/layout.js';
import type { SiteContext } from '../../web/site-context.js';
import { newsText } from '../messages/index.js';
import type { NewsItemView, NewsPage } from '../queries.js';
import { NewsCard, timeTag } from './parts.js';

export interface NewsListFilter {
  topic?: { slug: string; title: string } | undefined;
  year?: number | undefined;
}

/** The address of one page of the list with this filter ("/news?topic=x&year=2013&page=2"). */
export function listHref(site: SiteContext, filter: NewsListFilter, page = 1): string {
  const query = new URLSearchParams();
  if (filter.topic) query.set('topic', filter.topic.slug);
  if (filter.year !== undefined) query.set('year', String(filter.year));
  if (page > 1) query.set('page', String(page));
  const q = query.toString();
  return site.i18n.path('/news') + (q ? `?${q}` : '');
}

export function NewsListPage(props: {
  site: SiteContext;
  list: NewsPage;
  filter: NewsListFilter;
  topicOptions: Array<{ slug: string; title: string; depth: number }>;
  years: number[];
  feeds: FeedLink[];
}) {
  const { site, list, filter } = props;
  const t = site.i18n.text(newsText);
  const title = filter.topic ? t('newsOnTopicTitle', { topic: filter.topic.title }) : filter.year !== undefined ? t('newsInYear', { year: site.i18n.year(filter.year) }) : t('newsTitle');
  const filtered = filter.topic !== undefined || filter.year !== undefined;
  return (
    <Layout site={site} title={title} path="/news" schemaType="CollectionPage" feeds={props.feeds} noindex={filtered || list.page > 1} breadcrumbs={filtered ? [{ label: t('newsTitle'), href: '/news' }] : undefined}>
      <h1>{title}</h1>
      <p class="lead">{filter.topic ? t('newsOnTopicIntro', { topic: filter.topic.title }) : t('newsIntro')}</p>

      <form class="news-filter" method="get" action={site.i18n.path('/news')}>
        <fieldset>
          <legend>{t('filterLegend')}</legend>
          <div class="field">
            <label for="news-topic">{t('filterTopic')}</label>
            <select id="news-topic" name="topic">
              <option value="">{t('filterAnyTopic')}</option>
              {props.topicOptions.map((o) => (
                <option value={o.slug} selected={filter.topic?.slug === o.slug}>
                  {'\u00a0\u00a0'.repeat(o.depth)}
                  {o.title}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="news-year">{t('filterYear')}</label>
            <select id="news-year" name="year">
              <option value="">{t('filterAnyYear')}</option>
              {props.years.map((y) => (
                <option value={String(y)} selected={filter.year === y}>
                  {site.i18n.year(y)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class="button">
            {t('filterButton')}
          </button>
          {filtered ? (
            <p>
              <a href={site.i18n.path('/news')}>{t('filterClear')}</a>
            </p>
          ) : null}
        </fieldset>
      </form>

      <p class="result-count" role="status">
        {t('resultCount', { count: list.total })}
      </p>
      {list.items.length ? (
        <div class="news-list">
          {list.items.map((item) => (
            <NewsCard site={site} item={item} />
          ))}
        </div>
      ) : (
        <p>{t('noNews')}</p>
      )}

      {list.pageCount > 1 ? (
        <nav class="pagination" aria-label={t('pagination')}>
          <p>{t('pageOf', { page: list.page, pages: list.pageCount })}</p>
          <ul>
            {list.page > 1 ? (
              <li>
                <a href={listHref(site, filter, list.page - 1)} rel="prev">
                  {t('previousPage')}
                </a>
              </li>
            ) : null}
            {list.page < list.pageCount ? (
              <li>
                <a href={listHref(site, filter, list.page + 1)} rel="next">
                  {t('nextPage')}
                </a>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}

      <FeedList site={site} feeds={props.feeds} />
    </Layout>
  );
}

/** The feeds of a list, as visible links too (not every reader knows about <link rel="alternate">). */
export function FeedList({ site, feeds, level = 2 }: { site: SiteContext; feeds: FeedLink[]; level?: 2 | 3 }) {
  const t = site.i18n.text(newsText);
  const labels: Record<FeedLink['type'], string> = { 'application/rss+xml': t('feedRss'), 'application/atom+xml': t('feedAtom'), 'application/feed+json': t('feedJson') };
  return (
    <section class="news-feeds" aria-labelledby="news-feeds-title">
      {level === 2 ? <h2 id="news-feeds-title">{t('feedsTitle')}</h2> : <h3 id="news-feeds-title">{t('feedsTitle')}</h3>}
      <ul>
        {feeds.map((f) => (
          <li>
            <a href={f.href} type={f.type}>
              {labels[f.type]}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function NewsItemPage({ site, item, bodyHtml, citationHtml }: { site: SiteContext; item: NewsItemView; bodyHtml: string; citationHtml: string | null }) {
  const t = site.i18n.text(newsText);
  const published = item.publishedOn ?? item.createdAt.slice(0, 10);
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: item.headline,
    description: item.summary,
    datePublished: published,
    dateModified: item.updatedAt,
    inLanguage: site.settings.language,
    url: `${site.baseUrl}/news/${item.slug}`,
    ...(item.author ? { author: { '@type': 'Person', name: item.author.name } } : {}),
    publisher: { '@type': 'Organization', name: site.settings.organisation },
  };
  return (
    <Layout site={site} title={item.headline} description={item.summary} path={`/news/${item.slug}`} jsonLd={jsonLd} breadcrumbs={[{ label: t('newsTitle'), href: '/news' }]}>
      <article class="news-item" aria-labelledby="news-title">
        <h1 id="news-title">{item.headline}</h1>
        <p class="news-date">{t.rich('publishedOn', { date: site.i18n.date(published), time: timeTag(published) })}</p>
        <p class="byline-line">{item.author ? (item.author.role ? t('bylineRole', { name: item.author.name, role: item.author.role }) : t('byline', { name: item.author.name })) : t('bylineNone')}</p>

        {item.corrections.length ? (
          <aside class="news-corrections notice" aria-labelledby="corrections-title">
            <h2 id="corrections-title">{t('correctionsTitle')}</h2>
            <ul>
              {item.corrections.map((c) => (
                <li>{t.rich('correctionNote', { date: site.i18n.date(c.at.slice(0, 10)), note: c.note, time: timeTag(c.at.slice(0, 10)) })}</li>
              ))}
            </ul>
          </aside>
        ) : null}

        <p class="lead">{item.summary}</p>
        {bodyHtml ? <div class="news-body">{raw(bodyHtml)}</div> : null}

        <section class="news-source-details" aria-labelledby="source-title">
          <h2 id="source-title">{t('itemSource')}</h2>
          <dl>
            <div>
              <dt>{t('sourceOutlet')}</dt>
              <dd>{item.source.outlet}</dd>
            </div>
            <div>
              <dt>{t('sourceHeadline')}</dt>
              <dd>{item.source.headline ?? t('sourceHeadlineUnknown')}</dd>
            </div>
            <div>
              <dt>{t('sourceDate')}</dt>
              <dd>{item.source.date ? <time datetime={item.source.date}>{site.i18n.date(item.source.date)}</time> : t('sourceDateUnknown')}</dd>
            </div>
          </dl>
          <p>{item.source.url ? <a href={item.source.url}>{t('sourceLink')}</a> : t('sourceNotLinked')}</p>
          {item.citation ? (
            <div class="news-study">
              <h3>{t('studyLabel')}</h3>
              <StudyTypeBadge pubTypes={item.citation.pubTypes} />
              {citationHtml ? <p>{raw(citationHtml)}</p> : <p>{item.citation.title}</p>}
            </div>
          ) : null}
        </section>

        <section class="behind-headlines" aria-labelledby="behind-title">
          <h2 id="behind-title">{t('behindTitle')}</h2>
          <dl>
            <div>
              <dt>{t('behindWhat')}</dt>
              <dd>{item.study.what || t('behindMissing')}</dd>
            </div>
            <div>
              <dt>{t('behindSize')}</dt>
              <dd>{item.study.size || t('behindMissing')}</dd>
            </div>
            <div>
              <dt>{t('behindLimits')}</dt>
              <dd>{item.study.limits || t('behindMissing')}</dd>
            </div>
          </dl>
          {item.signOff ? (
            <p class="sign-off">{t.rich('signedOff', { name: item.signOff.by, date: site.i18n.date(item.signOff.on), time: timeTag(item.signOff.on) })}</p>
          ) : (
            <p class="sign-off">
              <strong class="warning-text">{t('notSignedOff')}</strong>
            </p>
          )}
        </section>

        <section class="news-topics-section" aria-labelledby="topics-title">
          <h2 id="topics-title">{t('itemTopics')}</h2>
          {item.topics.length ? (
            <ul>
              {item.topics.map((topic) => (
                <li>
                  <a href={site.i18n.path(`/directory/${topic.slug}`)}>{topic.title}</a>
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('itemNoTopics')}</p>
          )}
        </section>
        <p>
          <a href={site.i18n.path('/news')}>{t('allNews')}</a>
        </p>
      </article>
      <p class="disclaimer-note">{t.rich('disclaimer', { link: (chunks) => <a href={site.i18n.path('/disclaimer')}>{chunks}</a> })}</p>
    </Layout>
  );
}
