/**
 * Patient stories: anyone may send one (an address without an account is
 * confirmed by e-mail), with consent per purpose; moderators read each in the
 * shared queue and may edit it lightly for privacy, the storyteller approving
 * the edited text; a signed link withdraws it everywhere (a job). Only stories
 * published with publish consent reach /stories, topic pages and the sitemap;
 * they are in search (their own at /stories/search, and under the site
 * search's results) exactly while they are public, and in the stories'
 * feeds (RSS, Atom, JSON Feed) likewise.
 */
import { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import type { AppEnv } from '../accounts/context.js';
import { loadSigningKey } from '../accounts/signing-keys.js';
import type { ModerationQueueSource } from '../community/moderation/queue-sources.js';
import type { Domain, DomainKernel } from '../domain.js';
import type { SiteContext } from '../web/site-context.js';
import { storiesAccess } from './authz.js';
import type { StoriesDeps } from './deps.js';
import { storyJobs } from './jobs.js';
import { storiesPersonalData } from './personal-data.js';
import { storiesText } from './messages/index.js';
import { storyModerationRoutes } from './routes/moderation.js';
import { readerRoutes } from './routes/reader.js';
import { storytellerRoutes } from './routes/storyteller.js';
import { submitRoutes } from './routes/submit.js';
import { createStoryStore } from './store.js';
import { TopicStories } from './views/parts.js';
import { StoryResultsSection } from './views/search-pages.js';
import { withDatabaseLock } from '../db/startup-lock.js';
import { LANGS, pathIn } from '../i18n/languages.js';
import { FEED_FILES } from '../web/feed-writer.js';

/** How many stories a topic page lists. */
const ON_TOPIC = 5;

export interface StoriesDomain extends Domain {
  /** For topic pages: "Experiences from people with this condition", or null when no story is tagged with the topic or a page under it. */
  topicStories(site: SiteContext, slug: string): Promise<Child | null>;
  /** Stories waiting for a moderator, for the shared queue at /moderation. */
  moderationQueue: ModerationQueueSource;
}

export async function createStoriesDomain(kernel: DomainKernel): Promise<StoriesDomain> {
  const store = createStoryStore(kernel.db, kernel.clock);
  const deps: StoriesDeps = {
    db: kernel.db,
    pages: kernel.pages,
    markdown: kernel.markdown,
    directory: kernel.queries,
    mail: kernel.mail,
    rateLimits: kernel.rateLimits,
    jobs: kernel.jobs,
    clock: kernel.clock,
    trustProxy: kernel.config.trustProxy,
    store,
    linkKey: await loadSigningKey(kernel.db, 'story-links'),
    // The forums' key: one "form opened at" field for every community form.
    formKey: await loadSigningKey(kernel.db, 'community-forms'),
    contentChanged: kernel.contentChanged,
  };
  const routes = new Hono<AppEnv>();
  routes.route('/', submitRoutes(deps));
  routes.route('/', storytellerRoutes(deps));
  routes.route('/', storyModerationRoutes(deps));
  routes.route('/', readerRoutes(deps));

  return {
    name: 'stories',
    routes,
    access: storiesAccess,
    jobs: storyJobs(store, kernel.db, kernel.contentChanged),
    personalData: storiesPersonalData(kernel.db, store),
    async topicStories(site, slug) {
      const tree = await kernel.queries.tree();
      const node = tree.bySlug.get(slug);
      if (!node) return null;
      const ids: number[] = [];
      const walk = (n: typeof node) => {
        ids.push(n.id);
        n.children.forEach(walk);
      };
      walk(node);
      const items = await store.forPages(ids, ON_TOPIC);
      return items.length ? TopicStories({ site, items }) : null;
    },
    moderationQueue: async (site) => {
      const t = site.i18n.text(storiesText);
      const items = await store.queue();
      return { heading: t('queueStoriesHeading'), items: items.map((s) => {
          const label = t('queueStoryItem', { title: s.title, name: s.displayName });
          return { href: `/moderation/stories/${s.id}`, label: s.claimedByName ? t('queueClaimedBy', { label, name: s.claimedByName }) : label, at: s.createdAt };
        }) };
    },
    searchSources: [
      {
        async render({ text, site }) {
          const found = await store.search(text, site.lang, 1, 3);
          return found.total ? <StoryResultsSection site={site} q={text} found={found} /> : null;
        },
      },
    ],
    start: async () => {
      // Under a lock: servers starting together index each missing story once.
      await withDatabaseLock(kernel.database, 'atoz.story-search-catch-up', () => store.indexMissing());
    },
    // The static copy carries the stories' feeds in every language (src/publishing).
    publishedFiles: async () => LANGS.flatMap((lang) => (Object.values(FEED_FILES).map((f) => pathIn(lang, `/stories/${f.file}`)))),
    // Public stories only: withdrawn, expired or unpublished ones never reach the sitemap or the static copy.
    sitemap: async () => [{ path: '/stories' }, ...(await store.publicIds()).map((s) => ({ path: `/stories/${s.id}`, lastModified: (s.published_at ?? '').slice(0, 10) || undefined }))],
  };
}
