import { statSync } from 'node:fs';
import type SQLite from 'better-sqlite3';
import { describeConnectionError } from './connection-errors.js';

/**
 * What an operator needs to know about the database right now, for the
 * admin page and the log: `ok` false means something needs a person, and
 * `problems` says what in plain sentences.
 */
export interface DatabaseHealth {
  dialect: 'sqlite' | 'postgres';
  location: string;
  ok: boolean;
  problems: string[];
  /** When this was last looked at (ISO), null before the first check. */
  checkedAt: string | null;
  /** SQLite: copying the write-ahead log back into the database file (checkpoints). */
  checkpoint?: {
    /** Size of the write-ahead log file in bytes (0 when there is none). */
    walBytes: number;
    /** Frames in the log, and how many of them are already copied into the database file. */
    walFrames: number;
    checkpointedFrames: number;
    lastSuccessAt: string | null;
    /** When checkpoints started failing (ISO), null while they work. */
    failingSince: string | null;
    lastError: string | null;
  };
  /** PostgreSQL: the connection pool and the last time the server did not answer. */
  pool?: {
    total: number;
    idle: number;
    waiting: number;
    lastUnavailableAt: string | null;
    lastUnavailableError: string | null;
  };
}

/** While checkpoints keep failing, the log repeats the warning this often. */
const REMIND_EVERY_MS = 10 * 60_000;

export interface CheckpointMonitor {
  health(): DatabaseHealth;
  /** Runs one PASSIVE checkpoint now and reports. */
  check(): DatabaseHealth;
  stop(): void;
}

/**
 * Watches that SQLite can copy its write-ahead log into the database file.
 * A commit only needs the log (atoz.sqlite-wal), so when the main file
 * cannot be written (made immutable, a failing disk) every save still
 * succeeds while SQLite's automatic checkpoints fail silently: the log grows
 * without end and a copy of atoz.sqlite alone goes stale. A PASSIVE
 * checkpoint every `everyMs` (never waiting for readers or writers) makes
 * that visible: one sentence in the log when it starts failing (repeated
 * every ten minutes) and one when it works again, and `health()` for the
 * admin page. `everyMs` 0: no timer, only explicit checks (tests).
 */
export function monitorCheckpoints(sqlite: SQLite.Database, file: string, everyMs: number, log = { error: (line: string) => console.error(line), info: (line: string) => console.log(line) }): CheckpointMonitor {
  const checkpoint: NonNullable<DatabaseHealth['checkpoint']> = { walBytes: 0, walFrames: 0, checkpointedFrames: 0, lastSuccessAt: null, failingSince: null, lastError: null };
  let checkedAt: string | null = null;
  let lastWarnedAt = 0;

  const health = (): DatabaseHealth => ({
    dialect: 'sqlite',
    location: file,
    ok: checkpoint.failingSince === null,
    problems: checkpoint.failingSince === null ? [] : [failingSentence(file, checkpoint.lastError ?? 'unknown error')],
    checkedAt,
    checkpoint: { ...checkpoint },
  });

  const check = (): DatabaseHealth => {
    // Inside a transaction of this connection (an await in the middle of a save) a checkpoint cannot run; next time.
    if (!sqlite.open || sqlite.inTransaction) return health();
    const now = new Date();
    checkedAt = now.toISOString();
    try {
      const [result] = sqlite.pragma('wal_checkpoint(PASSIVE)') as Array<{ busy: number; log: number; checkpointed: number }>;
      checkpoint.walFrames = Math.max(0, result?.log ?? 0);
      checkpoint.checkpointedFrames = Math.max(0, result?.checkpointed ?? 0);
      checkpoint.lastSuccessAt = checkedAt;
      if (checkpoint.failingSince !== null) {
        log.info(`SQLite can write ${file} again: the write-ahead log is being copied into it (checkpoints failed from ${checkpoint.failingSince} until now).`);
      }
      checkpoint.failingSince = null;
      checkpoint.lastError = null;
    } catch (error) {
      // Another process (ATOZ_PROCESSES > 1) checkpointing at the same moment: its turn, not a fault.
      if (/^SQLITE_(BUSY|LOCKED)/.test(String((error as { code?: unknown }).code))) return health();
      checkpoint.lastError = describeConnectionError(error);
      if (checkpoint.failingSince === null || now.getTime() - lastWarnedAt >= REMIND_EVERY_MS) {
        log.error(failingSentence(file, checkpoint.lastError) + (checkpoint.failingSince ? ` (failing since ${checkpoint.failingSince})` : ''));
        lastWarnedAt = now.getTime();
      }
      checkpoint.failingSince ??= checkedAt;
    }
    checkpoint.walBytes = fileSize(`${file}-wal`);
    return health();
  };

  const timer = everyMs > 0 ? setInterval(check, everyMs) : undefined;
  timer?.unref();
  return { health, check, stop: () => clearInterval(timer) };
}

function failingSentence(file: string, reason: string): string {
  return (
    `SQLite cannot copy its write-ahead log into ${file} (${reason}). ` +
    `Saves still succeed and are kept in ${file}-wal, but that file keeps growing and a copy of ${file} alone is out of date. ` +
    'Check that the file can be written (permissions, chattr -i, a read-only or failing disk) and that the disk has room; ' +
    'back up with `npm run atoz -- backup`, never by copying the file.'
  );
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
