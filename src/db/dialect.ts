import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, type CreateTableBuilder, sql } from 'kysely';
import type { Dialect } from './database.js';

/** Which backend a Kysely instance talks to (migrations receive Kysely<any>). */
export function dialectOf(db: Kysely<any>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** Adds an auto-incrementing integer primary key named `id` on either backend. */
export function withId<T extends string>(db: Kysely<any>, table: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'> {
  return dialectOf(db) === 'postgres'
    ? table.addColumn('id', 'serial', (c: ColumnDefinitionBuilder) => c.primaryKey())
    : table.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement());
}

/**
 * Holds the lock named `name` until the transaction ends, on every server of
 * the database: a check-then-insert that no unique index can express (an
 * address claimed by a never-published draft) is then one at a time. On
 * PostgreSQL a transaction-scoped advisory lock (released at commit or
 * rollback, or by the server if the connection dies); on SQLite none is
 * needed: one server writes through one connection, one transaction at a time.
 */
export async function lockUntilCommit(tx: Kysely<any>, name: string): Promise<void> {
  if (dialectOf(tx) !== 'postgres') return;
  await sql`select pg_advisory_xact_lock(hashtext(${name}))`.execute(tx);
}
