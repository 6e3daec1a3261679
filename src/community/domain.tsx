/**
 * The community: members who sign up themselves under a pseudonym, forums
 * (categories, topics, replies), the moderation checks every post passes, the
 * moderators' review queue, and flags. Members-only categories are never in
 * the sitemap (so never in the static copy), feeds or search, and send noindex.
 */
import { Hono } from 'hono';
import type { AccountsDeps } from '../accounts/deps.js';
import type { AppEnv } from '../accounts/context.js';
import { loadSigningKey } from '../accounts/signing-keys.js';
import { withDatabaseLock } from '../db/startup-lock.js';
import { type Domain, type DomainKernel, adminLink } from '../domain.js';
import { can } from '../accounts/permissions.js';
import { communityAccess } from './authz.js';
import type { CommunityDeps } from './deps.js';
import { importCommunityContent } from './demo.js';
import type { ModerationQueueSource } from './moderation/queue-sources.js';
import { createFollowing } from './following.js';
import { type Forums, createForums } from './forums.js';
import { createMemberStore } from './members.js';
import { createForumSearch } from './search.js';
import { communityText } from './messages/index.js';
import { followRoutes } from './routes/following.js';
import { forumRoutes } from './routes/forums.js';
import { joinRoutes } from './routes/join.js';
import { memberRoutes } from './routes/member.js';
import { moderationRoutes } from './routes/moderation.js';
import { moderatorToolRoutes } from './routes/moderator-tools.js';
import { memberSanctionRoutes } from './routes/member-sanctions.js';
import { evidenceRoutes } from './routes/evidence.js';
import { settingsRoutes } from './routes/settings.js';
import { ForumResultsSection } from './views/forum-search.js';

export interface CommunityDomain extends Domain {
  forums: Forums;
}

export async function createCommunityDomain(kernel: DomainKernel, needs: { accounts: AccountsDeps; queueSources?: readonly ModerationQueueSource[] }): Promise<CommunityDomain> {
  const forums = createForums(kernel.db, kernel.clock);
  const deps: CommunityDeps = {
    db: kernel.db,
    pages: kernel.pages,
    markdown: kernel.markdown,
    directory: kernel.queries,
    mail: kernel.mail,
    rateLimits: kernel.rateLimits,
    clock: kernel.clock,
    trustProxy: kernel.config.trustProxy,
    accounts: needs.accounts,
    forums,
    search: createForumSearch(kernel.db),
    members: createMemberStore(kernel.db, kernel.clock),
    following: createFollowing(kernel.db, await loadSigningKey(kernel.db, 'community-follows'), kernel.clock),
    formKey: await loadSigningKey(kernel.db, 'community-forms'),
    queueSources: needs.queueSources ?? [],
    personalData: () => kernel.contributions.personalData(),
    contentChanged: kernel.contentChanged,
  };
  const routes = new Hono<AppEnv>();
  routes.route('/', joinRoutes(deps));
  routes.route('/', memberRoutes(deps));
  routes.route('/', moderationRoutes(deps));
  routes.route('/', moderatorToolRoutes(deps));
  routes.route('/', memberSanctionRoutes(deps));
  routes.route('/', evidenceRoutes(deps));
  routes.route('/', settingsRoutes(deps));
  routes.route('/', followRoutes(deps));
  routes.route('/', forumRoutes(deps));

  return {
    name: 'community',
    forums,
    routes,
    access: communityAccess,
    // For admins (/admin is theirs); moderators reach the queue from the bar above every page.
    adminLinks: [
      adminLink(communityText, { href: '/moderation', label: 'adminLinkModeration', description: 'adminLinkModerationDescription', visibleTo: (u) => can(u, 'forum.moderate') && can(u, 'settings.edit') }),
      adminLink(communityText, { href: '/admin/community', label: 'adminLinkSettings', description: 'adminLinkSettingsDescription', visibleTo: (u) => can(u, 'settings.edit') }),
    ],
    searchSources: [
      {
        async render({ text, user, site }) {
          const found = await deps.search.search({ text, lang: site.lang, signedIn: user !== null, page: 1, perPage: 3 });
          return found.total ? <ForumResultsSection site={site} q={text} found={found} /> : null;
        },
      },
    ],
    // Under a lock: servers starting together import the demo's categories and index each missing post once.
    start: () =>
      withDatabaseLock(kernel.database, 'atoz.community-start', async () => {
        await importCommunityContent(kernel.db, forums, kernel.config.contentDir);
        await deps.search.catchUp();
      }),
    // Only public categories and their visible topics: members-only conversations never reach the sitemap or the static copy.
    sitemap: async () => [
      { path: '/forums' },
      ...(await forums.publicCategories()).map((c) => ({ path: `/forums/${c.slug}` })),
      ...(await forums.publicTopics()).map((t) => ({ path: `/forums/topics/${t.id}`, lastModified: t.last_post_at.slice(0, 10) })),
    ],
  };
}
