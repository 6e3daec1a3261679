import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openPostgres, openSqlite } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { importDemoInto } from './app.js';
import { type TemplateDatabases, createPostgresDatabase, dropPostgresDatabase, postgresUrlOf } from './database.js';

/**
 * Global setup of each database project (vitest.config.ts): migrates one
 * database and imports the demo into another, once, before any test file runs;
 * test databases are then copies of these (test/support/database.ts). Migrating
 * and importing in every file cost the suite minutes on two cores.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dialect = project.config.env?.ATOZ_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
  const started = performance.now();
  const made = { migrated: '', demo: '' };
  const cleanups: Array<() => Promise<void>> = [];

  const tag = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  for (const kind of ['migrated', 'demo'] as const) {
    const dataDir = mkdtempSync(join(tmpdir(), `atoz-template-${kind}-`));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    // SQLite: the folder is the template. PostgreSQL: a database of the server.
    const name = `atoz_template_${kind}_${tag}`;
    if (dialect === 'postgres') {
      await createPostgresDatabase(name);
      cleanups.push(() => dropPostgresDatabase(name));
    }
    const handle =
      dialect === 'sqlite' ? openSqlite(dataDir) : openPostgres({ dataDir, dbPoolSize: 2, dbConnectTimeoutMs: 5000, dbStatementTimeoutMs: 60_000 }, postgresUrlOf(name));
    try {
      await migrateToLatest(handle.db);
      if (kind === 'demo') await importDemoInto(handle, dataDir);
    } finally {
      // SQLite checkpoints its WAL into the file, so a copy of the folder is the whole database;
      // nobody may stay connected to a PostgreSQL template, or copies would wait for them.
      await handle.close();
    }
    made[kind] = dialect === 'sqlite' ? dataDir : name;
  }

  project.provide('templateDatabases', { [dialect]: made } satisfies TemplateDatabases);
  console.log(`${project.name}: template databases ready in ${Math.round(performance.now() - started)} ms`);
  return async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: Error) => console.error(`could not remove a template database: ${error.message}`));
  };
}
