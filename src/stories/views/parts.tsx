import type { CurrentUser } from '../../accounts/context.js';
import type { SiteContext } from '../../web/site-context.js';
import { storiesText } from '../messages/index.js';
import type { StorySummary } from '../store.js';

/** What every stories page needs for its frame. */
export interface StoriesFrame {
  site: SiteContext;
  user: CurrentUser | null;
  csrfToken: string;
}

export function crumbs(site: SiteContext, ...more: Array<{ label: string; href: string }>) {
  const t = site.i18n.text(storiesText);
  return [{ label: t('home'), href: '/' }, { label: t('storiesTitle'), href: '/stories' }, ...more];
}

/** "By Heron, France · 2 December 2026". */
export function Byline({ site, story }: { site: SiteContext; story: Pick<StorySummary, 'displayName' | 'country' | 'publishedAt'> }) {
  const t = site.i18n.text(storiesText);
  return (
    <p class="story-byline">
      <span dir="auto">{story.country ? t('bylineWithCountry', { name: story.displayName, country: story.country }) : t('byline', { name: story.displayName })}</span>
      {story.publishedAt ? (
        <>
          {' · '}
          <time datetime={story.publishedAt.slice(0, 10)}>{site.i18n.date(story.publishedAt.slice(0, 10))}</time>
        </>
      ) : null}
    </p>
  );
}

export function StoryList({ site, items }: { site: SiteContext; items: StorySummary[] }) {
  return (
    <ul class="story-list">
      {items.map((s) => (
        <li>
          <a href={site.i18n.path(`/stories/${s.id}`)} dir="auto">
            {s.title}
          </a>
          <Byline site={site} story={s} />
        </li>
      ))}
    </ul>
  );
}

/** "Experiences from people with this condition" on a topic page: only when there are some. */
export function TopicStories({ site, items }: { site: SiteContext; items: StorySummary[] }) {
  const t = site.i18n.text(storiesText);
  if (!items.length) return null;
  return (
    <section class="topic-stories" aria-labelledby="topic-stories">
      <h2 id="topic-stories">{t('topicStoriesTitle')}</h2>
      <p>{t('topicStoriesIntro')}</p>
      <StoryList site={site} items={items} />
      <p>
        <a href={site.i18n.path('/stories')}>{t('topicStoriesAll')}</a>
      </p>
    </section>
  );
}
