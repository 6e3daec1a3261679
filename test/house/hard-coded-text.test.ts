import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { packageRoot } from '../../src/web/package-root.js';
import { findHardCodedText } from './hard-coded-text.js';

const root = packageRoot();

/** View files whose words do not yet come from a catalogue; empty this list, never grow it. */
const NOT_YET_TRANSLATABLE: readonly string[] = [
];

function viewFiles(): string[] {
  return readdirSync(join(root, 'src'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.tsx') && !/\.test\.tsx$/.test(e.name) && !e.parentPath.includes('test-support'))
    .map((e) => relative(root, join(e.parentPath, e.name)))
    .sort();
}

describe('no hard-coded reader-visible text', () => {
  const files = viewFiles().filter((f) => !NOT_YET_TRANSLATABLE.includes(f));
  test.each(files)('%s takes every word from a message catalogue', (file) => {
    const found = findHardCodedText(file, readFileSync(join(root, file), 'utf8'));
    expect(found.map((f) => `line ${f.line}: ${f.text}`)).toEqual([]);
  });

  test('the check finds text, attributes and rendered literals, and leaves keys, classes and addresses alone (it can fail)', () => {
    const source = `
      export const V = ({ t, ok }) => (
        <section class="two words" aria-label="Site sections" id="x">
          <h1>Dashboard</h1>
          <p title="Plain title">{ok ? 'Saved' : 'Not saved yet'}</p>
          <p>{t('savedNotice')} · {t('pages', { count: 2 })}</p>
          <a href="/directory/a-z" class={ok ? 'is on' : 'off'}>{t('az')}</a>
          <Layout title="Page history">{\`Revision \${2} of the page\`}</Layout>
        </section>
      );`;
    const texts = findHardCodedText('sample.tsx', source).map((f) => f.text);
    expect(texts).toEqual(['aria-label="Site sections"', 'Dashboard', 'title="Plain title"', 'Saved', 'Not saved yet', 'title="Page history"', 'Revision of the page']);
  });

  test('the list of files not yet translatable only names files that exist and still have text', () => {
    const stale = NOT_YET_TRANSLATABLE.filter((f) => {
      try {
        return findHardCodedText(f, readFileSync(join(root, f), 'utf8')).length === 0;
      } catch {
        return true;
      }
    });
    expect(stale).toEqual([]);
  });
});
