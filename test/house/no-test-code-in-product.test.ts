import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { packageRoot } from '../../src/web/package-root.js';

const root = packageRoot();

/** Every TypeScript file under `dir`, as paths relative to the package root. */
function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => relative(root, join(e.parentPath, e.name)));
}

const isTestCode = (file: string) => /\.test\.tsx?$/.test(file) || /(^|\/)test-support\//.test(file);

/** Module specifiers of static imports, re-exports and dynamic imports. */
function importsOf(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/\b(?:import|export)\s[^'"]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|\bimport\s+['"]([^'"]+)['"]/g)) {
    found.push((m[1] ?? m[2] ?? m[3])!);
  }
  return found;
}

const reachesTestCode = (specifier: string) => /(^|\/)test-support\//.test(specifier) || /^(\.\.\/)+test\//.test(specifier) || /\.test(\.js)?$/.test(specifier);

describe('the product never imports test code', () => {
  test('no file of src/ or bench/ outside tests and test-support imports from test-support/ or test/', () => {
    const product = [...sources('src'), ...sources('bench')].filter((f) => !isTestCode(f));
    expect(product.length).toBeGreaterThan(100);
    const offenders = product.flatMap((file) =>
      importsOf(readFileSync(join(root, file), 'utf8'))
        .filter(reachesTestCode)
        .map((specifier) => `${file} imports ${specifier}`),
    );
    expect(offenders).toEqual([]);
  });

  test('the check sees every kind of import (it can fail)', () => {
    const text = [
      "import { a } from '../editing/test-support/fixtures.js';",
      "export { b } from './test-support/x.js';",
      "const c = await import('../../test/support/app.js');",
      "import '../test-support/setup.js';",
      "import type {\n  D,\n} from './test-support/types.js';",
    ].join('\n');
    expect(importsOf(text).filter(reachesTestCode)).toHaveLength(5);
    expect(importsOf("import { x } from './testing-tools.js';").filter(reachesTestCode)).toEqual([]);
  });
});
