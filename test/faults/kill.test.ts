import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openSqlite } from '../../src/db/database.js';
import { createTestDatabase, skipWithoutPostgres } from '../support/database.js';
import { AtozUnderTest, ConcurrentEditors, RepeatedPublisher, missingMarkers, report, signedIn } from './support.js';

// kill -9 in the middle of many concurrent saves: every save an editor saw
// acknowledged (303) is there after the restart, the database is intact,
// and readers see the last publish.

const EDITOR_PAGES = ['causes-silica', 'causes-stress', 'causes-radiation', 'causes-genetics', 'causes-infections', 'causes-cytokines', 'causes-fibroblasts', 'causes-endothelin'];
const PUBLISHED_PAGE = 'causes-hormones-and-chromosomes';

const noPostgres = await skipWithoutPostgres();

const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** SQLite's own check of every page and index; PostgreSQL's crash recovery is the server's business, not atoz's. */
async function integrityOf(handle: DatabaseHandle): Promise<string> {
  if (handle.dialect !== 'sqlite') return 'ok';
  const { rows } = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(handle.db);
  return rows.map((r) => r.integrity_check).join('; ');
}

async function killDuringSaves(name: string, atoz: AtozUnderTest, openDb: () => DatabaseHandle) {
  await atoz.start();
  const handle = await openDb();
  cleanups.push(() => handle.close());
  const editors = new ConcurrentEditors(name, await Promise.all(EDITOR_PAGES.map(async (slug, i) => ({ slug, client: await signedIn(atoz, handle.db, 'editor', `Editor ${i + 1}`) }))));
  const publisher = new RepeatedPublisher(await signedIn(atoz, handle.db, 'editor', 'Publishing Editor'), await signedIn(atoz, handle.db, 'reviewer', 'Dr Review'), PUBLISHED_PAGE, handle.db);

  editors.start();
  publisher.start();
  await editors.untilAcknowledged(40);
  await publisher.untilAcknowledged(2);
  // Mid-way: saves are in flight on every editor's connection.
  const killedAt = performance.now();
  await atoz.kill();
  await Promise.all([editors.stop(), publisher.stop()]);

  const restartMs = await atoz.start();
  const recoveredMs = Math.round(performance.now() - killedAt);
  const acknowledged = editors.acknowledged();
  const lost = await missingMarkers(handle.db, acknowledged);
  const unanswered = editors.attempts.filter((a) => a.status === 'no answer').map((a) => a.marker);
  const storedAnyway = unanswered.length - (await missingMarkers(handle.db, unanswered)).length;
  const integrity = await integrityOf(handle);
  const reader = await (await fetch(`${atoz.url}/directory/${PUBLISHED_PAGE}`)).text();
  const shown = RepeatedPublisher.shownNumber(reader);

  report(`kill -9 (${name})`, {
    editors: EDITOR_PAGES.length,
    'saves acknowledged': acknowledged.length,
    lost: lost.length,
    'unanswered at the kill': unanswered.length,
    'of those stored': storedAnyway,
    'publishes acknowledged': publisher.lastAcknowledged,
    'reader shows publish': shown,
    'restart to serving ms': restartMs,
    'kill to serving ms': recoveredMs,
    integrity: handle.dialect === 'sqlite' ? integrity : 'not checked (PostgreSQL)',
  });
  expect(lost).toEqual([]);
  expect(integrity).toBe('ok');
  // The last acknowledged publish, or one in flight when the process died that had committed.
  expect(shown).toBeGreaterThanOrEqual(publisher.lastAcknowledged);
  expect(shown).toBeLessThanOrEqual(publisher.lastAttempted);

  // And editing simply goes on.
  const after = new ConcurrentEditors(`${name}-after`, [{ slug: EDITOR_PAGES[0]!, client: await signedIn(atoz, handle.db, 'editor', 'Editor after') }]);
  after.start();
  await after.untilAcknowledged(1);
  await after.stop();
  expect(await missingMarkers(handle.db, after.acknowledged())).toEqual([]);
  await atoz.stop();
}

describe('kill -9 during concurrent saves', () => {
  it('on SQLite loses no acknowledged save and leaves an intact database', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'atoz-fault-kill-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const atoz = new AtozUnderTest({ ATOZ_DATA_DIR: dataDir });
    cleanups.push(() => atoz.kill());
    await killDuringSaves('sqlite', atoz, () => openSqlite(dataDir));
  });

  it.skipIf(noPostgres)('on PostgreSQL loses no acknowledged save', async () => {
    const database = await createTestDatabase({ dialect: 'postgres', migrate: false });
    cleanups.push(() => database.drop());
    const dataDir = mkdtempSync(join(tmpdir(), 'atoz-fault-kill-pg-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const atoz = new AtozUnderTest({ DATABASE_URL: database.location, ATOZ_DATA_DIR: dataDir });
    cleanups.push(() => atoz.kill());
    await killDuringSaves('postgres', atoz, () => database.reopen());
  });
});
