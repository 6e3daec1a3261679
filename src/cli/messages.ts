import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CATALOGUES } from '../i18n/catalogues.js';
import { LANGUAGES, TRANSLATED_LANGS, isLang } from '../i18n/languages.js';
import { catalogueToPo, poToCatalogue } from '../i18n/po-files.js';
import { packageRoot } from '../web/package-root.js';
import { type CliCommand, UsageError, parseCommandLine } from './command.js';

/**
 * `messages export <folder>`: atoz.pot and one <lang>.po per shipped language, for translators.
 * `messages import <folder> [lang…]`: their finished PO files back into src/<domain>/messages/<lang>.json.
 */
export const messagesCommand: CliCommand = {
  summary: 'interface translations: "export <folder>" writes PO files for translators, "import <folder>" reads them back',
  usage: 'messages export <folder> | messages import <folder> [es fr ar]',
  async run(args) {
    const [action, folder, ...langs] = parseCommandLine(args, {}, true).positionals;
    if (!folder || (action !== 'export' && action !== 'import')) throw new UsageError('say "export <folder>" or "import <folder>"');
    const dir = resolve(folder);
    if (action === 'export') {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'atoz.pot'), catalogueToPo(CATALOGUES, null));
      for (const lang of TRANSLATED_LANGS) writeFileSync(join(dir, `${lang}.po`), catalogueToPo(CATALOGUES, lang));
      const count = CATALOGUES.reduce((n, c) => n + Object.keys(c.source).length, 0);
      console.log(`Wrote atoz.pot and ${TRANSLATED_LANGS.map((l) => `${l}.po`).join(', ')} (${count} messages) to ${dir}.`);
      return 0;
    }
    const wanted = langs.length ? langs : TRANSLATED_LANGS;
    for (const lang of wanted) {
      if (!isLang(lang) || !TRANSLATED_LANGS.includes(lang)) throw new UsageError(`"${lang}" is not a shipped translation (${TRANSLATED_LANGS.join(', ')})`);
      const result = poToCatalogue(CATALOGUES, readFileSync(join(dir, `${lang}.po`)), lang);
      for (const [name, messages] of result.byCatalogue) {
        const catalogue = CATALOGUES.find((c) => c.name === name)!;
        // Keys the PO file left out keep their current translation.
        const merged = { ...catalogue.translations[lang], ...messages };
        const ordered = Object.fromEntries(Object.keys(catalogue.source).filter((k) => merged[k]).map((k) => [k, merged[k]]));
        writeFileSync(join(packageRoot(), 'src', name, 'messages', `${lang}.json`), `${JSON.stringify(ordered, null, 2)}\n`);
      }
      console.log(`${LANGUAGES[lang].name}: ${result.imported} imported, ${result.outdated.length} made from an older English text, ${result.unfinished.length} unfinished, ${result.rejected.length} rejected, ${result.unknown.length} unknown.`);
      for (const line of result.rejected) console.log(`  rejected ${line}`);
      for (const line of result.outdated) console.log(`  outdated ${line}`);
    }
    console.log('Rebuild (npm run build) or restart atoz to use them.');
    return 0;
  },
};
