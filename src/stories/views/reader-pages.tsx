import { Pager } from '../../community/views/parts.js';
import { Layout } from '../../web/layout.js';
import type { SiteContext } from '../../web/site-context.js';
import { storiesText } from '../messages/index.js';
import type { StorySummary } from '../store.js';
import { Byline, StoryList, crumbs } from './parts.js';
import { StorySearchForm } from './search-pages.js';
import { storyFeedLinks } from '../feed-links.js';

/** /stories: published stories, newest first, or an honest empty state. */
export function StoriesPage({ site, list }: { site: SiteContext; list: { items: StorySummary[]; total: number; page: number; pageCount: number } }) {
  const t = site.i18n.text(storiesText);
  return (
    <Layout site={site} title={t('storiesTitle')} description={t('storiesIntro')} path={list.page > 1 ? `/stories?page=${list.page}` : '/stories'} breadcrumbs={[{ label: t('home'), href: '/' }, { label: t('storiesTitle'), href: '/stories' }]} schemaType="CollectionPage" feeds={storyFeedLinks(site)}>
      <h1>{t('storiesTitle')}</h1>
      <p>{t('storiesIntro')}</p>
      <p>{t('storiesNotAdvice')}</p>
      <p>
        <a class="button" href={site.i18n.path('/stories/new')}>
          {t('shareYourStory')}
        </a>
      </p>
      {list.total ? <StorySearchForm site={site} /> : null}
      {list.items.length ? <StoryList site={site} items={list.items} /> : <p>{t('storiesEmpty')}</p>}
      <Pager site={site} page={list.page} pageCount={list.pageCount} href={(n) => site.i18n.path(`/stories?page=${n}`)} label={t('storiesPages')} />
    </Layout>
  );
}

export interface StoryView extends StorySummary {
  bodyHtml: string;
  /** The language it was written in (the form's). */
  lang: string;
  topics: Array<{ slug: string; title: string }>;
}

export function StoryPage({ site, story }: { site: SiteContext; story: StoryView }) {
  const t = site.i18n.text(storiesText);
  return (
    <Layout site={site} title={story.title} path={`/stories/${story.id}`} breadcrumbs={crumbs(site)} schemaType="Article">
      <article class="story">
        <h1 dir="auto" lang={story.lang === site.lang ? undefined : story.lang}>
          {story.title}
        </h1>
        <Byline site={site} story={story} />
        <p class="story-note">{t('storyNotAdvice')}</p>
        <div class="story-body" dir="auto" lang={story.lang === site.lang ? undefined : story.lang} dangerouslySetInnerHTML={{ __html: story.bodyHtml }}></div>
        {story.topics.length ? (
          <>
            <h2>{t('storyTopics')}</h2>
            <ul>
              {story.topics.map((p) => (
                <li>
                  <a href={site.i18n.path(`/directory/${p.slug}`)}>{p.title}</a>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </article>
      <p>
        <a href={site.i18n.path('/stories')}>{t('allStories')}</a>
      </p>
    </Layout>
  );
}

/** What a withdrawn (or expired) story's address says from then on. */
export function WithdrawnStoryPage({ site }: { site: SiteContext }) {
  const t = site.i18n.text(storiesText);
  return (
    <Layout site={site} title={t('withdrawnTitle')} breadcrumbs={crumbs(site)} noindex>
      <h1>{t('withdrawnTitle')}</h1>
      <p>{t('withdrawnText')}</p>
      <p>
        <a href={site.i18n.path('/stories')}>{t('allStories')}</a>
      </p>
    </Layout>
  );
}
