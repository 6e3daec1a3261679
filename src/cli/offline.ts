import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createAtoz } from '../app.js';
import { loadConfig } from '../config.js';
import { LANGS, isLang } from '../i18n/languages.js';
import type { PublishingDomain } from '../publishing/domain.js';
import { OfflinePackError } from '../publishing/offline-pack.js';
import { type CliCommand, UsageError, parseCommandLine } from './command.js';

/** `offline <file.zip> --topic <slug> --lang <lang>`: a topic and its pages as one ZIP that works without internet. */
export const offlineCommand: CliCommand = {
  summary: 'write one ZIP of a topic and every page under it in one language, with relative links, print styles and the static search, for use offline',
  usage:
    `offline <file.zip> --topic <slug> [--lang ${LANGS.join('|')}]\n\n` +
    '  Unzip and open index.html. The pages work opened from disk; the search needs the folder served over http\n' +
    '  (python3 -m http.server in it, for example): browsers do not run it from file:// addresses.',
  async run(args) {
    const { values, positionals } = parseCommandLine(args, { topic: { type: 'string' }, lang: { type: 'string', default: 'en' } }, true);
    const [named, ...rest] = positionals;
    if (!named || rest.length) throw new UsageError(named ? `unexpected "${rest.join(' ')}"` : 'name the ZIP file to write');
    if (!named.endsWith('.zip')) throw new UsageError('the file name must end in .zip');
    if (!values.topic) throw new UsageError('name the topic with --topic <slug> (the page address after /directory/)');
    if (!isLang(values.lang)) throw new UsageError(`--lang must be one of ${LANGS.join(', ')}`);
    const atoz = await createAtoz({ ...loadConfig(process.env), worker: false, publishDir: undefined }, { importIfEmpty: false });
    try {
      const publishing = atoz.domains.find((d): d is PublishingDomain => d.name === 'publishing');
      if (!publishing) throw new Error('the publishing domain is not in src/app.tsx');
      const pack = await publishing.offlinePack(values.topic, values.lang).catch((error: unknown) => {
        if (error instanceof OfflinePackError) throw new UsageError(error.message);
        throw error;
      });
      const file = resolve(named);
      writeFileSync(file, pack.zip);
      console.log(`Wrote ${file}: ${pack.pages.length} pages, ${pack.files.length} files, ${(pack.zip.length / 1024).toFixed(0)} KB.`);
      return 0;
    } finally {
      await atoz.close();
    }
  },
};
