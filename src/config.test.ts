import { describe, expect, it, test } from 'vitest';
import { ConfigError, configWarnings, loadConfig } from './config.js';

describe('configuration', () => {
  test.each(['javascript:alert(1)', 'data:text/html,hi', 'ftp://example.org', 'mailto:a@example.org'])('refuses ATOZ_PUBLIC_URL=%j', (url) => {
    expect(() => loadConfig({ ATOZ_PUBLIC_URL: url })).toThrow(ConfigError);
  });

  test('takes an http(s) ATOZ_PUBLIC_URL', () => {
    expect(loadConfig({ ATOZ_PUBLIC_URL: 'https://directory.example.org' }).publicUrl).toBe('https://directory.example.org');
  });
});

describe('start-up warnings', () => {
  test('warn when ATOZ_TRUST_PROXY=1 while listening on every interface', () => {
    for (const host of ['0.0.0.0', '::', '[::]']) {
      const warnings = configWarnings(loadConfig({ ATOZ_TRUST_PROXY: '1', HOST: host }));
      expect(warnings, host).toEqual([expect.stringContaining('X-Forwarded-For')]);
      expect(warnings[0]).toContain('sign-in limit');
    }
  });

  test('say nothing behind a proxy on one address, or without a proxy', () => {
    expect(configWarnings(loadConfig({ ATOZ_TRUST_PROXY: '1', HOST: '10.0.0.11' }))).toEqual([]);
    expect(configWarnings(loadConfig({ ATOZ_TRUST_PROXY: '1' }))).toEqual([]);
    expect(configWarnings(loadConfig({ HOST: '0.0.0.0' }))).toEqual([]);
  });
});


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
