#!/usr/bin/env node
// Builds the server, the command line and the benchmarks into dist/ with
// esbuild (dist/src/main.js, dist/src/cli.js, dist/bench/<name>.js, with the
// code they share in dist/chunks/), and only when a source changed.
//
//   node tools/build.mjs          build if anything changed since the last build
//   node tools/build.mjs --force  build whatever the state of dist/
//   ATOZ_BUILD_DIR=<folder inside the repository> node tools/build.mjs   build there instead (tests)
//
// Why esbuild and not tsc: tsc type-checks the whole project (about 12 s here)
// on every `npm start`; esbuild only strips types (well under a second), and
// `npm test` runs the type check. Why bundle: loading one file instead of a
// few hundred small modules is most of a cold start's module loading; packages
// stay in node_modules (external), and a dynamic import() still loads its code
// only when first needed (its own chunk). Why a fingerprint: a second `npm start` on
// unchanged sources should not rebuild at all, so it compares the size and
// modification time of every input with what the last build recorded.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const outDir = process.env.ATOZ_BUILD_DIR ? join(root, process.env.ATOZ_BUILD_DIR) : join(root, 'dist');
const stampFile = join(outDir, '.build-fingerprint');
const sourceDirs = ['src', 'bench'];
// Test files and test support never go into the product build.
const excluded = (path) => /\.test\.tsx?$/.test(path) || /(^|\/)test-support\//.test(path) || /\.d\.ts$/.test(path);
const settingsFiles = ['package.json', 'package-lock.json', 'tsconfig.json', 'tools/build.mjs'];

function inputs() {
  const files = [];
  for (const dir of sourceDirs) {
    for (const entry of readdirSync(join(root, dir), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const path = relative(root, join(entry.parentPath, entry.name));
      if (/\.(tsx?|json)$/.test(path) && !excluded(path)) files.push(path);
    }
  }
  return files.sort();
}

function fingerprint(files) {
  const hash = createHash('sha256');
  hash.update(process.version);
  for (const path of [...settingsFiles, ...files]) {
    const full = join(root, path);
    if (!existsSync(full)) continue;
    const { size, mtimeMs } = statSync(full);
    hash.update(`${path}\0${size}\0${mtimeMs}\n`);
  }
  return hash.digest('hex');
}

/** Packages left in node_modules: native, loaded lazily on purpose, or reading their own files. */
const KEEP_EXTERNAL = ['better-sqlite3', 'pagefind', 'pg', 'pg-*', '@citation-js/*', 'citeproc', 'nodemailer', '@zxcvbn-ts/*', 'esbuild', 'typescript', 'playwright-core', 'vnu-jar', 'smtp-server', 'mailparser'];

/** What `npm start`, `npm run atoz` and `npm run bench…` run. */
const entryPoints = (files) => files.filter((f) => f === 'src/main.ts' || f === 'src/cli.ts' || /^bench\/[^/]+\.ts$/.test(f));

async function build(files) {
  const { build: esbuild } = await import('esbuild');
  rmSync(outDir, { recursive: true, force: true });
  await esbuild({
    absWorkingDir: root,
    entryPoints: entryPoints(files),
    outdir: outDir,
    outbase: '.',
    entryNames: '[dir]/[name]',
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    // Pure-JavaScript packages are bundled too: resolving and linking their hundreds of small
    // files was most of the server's start. Kept outside: native code (better-sqlite3), and
    // what is only loaded when needed or reads files beside itself.
    external: KEEP_EXTERNAL,
    // Bundled CommonJS packages call require() for Node's own modules.
    banner: { js: "import { createRequire as __atozCreateRequire } from 'node:module'; const require = __atozCreateRequire(import.meta.url);" },
    format: 'esm',
    platform: 'node',
    target: 'node20.10',
    jsx: 'automatic',
    jsxImportSource: 'hono/jsx',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}

const force = process.argv.includes('--force');
const files = inputs();
const stamp = fingerprint(files);
if (!force && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) process.exit(0);
const started = performance.now();
await build(files);
writeFileSync(stampFile, stamp);
if (!process.argv.includes('--quiet')) {
  console.log(`atoz: built ${relative(root, outDir)}/ from ${files.length} source files in ${Math.round(performance.now() - started)} ms`);
}
