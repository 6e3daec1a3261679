import pg from 'pg';

/** Server-level URL used to create and drop per-test databases. */
export const POSTGRES_ADMIN_URL = process.env.ATOZ_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Whether a PostgreSQL server answers at `url` within two seconds (used by vitest.config.ts and the tests). */
export async function probePostgres(url = POSTGRES_ADMIN_URL): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}
