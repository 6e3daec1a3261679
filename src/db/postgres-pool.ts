import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type PgDriver from 'pg';
import { describeConnectionError, isDatabaseUnavailable } from './connection-errors.js';
import type { DatabaseHealth } from './health.js';

/**
 * The pg pool as Kysely sees it, with one rule added: a connection whose
 * query timed out (`query_timeout`: the server stopped answering, e.g. a
 * silent network cut) or lost its server is never used again. node-postgres
 * leaves such a client in the pool with the unanswered query still queued,
 * so the next request would wait on it too; here every later query on it
 * (Kysely's ROLLBACK included) fails at once with the original error, and
 * releasing it closes it. The pool opens a fresh connection when needed.
 */
export function guardedPool(pool: PgDriver.Pool): { pool: PostgresPool; health(location: string): DatabaseHealth } {
  let lastUnavailableAt: string | null = null;
  let lastUnavailableError: string | null = null;

  const guard = (client: PgDriver.PoolClient): PostgresPoolClient => {
    let broken: unknown;
    const query = async (sql: string, parameters: ReadonlyArray<unknown>) => {
      if (broken) throw broken;
      try {
        return await client.query(sql, [...parameters]);
      } catch (error) {
        if (isDatabaseUnavailable(error)) {
          broken = error;
          lastUnavailableAt = new Date().toISOString();
          lastUnavailableError = describeConnectionError(error);
        }
        throw error;
      }
    };
    return {
      query: query as unknown as PostgresPoolClient['query'],
      // pg destroys a client released with an error (or true) instead of pooling it.
      release: (destroy?: boolean) => client.release(broken instanceof Error ? broken : destroy === true || broken !== undefined),
    };
  };

  return {
    pool: {
      connect: async () => {
        try {
          return guard(await pool.connect());
        } catch (error) {
          if (isDatabaseUnavailable(error)) {
            lastUnavailableAt = new Date().toISOString();
            lastUnavailableError = describeConnectionError(error);
          }
          throw error;
        }
      },
      end: () => pool.end(),
    },
    health: (location) => {
      const recent = lastUnavailableAt !== null && Date.now() - Date.parse(lastUnavailableAt) < 60_000;
      return {
        dialect: 'postgres',
        location,
        ok: !recent,
        problems: recent ? [`PostgreSQL at ${location} did not answer at ${lastUnavailableAt} (${lastUnavailableError}); requests that needed it got a 503.`] : [],
        checkedAt: new Date().toISOString(),
        pool: { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, lastUnavailableAt, lastUnavailableError },
      };
    },
  };
}
