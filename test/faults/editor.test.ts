import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { type SessionClient, csrfFrom } from '../../src/accounts/test-support/session-client.js';
import { type DatabaseHandle, openSqlite } from '../../src/db/database.js';
import { TcpProxy, throughProxy } from '../multi-server/tcp-proxy.js';
import { createTestDatabase, skipWithoutPostgres } from '../support/database.js';
import { AtozUnderTest, bodyOf, editorForm, failurePageForm, fillDisk, report, signedIn, smallDisk } from './support.js';

// Faults as editors meet them, against the real server: racing for one new
// address, a form sent twice, a full disk, a database that does not answer.
// What must hold: one page per address, one revision per form, every word
// typed given back, and an answer that says what happened.

const noPostgres = await skipWithoutPostgres();

const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function scratch(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** One atoz on SQLite in `dataDir`, and a handle on its database for the checks. */
async function sqliteServers(dataDir = scratch('atoz-fault-editor-')): Promise<{ servers: AtozUnderTest[]; handle: DatabaseHandle; dataDir: string }> {
  const atoz = new AtozUnderTest({ ATOZ_DATA_DIR: dataDir });
  cleanups.push(() => atoz.kill());
  await atoz.start();
  const handle = openSqlite(dataDir, { checkpointEveryMs: 0 });
  cleanups.push(() => handle.close());
  return { servers: [atoz], handle, dataDir };
}

/** `count` atoz servers on one fresh PostgreSQL database (as behind a load balancer), reached through `reach`. */
async function postgresServers(count: number, reach: (url: string) => Promise<string> | string = (u) => u): Promise<{ servers: AtozUnderTest[]; handle: DatabaseHandle }> {
  const database = await createTestDatabase({ dialect: 'postgres', migrate: false });
  cleanups.push(() => database.drop());
  const url = await reach(database.location);
  const servers: AtozUnderTest[] = [];
  // One after another: the first migrates and imports the demo.
  for (let i = 0; i < count; i++) {
    const atoz = new AtozUnderTest({ DATABASE_URL: url, ATOZ_DATA_DIR: scratch('atoz-fault-editor-pg-') });
    cleanups.push(() => atoz.kill());
    await atoz.start();
    servers.push(atoz);
  }
  return { servers, handle: database.handle };
}

/** Revisions whose text holds `phrase`. */
async function storedWith(handle: DatabaseHandle, phrase: string): Promise<number> {
  return (await handle.db.selectFrom('page_revisions').select('document').execute()).filter((r) => r.document.includes(phrase)).length;
}

const TAKEN = 'is already taken by another new page that is still a draft';

async function sameAddressRace(name: string, servers: AtozUnderTest[], handle: DatabaseHandle) {
  const RACERS = 4;
  const ROUNDS = 8;
  const editors: SessionClient[] = [];
  for (let i = 0; i < RACERS; i++) editors.push(await signedIn(servers[i % servers.length]!, handle.db, 'editor', `Racer ${i + 1}`));
  const counts = { saved: 0, refusedWithTextKept: 0, otherAnswers: 0, worstDraftsAtOneAddress: 0, addressOpensTheSavedText: 0 };
  for (let round = 1; round <= ROUNDS; round++) {
    const slug = `causes-race-${servers.length}-${handle.dialect}-${round}`;
    const forms = await Promise.all(
      editors.map(async (client, i) => {
        const html = await (await client.get(`/edit?slug=${slug}&title=${encodeURIComponent(`Causes: race ${round}`)}&parent=causes-of-scleroderma`)).text();
        const body = `## Notes\n\nWords of racer ${i + 1} in round ${round}.\n`;
        return { client, html, body, form: editorForm(html, { body, slug }) };
      }),
    );
    const answers = await Promise.all(
      forms.map(async (f) => {
        const res = await f.client.post('/edit', f.form, csrfFrom(f.html));
        return { ...f, status: res.status, page: await res.text(), location: res.headers.get('location') };
      }),
    );
    const drafts = Number((await handle.db.selectFrom('page_revisions').select((e) => e.fn.countAll().as('n')).where('slug', '=', slug).executeTakeFirstOrThrow()).n);
    counts.worstDraftsAtOneAddress = Math.max(counts.worstDraftsAtOneAddress, drafts);
    for (const a of answers) {
      if (a.status === 303) counts.saved++;
      else if (a.status === 400 && a.page.includes(TAKEN) && bodyOf(a.page) === a.body) counts.refusedWithTextKept++;
      else counts.otherAnswers++;
    }
    const winner = answers.find((a) => a.status === 303);
    if (winner && bodyOf(await (await winner.client.get(`/edit/${slug}`)).text()) === winner.body) counts.addressOpensTheSavedText++;
  }
  report(`same-address race (${name})`, {
    servers: servers.length,
    rounds: ROUNDS,
    'editors per round': RACERS,
    saved: counts.saved,
    'refused with text kept': counts.refusedWithTextKept,
    'other answers': counts.otherAnswers,
    'most drafts at one address': counts.worstDraftsAtOneAddress,
    'address opens the saved text': `${counts.addressOpensTheSavedText} of ${ROUNDS}`,
  });
  expect(counts).toEqual({ saved: ROUNDS, refusedWithTextKept: ROUNDS * (RACERS - 1), otherAnswers: 0, worstDraftsAtOneAddress: 1, addressOpensTheSavedText: ROUNDS });
}

async function sentTwice(name: string, servers: AtozUnderTest[], handle: DatabaseHandle) {
  const client = await signedIn(servers[0]!, handle.db, 'editor', 'Dee Double');
  const html = await (await client.get('/edit/causes-silica')).text();
  const phrase = `Sent several times (${name}).`;
  const form = editorForm(html, { body: `${bodyOf(html)}\n\n${phrase}\n` });
  // A double click (both at once), then a retry after a timeout (once more, later).
  const clicks = await Promise.all([1, 2].map(() => client.post('/edit/causes-silica', form, csrfFrom(html))));
  const retry = await client.post('/edit/causes-silica', form, csrfFrom(html));
  const statuses = [...clicks, retry].map((r) => r.status);
  const stored = await storedWith(handle, phrase);
  report(`form sent twice (${name})`, { sends: statuses.length, answers: statuses.join('/'), 'revisions stored': stored });
  expect(statuses).toEqual([303, 303, 303]);
  expect(stored).toBe(1);
}

describe('editor under faults', () => {
  it('same-address race: two editors creating a page at the same new address at the same moment get one page, and the other a clear answer with their text intact', async () => {
    const sqlite = await sqliteServers();
    await sameAddressRace('sqlite', sqlite.servers, sqlite.handle);
    await sqlite.servers[0]!.stop();
    if (noPostgres) return;
    const postgres = await postgresServers(2);
    await sameAddressRace('postgres, 2 servers', postgres.servers, postgres.handle);
    for (const s of postgres.servers) await s.stop();
  });

  it('a save sent twice (double click, a retry after a timeout) with the same save token is stored once', async () => {
    const sqlite = await sqliteServers();
    await sentTwice('sqlite', sqlite.servers, sqlite.handle);
    await sqlite.servers[0]!.stop();
    if (noPostgres) return;
    const postgres = await postgresServers(1);
    await sentTwice('postgres', postgres.servers, postgres.handle);

    // Every connection killed while editors save, again and again: a save
    // answered 503 may have committed. Each is sent again from its 503 page.
    const atoz = postgres.servers[0]!;
    const { db } = postgres.handle;
    const pages = ['causes-stress', 'causes-radiation', 'causes-genetics', 'causes-infections'];
    const clients = await Promise.all(pages.map((_, i) => signedIn(atoz, db, 'editor', `Kay ${i + 1}`)));
    const unconfirmed: Array<{ client: SessionClient; phrase: string; page: string; retryAfter: string | null }> = [];
    const acknowledged: string[] = [];
    let running = true;
    const loops = pages.map(async (slug, e) => {
      for (let n = 1; running; n++) {
        const phrase = `Killed-connection save e${e + 1} n${n}.`;
        try {
          const html = await (await clients[e]!.get(`/edit/${slug}`)).text();
          const res = await clients[e]!.post(`/edit/${slug}`, editorForm(html, { body: `${bodyOf(html).split('\n\nKilled-connection save')[0]}\n\n${phrase}\n` }), csrfFrom(html));
          const page = await res.text();
          if (res.status === 303) acknowledged.push(phrase);
          if (res.status === 503) unconfirmed.push({ client: clients[e]!, phrase, page, retryAfter: res.headers.get('retry-after') });
        } catch {
          await sleep(50);
        }
      }
    });
    const started = Date.now();
    for (let k = 0; k < 12 && (unconfirmed.length < 3 || k < 4); k++) {
      await sleep(250);
      await sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`.execute(db);
    }
    await sleep(1500);
    running = false;
    await Promise.all(loops);
    const committedAnyway = (await Promise.all(unconfirmed.map((u) => storedWith(postgres.handle, u.phrase)))).filter((n) => n > 0).length;
    const resent = await Promise.all(
      unconfirmed.map(async (u) => {
        const { action, fields } = failurePageForm(u.page);
        return (await u.client.post(action, fields, fields._csrf!)).status;
      }),
    );
    const copies = await Promise.all(unconfirmed.map((u) => storedWith(postgres.handle, u.phrase)));
    const lost = (await Promise.all(acknowledged.map((p) => storedWith(postgres.handle, p)))).filter((n) => n !== 1).length;
    report('connections killed, unconfirmed saves sent again (postgres)', {
      'ms of killing': Date.now() - started,
      'saves acknowledged': acknowledged.length,
      'answered 503': unconfirmed.length,
      'of those committed anyway': committedAnyway,
      'sent again from the 503 page': resent.join('/') || '(none)',
      'stored twice': copies.filter((n) => n > 1).length,
      'acknowledged not stored exactly once': lost,
    });
    for (const u of unconfirmed) {
      expect(u.page).toContain('We could not confirm your save. Your text is below; sending it again will not save it twice.');
      expect(bodyOf(u.page)).toContain(u.phrase);
      expect(u.retryAfter).toBe('10');
    }
    // Sent again: stored once (the first had committed, or this one did), or, when it had not and the
    // editor saved on since, an edit conflict with the text kept. Never twice.
    expect(unconfirmed.map((u, i) => ({ phrase: u.phrase, resent: resent[i], copies: copies[i] })).filter((r) => !(r.resent === 303 && r.copies === 1) && !(r.resent === 409 && r.copies === 0))).toEqual([]);
    expect(lost).toBe(0);
    await atoz.stop();
  });

  it('on a full disk the editor page comes back with the text intact and a sentence saying the disk is full', async () => {
    const dir = scratch('atoz-fault-editor-full-');
    const disk = smallDisk(dir, 24, cleanups);
    if (!disk) return void console.log('skipped: a real full disk needs a tmpfs (root); src/editing/routes/save-failures.test.ts covers it with max_page_count');
    const { servers, handle } = await sqliteServers(disk);
    const atoz = servers[0]!;
    const client = await signedIn(atoz, handle.db, 'editor', 'Fay Full');
    const html = await (await client.get('/edit/causes-silica')).text();
    const phrase = 'Typed while the disk was full.';
    const body = `${bodyOf(html)}\n\n${phrase}\n\n${'Words that need room on the disk. '.repeat(500)}\n`;
    // An empty write-ahead log, so the save must grow a file on the full disk.
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(handle.db);
    const freeSpace = fillDisk(disk);
    const res = await client.post('/edit/causes-silica', editorForm(html, { body }), csrfFrom(html));
    const page = await res.text();
    const storedWhileFull = await storedWith(handle, phrase);
    freeSpace();
    // "Send" on the page that came back, once there is room again.
    const again = await client.post('/edit/causes-silica', editorForm(page), csrfFrom(page));
    const stored = await storedWith(handle, phrase);
    const logLine = atoz.output().split('\n').find((l) => l.includes('nothing saved')) ?? '(none)';
    report('disk full, editor (sqlite)', {
      disk: 'tmpfs 24 MB, filled to ENOSPC',
      'answer while full': `${res.status} ${res.headers.get('content-type')?.split(';')[0]}`,
      'text given back intact': bodyOf(page) === body ? 'yes' : 'no',
      'stored while full': storedWhileFull,
      'sent again after freeing space': again.status,
      'stored after': stored,
      'log line': logLine.trim().slice(0, 140),
    });
    expect(res.status).toBe(507);
    expect(page).toContain('Nothing was saved: the server’s disk is full. Your text is below.');
    expect(bodyOf(page)).toBe(body);
    expect(storedWhileFull).toBe(0);
    expect(again.status).toBe(303);
    expect(stored).toBe(1);
    expect(logLine).toMatch(/POST \/edit\/causes-silica: nothing saved, the database disk is full \(.*(SQLITE_FULL|ENOSPC|disk is full)/);
    await atoz.stop();
  });

  it.skipIf(noPostgres)('an editor POST during a database outage gets the honest 503 page, with the text intact, and Retry-After', async () => {
    let proxy: TcpProxy | undefined;
    const { servers, handle } = await postgresServers(1, async (url) => {
      proxy = new TcpProxy('127.0.0.1', Number(new URL(url).port || 5432));
      await proxy.start();
      cleanups.push(() => proxy!.close());
      return throughProxy(url, proxy);
    });
    const atoz = servers[0]!;
    const client = await signedIn(atoz, handle.db, 'editor', 'Otto Outage');
    const html = await (await client.get('/edit/causes-silica')).text();
    const phrase = 'Typed while the database was away.';
    const body = `${bodyOf(html)}\n\n${phrase}\n`;

    await proxy!.cut();
    const cutAt = Date.now();
    const res = await client.post('/edit/causes-silica', editorForm(html, { body }), csrfFrom(html));
    const page = await res.text();
    const answeredMs = Date.now() - cutAt;
    await proxy!.restore();
    const storedDuring = await storedWith(handle, phrase);
    // "Send it again" from the 503 page, twice (a second click), once the database is back.
    const { action, fields } = failurePageForm(page);
    let resent = 0;
    for (let i = 0; i < 50 && resent !== 303; i++) {
      resent = (await client.post(action, fields, fields._csrf!)).status;
      if (resent !== 303) await sleep(200);
    }
    const resentAgain = (await client.post(action, fields, fields._csrf!)).status;
    const stored = await storedWith(handle, phrase);
    report('database outage, editor (postgres, connections refused)', {
      answer: `${res.status} after ${answeredMs} ms, Retry-After ${res.headers.get('retry-after')}`,
      'text given back intact': bodyOf(page) === body ? 'yes' : 'no',
      'stored during the outage': storedDuring,
      'sent again from the 503 page': `${resent}, then ${resentAgain}`,
      'revisions stored': stored,
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('10');
    // Built without the database, but sent like every other page.
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(page).toContain('We could not confirm your save. Your text is below; sending it again will not save it twice.');
    expect(bodyOf(page)).toBe(body);
    expect(action).toBe('/edit/causes-silica');
    expect(fields.saveToken).toBe(editorForm(html).saveToken);
    expect([resent, resentAgain]).toEqual([303, 303]);
    expect(stored).toBe(1);
    await atoz.stop();
  });
});
