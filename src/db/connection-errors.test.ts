import { describe, expect, it } from 'vitest';
import { describeConnectionError, isDatabaseUnavailable, isDiskFull, isReadOnly } from './connection-errors.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it('recognises a server that is down, restarting or cut off', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P03', '08006', '08001', '53300']) {
      expect(isDatabaseUnavailable(withCode(code)), code).toBe(true);
    }
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    // node-postgres's query_timeout: the server stopped answering in the middle of a query (a silent network cut).
    expect(isDatabaseUnavailable(new Error('Query read timeout'))).toBe(true);
    // Node's connect to ::1 and 127.0.0.1 failing together.
    expect(isDatabaseUnavailable(new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')]))).toBe(true);
    expect(isDatabaseUnavailable(new Error('wrapped', { cause: withCode('57P01') }))).toBe(true);
  });

  it('leaves bugs and bad data to be 500s', () => {
    for (const code of ['23505', '42P01', '22P02', '3D000', '28P01', 'SQLITE_CONSTRAINT']) {
      expect(isDatabaseUnavailable(withCode(code)), code).toBe(false);
    }
    expect(isDatabaseUnavailable(new TypeError('Cannot read properties of undefined'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
    const loop: Error & { cause?: unknown } = new Error('loop');
    loop.cause = loop;
    expect(isDatabaseUnavailable(loop)).toBe(false);
  });
});

describe('describeConnectionError', () => {
  it('names the code once', () => {
    expect(describeConnectionError(withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'))).toBe('connect ECONNREFUSED 127.0.0.1:5432');
    expect(describeConnectionError(withCode('57P01', 'terminating connection due to administrator command'))).toBe('57P01: terminating connection due to administrator command');
  });
});

describe('isDiskFull and isReadOnly', () => {
  it('recognise a full disk on either database, however deeply wrapped', () => {
    for (const code of ['SQLITE_FULL', 'ENOSPC', '53100']) expect(isDiskFull(withCode(code)), code).toBe(true);
    expect(isDiskFull(new Error('Database migration failed', { cause: withCode('SQLITE_FULL') }))).toBe(true);
    for (const code of ['SQLITE_READONLY', 'SQLITE_IOERR_WRITE', '23505', 'EPERM']) expect(isDiskFull(withCode(code)), code).toBe(false);
    expect(isDiskFull(undefined)).toBe(false);
  });

  it('recognise a database that cannot be written', () => {
    for (const code of ['SQLITE_READONLY', 'SQLITE_READONLY_DBMOVED', 'EROFS', '25006']) expect(isReadOnly(withCode(code)), code).toBe(true);
    for (const code of ['SQLITE_FULL', 'SQLITE_CONSTRAINT', '57P01']) expect(isReadOnly(withCode(code)), code).toBe(false);
    // A full disk or a read-only file is not an outage to retry in ten seconds.
    expect(isDatabaseUnavailable(withCode('SQLITE_FULL'))).toBe(false);
    expect(isDatabaseUnavailable(withCode('SQLITE_READONLY'))).toBe(false);
  });
});
