import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createAtoz } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { redactUrl } from '../../src/db/database.js';
import { packageRoot } from '../../src/web/package-root.js';

/** A throwaway PostgreSQL database holding the demo directory. */
export interface PostgresDemoDatabase {
  /** postgres://… of the new database, for DATABASE_URL. */
  url: string;
  /** Drops the database (closing anything still connected to it). */
  drop(): Promise<void>;
}

/**
 * Creates a fresh database on the server of BENCH_POSTGRES_URL (else
 * DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres), migrates it
 * and imports the demo as a first `npm start` would. Throws a one-line reason
 * when no server answers, so the benchmark can skip its PostgreSQL column.
 */
export async function createPostgresDemoDatabase(): Promise<PostgresDemoDatabase> {
  const serverUrl = process.env.BENCH_POSTGRES_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `atoz_bench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await admin(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'atoz-bench-pg-'));
  const drop = async () => {
    await admin(serverUrl, `drop database if exists ${name} with (force)`);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const config = loadConfig({}, { databaseUrl: url.toString(), dataDir, contentDir: join(packageRoot(), 'content'), worker: false, dbStartupWaitMs: 0 });
    const atoz = await createAtoz(config);
    await atoz.close();
  } catch (error) {
    await drop().catch(() => {});
    throw error;
  }
  return { url: url.toString(), drop };
}

async function admin(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3000 });
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`no PostgreSQL answers at ${redactUrl(serverUrl)} (${(error as Error).message}); set BENCH_POSTGRES_URL`);
  }
  try {
    await client.query(statement);
  } finally {
    await client.end().catch(() => {});
  }
}
