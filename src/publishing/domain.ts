/**
 * Publishing: the static copy of the public site (src/publishing/publish.ts).
 * `npm run atoz -- publish <folder>` writes it once; with ATOZ_PUBLISH_DIR set,
 * every content change queues a re-publish into that folder, which rewrites
 * only the files whose bytes changed.
 */
import { z } from 'zod';
import type { Domain, DomainKernel } from '../domain.js';
import { defineJob } from '../jobs/registry.js';
import { type PublishDeps, type PublishReport, publishSite } from './publish.js';

export const PUBLISH_JOB = 'publishing.publish';

export interface PublishingDomain extends Domain {
  name: 'publishing';
  /** Writes (or brings up to date) a static copy in `folder`. */
  publish(folder: string): Promise<PublishReport>;
  /** Queue a re-publish (called after content changes; bursts become one run). */
  queuePublish(): Promise<void>;
}

export function createPublishingDomain(kernel: DomainKernel, deps: Pick<PublishDeps, 'request'>): PublishingDomain {
  const folder = kernel.config.publishDir;
  const publishDeps: PublishDeps = { request: deps.request, contributions: kernel.contributions, assets: kernel.assets };
  const job = defineJob({
    name: PUBLISH_JOB,
    payload: z.object({ requestedAt: z.string() }),
    // A large site takes a while to render: keep the lease while it runs.
    leaseMs: 10 * 60_000,
    async run({ requestedAt }) {
      if (!folder) return { skipped: 'ATOZ_PUBLISH_DIR is not set' };
      const report = await publishSite(publishDeps, folder);
      const lagMs = Date.now() - Date.parse(requestedAt);
      return { folder, files: report.files, written: report.written, removed: report.removed, ms: Math.round(report.ms), sinceChangeMs: lagMs };
    },
  });
  return {
    name: 'publishing',
    jobs: [job],
    publish: (target) => publishSite(publishDeps, target),
    async queuePublish() {
      if (!folder) return;
      await kernel.jobs.enqueue(PUBLISH_JOB, { requestedAt: new Date().toISOString() }, { key: PUBLISH_JOB });
    },
    // A server started with a folder makes sure the copy is current.
    start: async () => {
      if (folder && kernel.config.worker) await kernel.jobs.enqueue(PUBLISH_JOB, { requestedAt: new Date().toISOString() }, { key: PUBLISH_JOB });
    },
  };
}
