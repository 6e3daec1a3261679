import { existsSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigError } from '../../config.js';
import { type DatabaseHandle, openPostgres, openSqliteFile } from '../database.js';

/** A database named on the command line: a postgres:// URL, a SQLite file, or a data directory holding atoz.sqlite. */
export interface Location {
  kind: 'sqlite' | 'postgres';
  /** The URL, or the absolute path of the SQLite file. */
  target: string;
  /** For messages: password hidden. */
  label: string;
}

export function parseLocation(text: string): Location {
  if (/^postgres(ql)?:\/\//.test(text)) {
    let label = text;
    try {
      const url = new URL(text);
      if (url.password) url.password = '***';
      label = url.toString();
    } catch {
      throw new ConfigError(`"${text}" is not a valid PostgreSQL URL (postgres://user:password@host:5432/database)`);
    }
    return { kind: 'postgres', target: text, label };
  }
  const path = resolve(text);
  // A data directory (ATOZ_DATA_DIR) is accepted for its atoz.sqlite.
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, 'atoz.sqlite') : path;
  return { kind: 'sqlite', target: file, label: file };
}

/** Same database named twice (copying onto itself would destroy it). */
export function sameLocation(a: Location, b: Location): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'sqlite') return a.target === b.target;
  const [x, y] = [new URL(a.target), new URL(b.target)];
  const norm = (u: URL) => `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  return norm(x) === norm(y);
}

/** Opens a source (must exist) or a target (a missing SQLite file is created). */
export function openLocation(location: Location, role: 'source' | 'target'): DatabaseHandle {
  if (location.kind === 'postgres') {
    // A copy reads whole tables: no per-statement limit, a small pool.
    return openPostgres({ dataDir: '.', dbPoolSize: 2, dbConnectTimeoutMs: 10_000, dbStatementTimeoutMs: 24 * 3_600_000 }, location.target);
  }
  if (role === 'source' && !existsSync(location.target)) {
    throw new ConfigError(`There is no SQLite database at ${location.target}`);
  }
  if (role === 'target' && !existsSync(dirname(location.target))) {
    throw new ConfigError(`The folder ${dirname(location.target)} does not exist; create it first`);
  }
  return openSqliteFile(location.target, { mustExist: role === 'source' });
}

/** Deletes a SQLite file this copy created, with its WAL companions. */
export function removeSqliteFile(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
}
