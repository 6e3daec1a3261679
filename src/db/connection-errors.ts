/** Node socket error codes that mean "the database server cannot be reached right now". */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);

/**
 * PostgreSQL SQLSTATEs of the same kind: 57P01 admin_shutdown, 57P02
 * crash_shutdown, 57P03 cannot_connect_now (starting up), 53300
 * too_many_connections; class 08 (connection exception) is matched by prefix.
 */
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '53300']);

/** What node-postgres says when a socket dies or a pooled connection cannot be had in time. */
const PG_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'is not queryable',
  'Connection closed',
  // query_timeout: the server stopped answering mid-query (a silent network cut); the connection is dropped.
  'Query read timeout',
];

/**
 * Whether an error means the database is unreachable (restarting, network
 * cut, overloaded), as opposed to a bug or bad data: the first deserves a 503
 * with Retry-After and a retry, the second a 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return anyInChain(error, ({ code, message }) =>
    (typeof code === 'string' && (NETWORK_CODES.has(code) || SERVER_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) ||
    (typeof message === 'string' && PG_MESSAGES.some((m) => message.includes(m))),
  );
}

/**
 * Whether the database refused a write because its disk is full: SQLite's
 * SQLITE_FULL (also what `PRAGMA max_page_count` gives), the system's ENOSPC,
 * PostgreSQL's 53100 disk_full. Not an outage to retry in ten seconds: the
 * operator must free space.
 */
export function isDiskFull(error: unknown): boolean {
  return anyInChain(error, ({ code }) => code === 'SQLITE_FULL' || code === 'ENOSPC' || code === '53100');
}

/**
 * Whether the database cannot be written at all: a read-only SQLite file
 * (SQLITE_READONLY and its variants), a read-only file system (EROFS), or a
 * PostgreSQL standby (25006 read_only_sql_transaction, e.g. after a failover
 * to the wrong server).
 */
export function isReadOnly(error: unknown): boolean {
  return anyInChain(error, ({ code }) => typeof code === 'string' && (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === '25006'));
}

type ErrorFields = { code?: unknown; message?: unknown };

/** `test` on the error, its causes and, for an AggregateError, each of its errors; safe on cycles. */
function anyInChain(error: unknown, test: (fields: ErrorFields) => boolean): boolean {
  const seen = new Set<unknown>();
  const visit = (e: unknown): boolean => {
    if (!e || typeof e !== 'object' || seen.has(e)) return false;
    seen.add(e);
    if (test(e as ErrorFields)) return true;
    const { cause, errors } = e as { cause?: unknown; errors?: unknown };
    // Node reports a failed connect to several addresses (::1 and 127.0.0.1) as an AggregateError.
    if (Array.isArray(errors) && errors.some(visit)) return true;
    return visit(cause);
  };
  return visit(error);
}

/** A short reason for logs and start-up messages: the code when there is one. */
export function describeConnectionError(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown; errors?: Array<{ message?: unknown }> } | undefined;
  const code = typeof e?.code === 'string' ? e.code : undefined;
  const message = typeof e?.message === 'string' && e.message ? e.message : String(e?.errors?.[0]?.message ?? error);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}
