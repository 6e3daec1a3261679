import { createAtoz } from '../app.js';
import { loadConfig } from '../config.js';
import { type CliCommand, UsageError, parseCommandLine } from './command.js';

/** `jobs run` runs due background jobs once (cron, or servers started with ATOZ_WORKER=0); `jobs list` shows them. */
export const jobsCommand: CliCommand = {
  summary: 'background jobs: "run" runs every due job once and exits; "list" shows each job\'s state',
  usage: 'jobs run | jobs list',
  async run(args) {
    const [action, ...rest] = parseCommandLine(args, {}, true).positionals;
    if ((action !== 'run' && action !== 'list') || rest.length) throw new UsageError(action ? `unknown jobs action "${[action, ...rest].join(' ')}"` : 'say "run" or "list"');
    // The same wiring as the server, so every domain's handlers are registered; no in-process worker, no demo import.
    const atoz = await createAtoz(loadConfig(process.env, { worker: false }), { importIfEmpty: false });
    try {
      if (action === 'list') {
        const jobs = await atoz.jobs.queue.list();
        if (!jobs.length) console.log('No jobs.');
        for (const j of jobs) {
          const when = j.status === 'scheduled' ? ` next ${j.runAt}` : j.status === 'running' ? ` by ${j.lockedBy}` : '';
          const every = j.intervalSeconds ? ` every ${j.intervalSeconds} s` : '';
          const last = j.lastRunAt ? `; last run ${j.lastRunAt}${j.lastError ? ` FAILED (${j.attempts} attempts): ${j.lastError}` : ''}` : '';
          console.log(`${j.key}  ${j.status}${every}${when}${last}`);
        }
        return 0;
      }
      const reports = await atoz.jobs.worker.runDue();
      if (!reports.length) console.log('No jobs were due.');
      for (const r of reports) console.log(`${r.ok ? 'ok    ' : 'FAILED'} ${r.key} (${r.ms} ms): ${r.detail}`);
      return reports.some((r) => !r.ok) ? 1 : 0;
    } finally {
      await atoz.close();
    }
  },
};
