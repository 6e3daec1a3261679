import { sql } from 'kysely';
import type { DatabaseHandle } from './database.js';

/**
 * Runs `work` while holding a lock named `name` across every server on the
 * database, so chores such as the first-start content import happen once even
 * when a fleet starts together. On PostgreSQL it is a session advisory lock
 * held on its own pooled connection (released by the server if we die); the
 * embedded SQLite file has one server, so no lock is needed.
 */
export async function withDatabaseLock<T>(handle: DatabaseHandle, name: string, work: () => Promise<T>): Promise<T> {
  if (handle.dialect === 'sqlite') return work();
  return handle.db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(hashtext(${name}))`.execute(connection);
    try {
      return await work();
    } finally {
      await sql`select pg_advisory_unlock(hashtext(${name}))`.execute(connection).catch(() => {});
    }
  });
}
