import type { AuthzRequests } from '../../accounts/test-support/authz-requests.js';
import { guardFields } from '../../community/test-support/community.js';
import { makeStory, storyLink } from './stories.js';

let seq = 0;
const fresh = () => `${process.pid}-${Date.now().toString(36)}-${++seq}`;

/** Requests for src/stories/authz.ts. */
export const storiesRequests: AuthzRequests = {
  'GET /stories/new': async () => ({ path: '/stories/new' }),
  'POST /stories/new': async (ctx) => ({
    path: '/stories/new',
    body: { ...(await guardFields(ctx.db)), title: 'Cold mornings', body: 'What helped me.', displayName: 'Heron', nameKind: 'pseudonym', country: '', email: `story-${fresh()}@example.org`, 'consent-publish': '1' },
  }),
  'GET /stories/:id/confirm/:signature': async (ctx) => ({ path: await storyLink(ctx.db, 'confirm', await makeStory(ctx.db, { status: 'unconfirmed' })) }),
  'POST /stories/:id/confirm/:signature': async (ctx) => ({ path: await storyLink(ctx.db, 'confirm', await makeStory(ctx.db, { status: 'unconfirmed' })), body: {} }),
  'GET /stories/:id/review/:signature': async (ctx) => ({ path: await storyLink(ctx.db, 'review', await makeStory(ctx.db, { status: 'awaiting-storyteller' })) }),
  'POST /stories/:id/review/:signature': async (ctx) => ({ path: await storyLink(ctx.db, 'review', await makeStory(ctx.db, { status: 'awaiting-storyteller' })), body: {} }),
  'GET /stories/:id/withdraw/:signature': async (ctx) => ({ path: await storyLink(ctx.db, 'withdraw', await makeStory(ctx.db, { status: 'published' })) }),
  'POST /stories/:id/withdraw/:signature': async (ctx) => ({ path: await storyLink(ctx.db, 'withdraw', await makeStory(ctx.db, { status: 'published' })), body: {} }),
  'GET /moderation/stories/:id': async (ctx) => ({ path: `/moderation/stories/${await makeStory(ctx.db)}` }),
  'POST /moderation/stories/:id/claim': async (ctx) => ({ path: `/moderation/stories/${await makeStory(ctx.db)}/claim`, body: {} }),
  'POST /moderation/stories/:id/approve': async (ctx) => ({ path: `/moderation/stories/${await makeStory(ctx.db)}/approve`, body: {} }),
  'POST /moderation/stories/:id/reject': async (ctx) => ({ path: `/moderation/stories/${await makeStory(ctx.db)}/reject`, body: {} }),
};
