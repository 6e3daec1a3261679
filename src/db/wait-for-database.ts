import { setTimeout as delay } from 'node:timers/promises';
import { sql } from 'kysely';
import { ConfigError } from '../config.js';
import { describeConnectionError, isDatabaseUnavailable } from './connection-errors.js';
import type { DatabaseHandle } from './database.js';

/** The database did not answer at start, or refused us for a reason the operator must fix; printed without a stack trace. */
export class DatabaseUnreachableError extends ConfigError {
  override name = 'DatabaseUnreachableError';
}

export interface WaitOptions {
  /** Give up after this many milliseconds of retrying (config dbStartupWaitMs). */
  totalMs: number;
  /** First pause between attempts; doubles each time up to maxDelayMs. */
  firstDelayMs?: number;
  maxDelayMs?: number;
  log?: (line: string) => void;
  /** Injected in tests so backoff runs without real waiting. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** What the operator set the address with, for advice in messages. Default DATABASE_URL. */
  urlName?: string;
}

/**
 * Waits until the database answers a trivial query, retrying with backoff
 * (0.5 s doubling to 10 s) while it is unreachable: servers in a fleet often
 * start before their database does. Problems retrying cannot fix (wrong
 * password, missing database) fail at once with a plain message.
 */
export async function waitForDatabase(handle: DatabaseHandle, options: WaitOptions): Promise<void> {
  if (handle.dialect === 'sqlite') return;
  const { totalMs, firstDelayMs = 500, maxDelayMs = 10_000, log = (l) => console.error(l), sleep = (ms) => delay(ms), now = Date.now, urlName = 'DATABASE_URL' } = options;
  const started = now();
  let pause = firstDelayMs;
  for (let attempt = 1; ; attempt++) {
    try {
      await sql`select 1`.execute(handle.db);
      if (attempt > 1) log(`PostgreSQL at ${handle.location} answered after ${seconds(now() - started)}.`);
      return;
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw explainRefusal(error, handle.location, urlName);
      const waited = now() - started;
      if (waited + pause > totalMs) {
        throw new DatabaseUnreachableError(
          `PostgreSQL at ${handle.location} did not answer within ${seconds(totalMs)} (${describeConnectionError(error)}). ` +
            `Check that the server is running and reachable and that ${urlName} is right` +
            (urlName === 'DATABASE_URL' ? '; ATOZ_DB_STARTUP_WAIT_MS sets how long to keep trying.' : '.'),
          { cause: error },
        );
      }
      log(`Waiting for PostgreSQL at ${handle.location} (${describeConnectionError(error)}); trying again in ${seconds(pause)}…`);
      await sleep(pause);
      pause = Math.min(pause * 2, maxDelayMs);
    }
  }
}

/** Turns PostgreSQL's refusals into sentences that say what to change. */
function explainRefusal(error: unknown, location: string, urlName: string): Error {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === '3D000') {
    return new DatabaseUnreachableError(`${message} at ${location}: create it first (createdb), or fix the database name in ${urlName}.`, { cause: error });
  }
  if (code === '28P01' || code === '28000') {
    return new DatabaseUnreachableError(`PostgreSQL at ${location} refused the login (${message}): check the user and password in ${urlName}.`, { cause: error });
  }
  return error instanceof Error ? error : new Error(message);
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}
