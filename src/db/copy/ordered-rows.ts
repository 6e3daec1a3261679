import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Dialect } from '../database.js';
import type { TableInfo } from './introspect.js';

export type Row = Record<string, unknown>;

/**
 * Reads a table in batches, in the same order on both backends: by primary
 * key, text compared byte by byte (SQLite's BINARY, PostgreSQL's "C"
 * collation), nulls first. With a key it pages by key (fast on big tables);
 * without one it orders by every column and pages by offset.
 */
export async function* orderedRows(db: Kysely<any>, dialect: Dialect, table: TableInfo, columns: string[], batchSize: number): AsyncGenerator<Row[]> {
  const keyed = table.keyColumns.length > 0;
  const orderColumns = keyed ? table.keyColumns : columns;
  const expr = (c: string): RawBuilder<unknown> =>
    dialect === 'postgres' && table.textColumns.has(c) ? sql`${sql.id(c)} collate "C"` : sql`${sql.id(c)}`;
  const orderBy = sql.join(orderColumns.map((c) => sql`${expr(c)} nulls first`));
  const select = sql.join(columns.map((c) => sql.id(c)));
  let last: Row | undefined;
  for (let offset = 0; ; offset += batchSize) {
    const after =
      keyed && last
        ? sql`where (${sql.join(table.keyColumns.map(expr))}) > (${sql.join(table.keyColumns.map((c) => last![c]))})`
        : sql``;
    const page = keyed ? sql`limit ${batchSize}` : sql`limit ${batchSize} offset ${offset}`;
    const { rows } = await sql<Row>`select ${select} from ${sql.table(table.name)} ${after} order by ${orderBy} ${page}`.execute(db);
    if (!rows.length) return;
    yield rows;
    if (rows.length < batchSize) return;
    last = rows[rows.length - 1];
  }
}
