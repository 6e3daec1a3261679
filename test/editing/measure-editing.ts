/**
 * How fast the editor is, in numbers (not a test: nothing here passes or fails).
 *
 *   npx tsx test/editing/measure-editing.ts            # SQLite
 *   ATOZ_TEST_DB=postgres npx tsx test/editing/measure-editing.ts
 *
 * Prints median and 95th-percentile times for opening the editor, a live
 * preview, saving a revision, the history diff, and the pure parts (word diff
 * of a long page, readability) on their own.
 */
import { SessionClient, seedUser } from '../../src/accounts/test-support/session-client.js';
import { measurePage } from '../../src/editing/readability.js';
import { wordDiff } from '../../src/editing/word-diff.js';
import { createTestApp } from '../support/app.js';

const RUNS = Number(process.env.RUNS ?? 40);

async function time(name: string, runs: number, work: (i: number) => Promise<unknown> | unknown): Promise<void> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work(i);
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!.toFixed(1);
  console.log(`${name.padEnd(48)} median ${at(0.5).padStart(7)} ms   p95 ${at(0.95).padStart(7)} ms   (${runs} runs)`);
}

const t = await createTestApp();
try {
  const user = await seedUser(t.atoz.database.db, 'editor', { name: 'Bench Editor' });
  const client = await SessionClient.signedInAs(t, t.atoz.database.db, user.id);
  const slug = 'causes-of-scleroderma';
  const html = await (await client.get(`/edit/${slug}`)).text();
  const token = /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
  const field = (id: string) => /value="([^"]*)"/.exec(new RegExp(`<input[^>]*id="${id}"[^>]*>`).exec(html)![0])![1]!;
  const body = /<textarea[^>]*id="f-body"[^>]*>([\s\S]*?)<\/textarea>/.exec(html)![1]!.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  const form = (i: number, intent: string, base: string) =>
    new URLSearchParams({
      _csrf: token, intent, title: 'Causes of Scleroderma', slug, parentSlug: 'scleroderma-symptoms', position: field('f-position'), summary: 'Summary.',
      authors: 'example-editor', reviewIntervalMonths: '24', alsoSee: '', footnotes: '', body: `${body}\nEdit number ${i}.\n`, editSummary: `bench ${i}`, baseRevisionId: base,
    });
  const post = (params: URLSearchParams) => client.request(`/edit/${slug}`, { method: 'POST', body: params, headers: { 'content-type': 'application/x-www-form-urlencoded' } });

  console.log(`database: ${t.atoz.database.dialect}; page: /edit/${slug} (${body.length} characters of page text)`);
  await time('GET the editor', RUNS, async () => (await client.get(`/edit/${slug}`)).text());
  await time('POST a live preview (JSON)', RUNS, async (i) => (await post(form(i, 'live-preview', '0'))).text());
  await time('POST a server-side preview (full page)', RUNS, async (i) => (await post(form(i, 'preview', '0'))).text());
  let base = /name="baseRevisionId" value="(\d+)"/.exec(html)![1]!;
  await time('POST a save, then GET the editor again', RUNS, async (i) => {
    const res = await post(form(i, 'save', base));
    if (res.status !== 303) throw new Error(`save answered ${res.status}`);
    base = /name="baseRevisionId" value="(\d+)"/.exec(await (await client.get(`/edit/${slug}`)).text())![1]!;
  });
  await time('GET the history page', RUNS, async () => (await client.get(`/edit/${slug}/history`)).text());

  // The pure parts, on a long page: 20,000 words with one word in a hundred changed.
  const words = Array.from({ length: 20_000 }, (_, i) => `word${i % 997}${i % 50 === 0 ? '.\n' : ''}`);
  const before = words.join(' ');
  const after = words.map((w, i) => (i % 100 === 7 ? 'changed' : w)).join(' ');
  await time('wordDiff, 20,000 words, 1% changed', 10, () => wordDiff(before, after));
  const doc = { summary: '', sections: [{ heading: null, entries: [{ kind: 'summary' as const, body: before }], subArticles: [], alsoSee: [] }] };
  await time('readability of 20,000 words', 10, () => measurePage(doc));
} finally {
  await t.close();
}
