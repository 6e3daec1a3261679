import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createAtoz } from '../app.js';
import { loadConfig } from '../config.js';
import { nginxConfig } from '../publishing/nginx-config.js';
import type { PublishingDomain } from '../publishing/domain.js';
import { type CliCommand, UsageError, parseCommandLine } from './command.js';

/** `publish <folder>`: the static copy of the public site, with a sample nginx configuration beside it. */
export const publishCommand: CliCommand = {
  summary: 'write the public site as static files (every page and language, assets, sitemap, downloads; .gz and .br beside each) for nginx or a CDN',
  usage:
    'publish <folder> [--live http://127.0.0.1:3000] [--listen 80]\n\n' +
    '  Writes only files whose bytes changed, each renamed into place (readers never see half a file), and removes pages that are gone.\n' +
    '  Also writes <folder>/../<folder name>.nginx.conf: it serves the folder and passes search, sign-in, editing and the API to --live.\n' +
    '  Without --live the copy searches on its own: a pagefind index per language and a search page (/static-search) that runs in the browser.\n' +
    '  Set ATOZ_PUBLISH_DIR instead to keep a folder up to date after every change while atoz runs.',
  async run(args) {
    const { values, positionals } = parseCommandLine(args, { live: { type: 'string' }, listen: { type: 'string', default: '80' } }, true);
    const [named, ...rest] = positionals;
    if (!named || rest.length) throw new UsageError(named ? `unexpected "${rest.join(' ')}"` : 'name the folder to publish into');
    if (values.live !== undefined && !/^https?:\/\/[^/]+$/.test(values.live)) throw new UsageError('--live takes the live server as http(s)://host:port, without a path');
    const folder = resolve(named);
    // No jobs here, no import: publish what the database has.
    const atoz = await createAtoz({ ...loadConfig(process.env), worker: false, publishDir: undefined }, { importIfEmpty: false });
    try {
      const publishing = atoz.domains.find((d): d is PublishingDomain => d.name === 'publishing');
      if (!publishing) throw new Error('the publishing domain is not in src/app.tsx');
      const report = await publishing.publish(folder, { search: values.live === undefined ? 'static' : 'live' });
      const confFile = `${folder.replace(/\/+$/, '')}.nginx.conf`;
      writeFileSync(confFile, nginxConfig({ root: folder, listen: values.listen, liveServer: values.live }));
      console.log(
        `Published ${report.files} files into ${folder} in ${(report.ms / 1000).toFixed(1)} s: ${report.written} written, ${report.unchanged} unchanged, ${report.removed} removed.`,
      );
      for (const s of report.skipped) console.log(`  not published: ${s.path} answered ${s.status}`);
      console.log(`nginx configuration: ${confFile} (nginx -c ${confFile})`);
      return 0;
    } finally {
      await atoz.close();
    }
  },
};
