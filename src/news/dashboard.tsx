/** The news part of the editors' dashboard: items not yet published, each with its state. */
import type { DashboardPanel } from '../domain.js';
import type { PageRenderer } from '../web/page-renderer.js';
import { newsText } from './messages/index.js';
import type { NewsQueries } from './queries.js';

export function newsDashboardPanel(news: NewsQueries, pages: PageRenderer): DashboardPanel {
  return {
    async render() {
      const [site, items] = await Promise.all([pages.siteContext(), news.all()]);
      const t = site.i18n.text(newsText);
      const waiting = items.filter((i) => i.state !== 'published');
      return [
        {
          id: 'dashboard-news',
          title: t('dashTitle'),
          count: waiting.length,
          body: (
            <>
              {waiting.length ? (
                <ul>
                  {waiting.map((item) => (
                    <li>
                      <a href={`/edit/news/${item.id}`}>{item.headline}</a> ({item.state === 'review' ? (item.signOff ? t('dashSignedOff') : t('stateReview')) : t('stateDraft')})
                    </li>
                  ))}
                </ul>
              ) : (
                <p>{t('dashNone')}</p>
              )}
              <p>
                <a href="/edit/news/new">{t('editNew')}</a> · <a href="/edit/news">{t('backToList')}</a>
              </p>
            </>
          ),
        },
      ];
    },
  };
}
