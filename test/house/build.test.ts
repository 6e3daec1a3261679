import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { packageRoot } from '../../src/web/package-root.js';

// The build must live inside the repository: packageRoot() finds package.json above it.
const root = packageRoot();
const folder = `.build-test-${process.pid}`;
const out = join(root, folder);
const build = (...args: string[]) =>
  execFileSync(process.execPath, [join(root, 'tools', 'build.mjs'), ...args], { cwd: root, env: { ...process.env, ATOZ_BUILD_DIR: folder }, encoding: 'utf8' });

describe('tools/build.mjs (what npm start runs before the server)', () => {
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  test('builds the server, the command line and the benchmarks, which run', () => {
    expect(build()).toMatch(/built .* from \d+ source files/);
    for (const entry of ['src/main.js', 'src/cli.js', 'bench/cold-start.js']) expect(statSync(join(out, entry)).isFile()).toBe(true);
    const help = spawnSync(process.execPath, [join(out, 'src', 'cli.js'), '--help'], { cwd: root, encoding: 'utf8' });
    expect(help.stderr).toContain('Usage: npm run atoz');
  }, 60_000);

  test('does nothing when no source changed, and builds again when the last build is not the sources’ own', () => {
    const stamp = join(out, '.build-fingerprint');
    const before = statSync(join(out, 'src', 'main.js')).mtimeMs;
    expect(build()).toBe('');
    expect(statSync(join(out, 'src', 'main.js')).mtimeMs).toBe(before);
    writeFileSync(stamp, 'a build of other sources');
    expect(build()).toMatch(/built/);
    expect(readFileSync(stamp, 'utf8')).toMatch(/^[0-9a-f]{64}$/);
  }, 60_000);
});
