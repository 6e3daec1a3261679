import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.js';

/** What copying needs to know about one table, read from the database itself. */
export interface TableInfo {
  name: string;
  /** Ordinary (not generated) columns, in declaration order. */
  columns: string[];
  /** Primary key columns in key order; empty when the table has none. */
  keyColumns: string[];
  /** Columns holding integers (their values are compared as integers whatever the driver returns). */
  integerColumns: Set<string>;
  /** Columns holding text (ordered byte-wise on both backends). */
  textColumns: Set<string>;
  /** Foreign keys: this table's column → the table it points at. */
  references: Array<{ column: string; table: string }>;
  /** Columns filled from a sequence (PostgreSQL serial or identity). */
  sequenceColumns: string[];
}

/** Kysely's own bookkeeping; each side migrates itself, so these are never copied. */
const MIGRATION_TABLES = new Set(['kysely_migration', 'kysely_migration_lock']);

/** Every ordinary table of the database, except migration bookkeeping and SQLite's internals (FTS shadow tables, …). */
export async function introspect(db: Kysely<any>, dialect: Dialect): Promise<Map<string, TableInfo>> {
  const tables = dialect === 'sqlite' ? await sqliteTables(db) : await postgresTables(db);
  return new Map(tables.filter((t) => !MIGRATION_TABLES.has(t.name)).map((t) => [t.name, t]));
}

/** Every table name, bookkeeping included: a database with none is empty. */
export async function tableNames(db: Kysely<any>, dialect: Dialect): Promise<string[]> {
  const { rows } =
    dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(db)
      : await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db);
  return rows.map((r) => r.name);
}

async function sqliteTables(db: Kysely<any>): Promise<TableInfo[]> {
  // table_list's type tells plain tables from virtual (FTS5) tables and their shadow tables.
  const { rows: list } = await sql<{ name: string; type: string; schema: string }>`select name, type, schema from pragma_table_list`.execute(db);
  const names = list.filter((t) => t.schema === 'main' && t.type === 'table' && !t.name.startsWith('sqlite_')).map((t) => t.name).sort();
  const infos: TableInfo[] = [];
  for (const name of names) {
    // table_xinfo lists generated columns too (hidden 2 or 3), which cannot be written.
    const { rows: cols } = await sql<{ name: string; type: string; pk: number; hidden: number }>`select name, type, pk, hidden from pragma_table_xinfo(${name})`.execute(db);
    const { rows: fks } = await sql<{ table: string; from: string }>`select "table", "from" from pragma_foreign_key_list(${name})`.execute(db);
    const plain = cols.filter((c) => c.hidden === 0);
    infos.push({
      name,
      columns: plain.map((c) => c.name),
      keyColumns: plain.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name),
      // SQLite's type affinity rules: a declared type containing INT is an integer column, CHAR/CLOB/TEXT a text one.
      integerColumns: new Set(plain.filter((c) => /INT/i.test(c.type)).map((c) => c.name)),
      textColumns: new Set(plain.filter((c) => /CHAR|CLOB|TEXT/i.test(c.type)).map((c) => c.name)),
      references: fks.map((f) => ({ column: f.from, table: f.table })),
      sequenceColumns: [],
    });
  }
  return infos;
}

async function postgresTables(db: Kysely<any>): Promise<TableInfo[]> {
  const { rows: cols } = await sql<{ table_name: string; column_name: string; data_type: string; is_generated: string; column_default: string | null; is_identity: string }>`
    select table_name, column_name, data_type, is_generated, column_default, is_identity
    from information_schema.columns
    where table_schema = current_schema()
      and table_name in (select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE')
    order by table_name, ordinal_position`.execute(db);
  const { rows: keys } = await sql<{ table_name: string; column_name: string }>`
    select c.relname as table_name, a.attname as column_name
    from pg_index i
    join pg_class c on c.oid = i.indrelid
    join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
    where i.indisprimary and c.relnamespace = current_schema()::regnamespace
    order by c.relname, array_position(i.indkey::int2[], a.attnum)`.execute(db);
  const { rows: fks } = await sql<{ table_name: string; column_name: string; referenced: string }>`
    select c.relname as table_name, a.attname as column_name, r.relname as referenced
    from pg_constraint k
    join pg_class c on c.oid = k.conrelid
    join pg_class r on r.oid = k.confrelid
    join pg_attribute a on a.attrelid = k.conrelid and a.attnum = any(k.conkey)
    where k.contype = 'f' and c.relnamespace = current_schema()::regnamespace`.execute(db);

  const byTable = new Map<string, TableInfo>();
  for (const c of cols) {
    let info = byTable.get(c.table_name);
    if (!info) {
      info = { name: c.table_name, columns: [], keyColumns: [], integerColumns: new Set(), textColumns: new Set(), references: [], sequenceColumns: [] };
      byTable.set(c.table_name, info);
    }
    if (c.is_generated === 'ALWAYS') continue;
    info.columns.push(c.column_name);
    if (['smallint', 'integer', 'bigint'].includes(c.data_type)) info.integerColumns.add(c.column_name);
    if (['text', 'character varying', 'character'].includes(c.data_type)) info.textColumns.add(c.column_name);
    if (c.is_identity === 'YES' || c.column_default?.startsWith('nextval(')) info.sequenceColumns.push(c.column_name);
  }
  for (const k of keys) byTable.get(k.table_name)?.keyColumns.push(k.column_name);
  for (const f of fks) byTable.get(f.table_name)?.references.push({ column: f.column_name, table: f.referenced });
  return [...byTable.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Orders tables so every table comes after the tables it points at (a
 * table pointing at itself is handled by the copy, not here). Throws on a
 * cycle between different tables, which the atoz schema does not have.
 */
export function dependencyOrder(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const ordered: TableInfo[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (table: TableInfo, trail: string[]) => {
    if (state.get(table.name) === 'done') return;
    if (state.get(table.name) === 'visiting') throw new Error(`Tables refer to each other in a cycle (${[...trail, table.name].join(' → ')}); cannot choose a copy order`);
    state.set(table.name, 'visiting');
    for (const ref of table.references) {
      const parent = byName.get(ref.table);
      if (parent && parent.name !== table.name) visit(parent, [...trail, table.name]);
    }
    state.set(table.name, 'done');
    ordered.push(table);
  };
  for (const table of [...tables].sort((a, b) => a.name.localeCompare(b.name))) visit(table, []);
  return ordered;
}
