import { resolve } from 'node:path';
import { createAtoz } from '../app.js';
import { loadConfig } from '../config.js';
import type { PublishingDomain } from '../publishing/domain.js';
import { type CliCommand, UsageError, parseCommandLine } from './command.js';

/** `export-data <folder>`: an open-data release of the directory, with its differences from the previous one. */
export const exportDataCommand: CliCommand = {
  summary: 'write an open-data release (pages, digests, citations, review dates as JSON and CSV, with the licence) and its diff against the previous release in the folder',
  usage:
    'export-data <folder>\n\n' +
    '  Each run adds <folder>/<UTC instant>/ with pages.json, pages.csv, digests.csv, citations.json, citations.csv,\n' +
    '  release.json (licence from site settings, SHA-256 of each file) and diff.json (added, removed and changed pages and citations).',
  async run(args) {
    const { positionals } = parseCommandLine(args, {}, true);
    const [named, ...rest] = positionals;
    if (!named || rest.length) throw new UsageError(named ? `unexpected "${rest.join(' ')}"` : 'name the folder the releases go in');
    const atoz = await createAtoz({ ...loadConfig(process.env), worker: false, publishDir: undefined }, { importIfEmpty: false });
    try {
      const publishing = atoz.domains.find((d): d is PublishingDomain => d.name === 'publishing');
      if (!publishing) throw new Error('the publishing domain is not in src/app.tsx');
      const result = await publishing.exportData(resolve(named));
      const { counts, licence } = result.release;
      const d = result.diff;
      console.log(`Open-data release ${result.release.id} in ${result.folder}: ${counts.pages} pages, ${counts.digests} digests, ${counts.citations} citations.`);
      console.log(
        d.from
          ? `Since ${d.from}: pages ${d.pages.added.length} added, ${d.pages.removed.length} removed, ${d.pages.changed.length} changed; citations ${d.citations.added.length} added, ${d.citations.removed.length} removed, ${d.citations.changed.length} changed (diff.json).`
          : 'First release in this folder: diff.json lists everything as added.',
      );
      if (!licence) console.log('No licence is stated: set "licence" in the site settings (content/site.yaml), e.g. "CC BY 4.0", so others know how they may reuse the data.');
      return 0;
    } finally {
      await atoz.close();
    }
  },
};
