import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { freePort } from '../../bench/support/http.js';
import { skipWithoutDatabase } from '../../test/support/database.js';
import { axeViolations, launchBrowser } from '../../test/support/browser.js';
import { validateHtml } from '../../test/support/html-validator.js';
import { bumpContentVersion } from '../directory/store.js';
import type { PublishingDomain } from './domain.js';
import { LIVE_ONLY_PREFIXES, nginxConfig } from './nginx-config.js';
import { fileForPath } from './publish.js';

const hasNginx = (() => {
  try {
    execFileSync('nginx', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasNginx && process.env.CI) throw new Error('nginx is required here (.ci/run installs nginx-light)');
if (!hasNginx) console.log('skipped: no nginx (apt-get install nginx-light)');

test('addresses map to files the way nginx looks for them', () => {
  expect(fileForPath('/')).toBe('index.html');
  expect(fileForPath('/es')).toBe('es/index.html');
  expect(fileForPath('/directory/causes-silica')).toBe('directory/causes-silica/index.html');
  expect(fileForPath('/sitemap.xml')).toBe('sitemap.xml');
  expect(fileForPath('/directory/causes-silica/references.ris')).toBe('directory/causes-silica/references.ris');
});

/** Asks nginx for `address` until `done` holds (at most `limitMs`), returning how long that took. */
async function servedWithin(limitMs: number, address: string, encoding: string, done: (res: Response, body: string) => boolean): Promise<number> {
  const started = performance.now();
  for (;;) {
    const res = await fetch(address, { headers: { 'accept-encoding': encoding } });
    if (done(res, await res.text())) return Math.round(performance.now() - started);
    if (performance.now() - started > limitMs) throw new Error(`nginx still served the old ${address} (${encoding}) after ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Debian's nginx serving the published folder with the configuration `publish` writes. */
async function serveWithNginx(root: string): Promise<{ url: string; stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'atoz-published-nginx-'));
  const port = await freePort();
  const conf = join(dir, 'nginx.conf');
  const temp = (name: string) => `${name}_temp_path ${join(dir, name)};`;
  writeFileSync(
    conf,
    nginxConfig({
      root,
      listen: `127.0.0.1:${port}`,
      preamble: `daemon off;\npid ${join(dir, 'nginx.pid')};\nerror_log ${join(dir, 'error.log')} warn;\n`,
    }).replace('  sendfile on;', `  sendfile on;\n  access_log off;\n  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}`),
  );
  const child: ChildProcess = spawn('nginx', ['-c', conf, '-p', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr?.on('data', (d) => (errors += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      await fetch(url + '/');
      break;
    } catch {
      if (i > 100 || child.exitCode !== null) throw new Error(`nginx did not start: ${errors}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
        child.kill('SIGQUIT');
      }),
  };
}

const liveOnly = new RegExp(`^(/[a-z]{2})?(${LIVE_ONLY_PREFIXES.map((p) => p.replace(/[/]/g, '\\/')).join('|')})`);

describe.skipIf(!hasNginx || (await skipWithoutDatabase()))('the published static copy, served by nginx', () => {
  let t: TestApp;
  let folder: string;
  let nginx: Awaited<ReturnType<typeof serveWithNginx>>;
  let publishing: PublishingDomain;

  beforeAll(async () => {
    t = await createTestApp({ config: { worker: false } });
    folder = mkdtempSync(join(tmpdir(), 'atoz-published-'));
    chmodSync(folder, 0o755); // nginx's workers run as another user
    publishing = t.atoz.domains.find((d): d is PublishingDomain => d.name === 'publishing')!;
    const report = await publishing.publish(folder);
    expect(report.skipped).toEqual([]);
    nginx = await serveWithNginx(folder);
  }, 600_000);
  afterAll(async () => {
    await nginx?.stop();
    await t?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  test('a crawl from the home page in every language finds no broken link and no missing asset', async () => {
    const seen = new Set<string>();
    const queue = ['/', '/es', '/fr', '/ar', '/static-search', '/ar/static-search'];
    const broken: string[] = [];
    let pages = 0;
    while (queue.length > 0) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const res = await fetch(nginx.url + path, { redirect: 'manual' });
      if (res.status !== 200) {
        broken.push(`${path} → ${res.status}`);
        continue;
      }
      if (!(res.headers.get('content-type') ?? '').startsWith('text/html')) continue;
      pages++;
      const html = await res.text();
      for (const m of html.matchAll(/\s(?:href|src)="([^"#]*)(?:#[^"]*)?"/g)) {
        const target = m[1]!.replace(/&amp;/g, '&');
        if (!target.startsWith('/') || target.startsWith('//') || target === '') continue;
        if (liveOnly.test(target) || target.includes('?')) continue; // the live server's (search, sign-in, editing, API)
        if (!seen.has(target)) queue.push(target);
      }
    }
    expect(broken).toEqual([]);
    expect(pages).toBeGreaterThan(4 * 35);
    expect([...seen].some((p) => p.startsWith('/assets/') && p.endsWith('.css'))).toBe(true);
  }, 600_000);

  test('pages come precompressed, with the right types, and unknown addresses get the 404 page in their language', async () => {
    const page = await fetch(nginx.url + '/directory/causes-silica', { headers: { 'accept-encoding': 'gzip' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-encoding')).toBe('gzip');
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('>Causes: Silica</h1>');
    const sitemap = await fetch(nginx.url + '/sitemap.xml');
    expect(sitemap.headers.get('content-type')).toMatch(/xml/);
    expect(await sitemap.text()).toContain('/directory/causes-silica</loc>');
    const ris = await fetch(nginx.url + '/bibliography.ris');
    expect(ris.status).toBe(200);
    const missing = await fetch(nginx.url + '/directory/no-such-topic');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('<html lang="en"');
    const missingEs = await fetch(nginx.url + '/es/directory/no-such-topic');
    expect(missingEs.status).toBe(404);
    expect(await missingEs.text()).toContain('<html lang="es"');
    expect((await fetch(nginx.url + '/.atoz-published.json')).status).toBe(404);
  });

  test('published pages pass the W3C Nu checker', async () => {
    const documents = Object.fromEntries(
      ['directory/causes-silica/index.html', 'es/directory/index.html', 'ar/index.html', '404.html', 'static-search/index.html', 'ar/static-search/index.html'].map((f) => [f, readFileSync(join(folder, f), 'utf8')]),
    );
    const problems = await validateHtml(documents);
    expect(problems).toEqual(Object.fromEntries(Object.keys(documents).map((f) => [f, []])));
  }, 600_000);

  test('the search box works without the live server: keyboard only, in the page language, with synonyms, axe clean', async () => {
    const html = readFileSync(join(folder, 'directory/causes-silica/index.html'), 'utf8');
    expect(html).toContain('action="/static-search"');
    expect(html).not.toMatch(/(action|href)="\/search/);
    expect(readFileSync(join(folder, 'es/directory/causes-silica/index.html'), 'utf8')).toContain('action="/es/static-search"');
    const entry = JSON.parse(readFileSync(join(folder, 'pagefind/pagefind-entry.json'), 'utf8')) as { languages: Record<string, unknown> };
    expect(Object.keys(entry.languages).sort()).toEqual(['ar', 'en', 'es', 'fr']);

    const browser = await launchBrowser();
    try {
      const page = await (await browser.newContext()).newPage();
      await page.goto(nginx.url + '/directory/causes-silica');
      // Keyboard only: Tab to the search box, type, Enter.
      for (let i = 0; i < 10 && (await page.evaluate(() => document.activeElement?.id)) !== 'site-search'; i++) await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('site-search');
      await page.keyboard.type('silica');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/static-search\?q=silica/);
      const first = page.locator('#static-search-results a').first();
      await first.waitFor();
      const found = await page.locator('#static-search-results a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
      expect(found).toContain('/directory/causes-silica');
      // Each result is named by its page's heading, as pagefind reads it from <main>.
      const heading = /<h1[^>]*>([^<]+)<\/h1>/.exec(readFileSync(join(folder, 'directory/causes-silica/index.html'), 'utf8'))?.[1];
      expect(heading).toBeTruthy();
      expect(await page.locator('#static-search-results a[href="/directory/causes-silica"]').first().textContent()).toBe(heading);
      expect(await page.locator('#static-search-status').textContent()).toMatch(/silica/);
      expect(await axeViolations(page)).toEqual([]);
      // The results are links reached with Tab.
      for (let i = 0; i < 30 && !(await page.evaluate(() => document.activeElement?.closest('#static-search-results') !== null)); i++) await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/directory\//);

      // "cholecalciferol" is nowhere in the demo's text: the synonym table makes it find the vitamin D page.
      await page.goto(nginx.url + '/es/static-search?q=cholecalciferol');
      await page.locator('#static-search-results a').first().waitFor();
      const spanish = await page.locator('#static-search-results a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
      expect(spanish).toContain('/es/directory/causes-vitamin-d-deficiency');
      expect(spanish.every((href) => href?.startsWith('/es/'))).toBe(true);

      await page.goto(nginx.url + '/ar/static-search?q=zzzqqqnothing');
      await page.waitForFunction(() => (document.getElementById('static-search-status')?.textContent ?? '').includes('zzzqqqnothing'));
      expect(await page.locator('#static-search-results li').count()).toBe(0);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 600_000);

  test('publishing again rewrites only what changed, and removes a deleted page', async () => {
    const unchanged = await publishing.publish(folder);
    expect(unchanged.written).toBe(0);
    expect(unchanged.removed).toBe(0);

    const { store } = t.atoz;
    const testPage = {
      slug: 'published-copy-test',
      title: 'Published copy test page',
      parentSlug: null,
      position: 998,
      summary: 'A page the publishing tests add and remove.',
      createdOn: '2024-01-01',
      sections: [{ heading: 'About', entries: [{ kind: 'summary' as const, body: 'Written for the publishing test.' }] }],
    };
    await store.savePage(testPage);
    await t.atoz.contentChanged();
    const started = performance.now();
    const added = await publishing.publish(folder);
    console.log(`incremental publish after adding one page: ${added.written} files written, ${added.unchanged} unchanged, in ${Math.round(performance.now() - started)} ms`);
    expect(added.written).toBeGreaterThan(0);
    expect(added.unchanged).toBeGreaterThan(added.written);
    expect(readFileSync(join(folder, 'directory/published-copy-test/index.html'), 'utf8')).toContain('Published copy test page');
    expect(existsSync(join(folder, 'directory/published-copy-test/index.html.gz'))).toBe(true);

    // nginx keeps files it served open for a second (open_file_cache): a re-published page replaces them.
    const address = nginx.url + '/directory/published-copy-test';
    for (const encoding of ['identity', 'gzip']) expect(await (await fetch(address, { headers: { 'accept-encoding': encoding } })).text()).toContain('Published copy test page');
    await store.savePage({ ...testPage, title: 'Published copy test page, retitled' });
    await t.atoz.contentChanged();
    await publishing.publish(folder);
    for (const encoding of ['identity', 'gzip']) {
      const served = await servedWithin(5_000, address, encoding, (_, body) => body.includes('Published copy test page, retitled'));
      console.log(`nginx served the re-published page (${encoding}) ${served} ms after the publish`);
    }

    await store.deletePage('published-copy-test');
    await t.atoz.contentChanged();
    const removed = await publishing.publish(folder);
    expect(removed.removed).toBeGreaterThan(0);
    expect(existsSync(join(folder, 'directory/published-copy-test/index.html'))).toBe(false);
    expect(existsSync(join(folder, 'directory/published-copy-test/index.html.gz'))).toBe(false);
    await servedWithin(5_000, address, 'identity', (res) => res.status === 404);
  }, 600_000);
});

describe.skipIf(await skipWithoutDatabase())('ATOZ_PUBLISH_DIR: the copy follows every change', () => {
  let t: TestApp;
  let folder: string;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'atoz-publish-dir-'));
    t = await createTestApp({ config: { worker: false, publishDir: folder } });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const runPublishJob = async () => {
    const runs = (await t.atoz.jobs.worker.runDue()).filter((r) => r.key === 'publishing.publish');
    expect(runs).toMatchObject([{ ok: true }]);
    return JSON.parse((runs[0] as { detail: string }).detail) as { mode: string; changedPages: string[]; written: number; pagesOnDiskSinceChangeMs: number; sinceChangeMs: number; files: number };
  };
  const publishing = () => t.atoz.domains.find((d): d is PublishingDomain => d.name === 'publishing')!;

  test('a saved change re-publishes only the files it affects, and the copy is then exactly what a full publish writes', async () => {
    // Queued at start (worker off here: run it by hand, as `npm run atoz -- jobs run` would).
    await t.atoz.jobs.queue.enqueue('publishing.publish', { requestedAt: new Date().toISOString() }, { key: 'publishing.publish' });
    expect((await runPublishJob()).mode).toBe('full');
    const file = join(folder, 'directory/causes-stress/index.html');
    expect(readFileSync(file, 'utf8')).not.toContain('Summary changed for the publishing test');

    const view = (await t.atoz.queries.page('causes-stress'))!;
    const saved = performance.now();
    await t.atoz.store.savePage({
      slug: view.slug,
      title: 'Stress, renamed for the publishing test',
      parentSlug: 'causes-of-scleroderma',
      position: 0,
      summary: 'Summary changed for the publishing test.',
      createdOn: view.createdOn,
      sections: [{ heading: null, entries: [{ kind: 'summary', body: 'Changed for the publishing test.' }] }],
    });
    await t.atoz.contentChanged();
    expect(readFileSync(file, 'utf8')).not.toContain('Summary changed for the publishing test');
    const run = await runPublishJob();
    const onDisk = Math.round(performance.now() - saved);
    console.log(
      `from a save to the new file on disk: ${run.pagesOnDiskSinceChangeMs} ms (search index ready ${run.sinceChangeMs} ms after the save; ${run.written} of ${run.files} files rewritten; whole run ${onDisk} ms)`,
    );
    expect(run).toMatchObject({ mode: 'changes', changedPages: ['causes-stress'] });
    expect(readFileSync(file, 'utf8')).toContain('Summary changed for the publishing test');
    // Its parent lists it under its new title, in every language that has no translation of it (Spanish lists its translated title).
    expect(readFileSync(join(folder, 'ar/directory/causes-of-scleroderma/index.html'), 'utf8')).toContain('Stress, renamed for the publishing test');
    expect(readFileSync(join(folder, 'es/directory/causes-of-scleroderma/index.html'), 'utf8')).toContain('<a href="/es/directory/causes-stress">Causas: estrés</a>');
    // The search index is there again after its rebuild.
    expect(readFileSync(join(folder, 'pagefind/pagefind-entry.json'), 'utf8')).toContain('"en"');

    // Nothing was left behind: a full publish now finds nothing to write or remove.
    const full = await publishing().publish(folder);
    expect({ written: full.written, removed: full.removed }).toEqual({ written: 0, removed: 0 });
  }, 600_000);

  test('a translation published again re-publishes its page and the lists of its language that name it', async () => {
    await t.atoz.jobs.queue.enqueue('publishing.publish', { requestedAt: new Date().toISOString() }, { key: 'publishing.publish' });
    await runPublishJob();
    const db = t.atoz.database.db;
    const { id } = await db.selectFrom('pages').select('id').where('slug', '=', 'causes-genetics').executeTakeFirstOrThrow();
    await db.transaction().execute(async (tx) => {
      const row = await tx.selectFrom('page_translations').select('id').where('page_id', '=', id).where('lang', '=', 'fr').executeTakeFirstOrThrow();
      await tx.updateTable('page_translations').set({ title: 'Causes : génétique (republiée)', changed_at: new Date().toISOString() }).where('id', '=', row.id).execute();
      await bumpContentVersion(tx);
    });
    await t.atoz.contentChanged();
    const run = await runPublishJob();
    expect(run).toMatchObject({ mode: 'changes', changedPages: ['causes-genetics'] });
    expect(readFileSync(join(folder, 'fr/directory/causes-genetics/index.html'), 'utf8')).toContain('Causes : génétique (republiée)');
    expect(readFileSync(join(folder, 'fr/directory/causes-of-scleroderma/index.html'), 'utf8')).toContain('Causes : génétique (republiée)');
    expect(readFileSync(join(folder, 'fr/directory/a-z/index.html'), 'utf8')).toContain('génétique (republiée)');
  }, 600_000);

  test('adding and deleting a page by dependency: its files come and go, lists follow, nothing else is left stale', async () => {
    await t.atoz.store.savePage({
      slug: 'incremental-publish-test',
      title: 'Incremental publish test page',
      parentSlug: 'causes-of-scleroderma',
      position: 999,
      summary: 'A page the publishing tests add and remove.',
      createdOn: '2024-01-01',
      sections: [{ heading: 'About', entries: [{ kind: 'summary', body: 'Links to [[causes-silica]].' }] }],
    });
    await t.atoz.contentChanged();
    const added = await runPublishJob();
    expect(added).toMatchObject({ mode: 'changes', changedPages: ['incremental-publish-test'] });
    expect(readFileSync(join(folder, 'ar/directory/incremental-publish-test/index.html'), 'utf8')).toContain('Incremental publish test page');
    expect(readFileSync(join(folder, 'directory/causes-of-scleroderma/index.html'), 'utf8')).toContain('/directory/incremental-publish-test');
    expect(readFileSync(join(folder, 'sitemap.xml'), 'utf8')).toContain('/directory/incremental-publish-test</loc>');
    expect((await publishing().publish(folder)).written).toBe(0);

    await t.atoz.store.deletePage('incremental-publish-test');
    await t.atoz.contentChanged();
    const removed = await runPublishJob();
    expect(removed.mode).toBe('changes');
    expect(existsSync(join(folder, 'directory/incremental-publish-test/index.html'))).toBe(false);
    expect(existsSync(join(folder, 'fr/directory/incremental-publish-test/index.html.gz'))).toBe(false);
    expect(readFileSync(join(folder, 'directory/causes-of-scleroderma/index.html'), 'utf8')).not.toContain('/directory/incremental-publish-test');
    const full = await publishing().publish(folder);
    expect({ written: full.written, removed: full.removed }).toEqual({ written: 0, removed: 0 });
  }, 600_000);
});
