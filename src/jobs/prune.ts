import { z } from 'zod';
import { defineJob } from './registry.js';

const KEEP_DAYS = 30;

/** Housekeeping: forgets finished one-off jobs a month after their last run, so the table stays small. */
export const pruneFinishedJobs = defineJob({
  name: 'jobs.prune',
  payload: z.object({}),
  everySeconds: 24 * 60 * 60,
  async run(_payload, { db }) {
    const before = new Date(Date.now() - KEEP_DAYS * 86_400_000).toISOString();
    const result = await db
      .deleteFrom('jobs')
      .where('interval_seconds', 'is', null)
      .where('run_at', 'is', null)
      .where('locked_until', 'is', null)
      .where('last_run_at', '<', before)
      .executeTakeFirst();
    return { deleted: Number(result.numDeletedRows) };
  },
});
