import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import type { TableInfo } from './introspect.js';
import { orderedRows } from './ordered-rows.js';

export interface TableChecksum {
  rows: number;
  /** sha256 (hex) over the normalised rows in key order. */
  sha256: string;
}

/**
 * Content checksum of a table that comes out the same on SQLite and
 * PostgreSQL for the same data: rows in the same order (see orderedRows),
 * columns by name, each value normalised so driver differences (PostgreSQL
 * bigint as a string, SQLite integers as numbers, booleans) do not matter.
 */
export async function tableChecksum(db: Kysely<any>, dialect: Dialect, table: TableInfo, columns: string[], batchSize = 1000): Promise<TableChecksum> {
  const hash = createHash('sha256');
  const names = [...columns].sort();
  let rows = 0;
  for await (const batch of orderedRows(db, dialect, table, columns, batchSize)) {
    for (const row of batch) {
      hash.update(JSON.stringify(names.map((c) => normaliseValue(row[c], table.integerColumns.has(c)))));
      hash.update('\n');
      rows++;
    }
  }
  return { rows, sha256: hash.digest('hex') };
}

/** One value in a backend-neutral form: [type tag, text]. */
export function normaliseValue(value: unknown, integerColumn: boolean): [string, string] | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return ['n', value ? '1' : '0'];
  if (typeof value === 'bigint') return ['n', value.toString()];
  if (typeof value === 'number') return ['n', Number.isInteger(value) ? BigInt(value).toString() : String(value)];
  if (typeof value === 'string') return integerColumn && /^-?\d+$/.test(value) ? ['n', BigInt(value).toString()] : ['s', value];
  if (Buffer.isBuffer(value)) return ['b', value.toString('hex')];
  if (value instanceof Date) return ['s', value.toISOString()];
  return ['s', JSON.stringify(value)];
}
