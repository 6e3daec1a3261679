/**
 * Taking stories down. Withdrawal hides a story at once (store.withdraw);
 * this job finishes it on whichever server runs jobs: erases the words and
 * topic links, bumps the content version (every server's page cache, topic
 * pages, lists) and tells the static copy and the CDN (contentChanged). The
 * hourly expiry job does the same for consents whose end date has come.
 */
import { z } from 'zod';
import type { Db } from '../db/database.js';
import { defineJob } from '../jobs/registry.js';
import type { StoryStore } from './store.js';

export const TAKE_DOWN_JOB = 'stories.take-down';
export const EXPIRE_JOB = 'stories.expire-consents';

export function storyJobs(store: StoryStore, db: Db, contentChanged: () => Promise<void>) {
  const takeDown = defineJob({
    name: TAKE_DOWN_JOB,
    payload: z.object({ storyId: z.number().int().positive() }),
    async run({ storyId }) {
      const done = await db.transaction().execute((tx) => store.takeDown(tx, storyId));
      if (done) await contentChanged();
      return { takenDown: done };
    },
  });
  const expire = defineJob({
    name: EXPIRE_JOB,
    payload: z.object({}),
    everySeconds: 3600,
    async run() {
      const ids = await store.expired();
      for (const id of ids) await db.transaction().execute(async (tx) => (await store.withdraw(tx, id)) && store.takeDown(tx, id));
      if (ids.length) await contentChanged();
      return { expired: ids.length };
    },
  });
  return [takeDown, expire];
}
