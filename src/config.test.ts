import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('database timeouts in the configuration', () => {
  it('fail fast by default: statements 5 s, any answer from PostgreSQL 1 s longer (set where the pool is made)', () => {
    const config = loadConfig({});
    expect(config.dbStatementTimeoutMs).toBe(5000);
    expect(config.dbQueryTimeoutMs).toBeUndefined();
    expect(config.sqliteCheckpointMs).toBe(10_000);
    expect(loadConfig({ ATOZ_DB_QUERY_TIMEOUT_MS: '8000', ATOZ_SQLITE_CHECKPOINT_MS: '500' })).toMatchObject({ dbQueryTimeoutMs: 8000, sqliteCheckpointMs: 500 });
  });

  it('refuses a query timeout that would cut off statements PostgreSQL is still allowed to run', () => {
    expect(() => loadConfig({ ATOZ_DB_QUERY_TIMEOUT_MS: '5000' })).toThrow(ConfigError);
    expect(() => loadConfig({ ATOZ_DB_STATEMENT_TIMEOUT_MS: '20000', ATOZ_DB_QUERY_TIMEOUT_MS: '10000' })).toThrow(
      'ATOZ_DB_QUERY_TIMEOUT_MS (10000) must be longer than ATOZ_DB_STATEMENT_TIMEOUT_MS (20000)',
    );
  });
});
