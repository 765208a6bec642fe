/**
 * Whether an error means the database could not be reached or dropped the connection, as
 * opposed to refusing a statement: the first answers 503 and is retried, the second is a bug or
 * a rule. Pure: it reads the shapes the drivers throw, and imports no client.
 *
 * What reaches us, as tried against a stopped, restarting and black-holed server (Prisma 7
 * with @prisma/adapter-pg, and pg itself for the LISTEN connection and scripts):
 *   - Prisma P1001 / P2010 with meta.driverAdapterError.cause.kind "DatabaseNotReachable"
 *     (ECONNREFUSED), "ConnectionClosed" (ECONNRESET), "SocketTimeout" (ETIMEDOUT);
 *   - Prisma P2010 with cause kind "postgres" and code 57P01 (the server shutting down mid-query);
 *   - a plain Error "Connection terminated unexpectedly" or "… due to connection timeout" (pg,
 *     passed through unchanged by the adapter), "timeout exceeded when trying to connect" (the
 *     pool, all connections busy or none could open);
 *   - pg's own errors carrying the SQLSTATE or the socket code in `code`.
 */

/** Prisma's codes for "could not reach / lost the server" and "no connection from the pool in time". */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
/** @prisma/adapter-pg's kinds for socket-level failures (its mapSocketError) and a full server. */
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH']);
/**
 * SQLSTATEs of a server that is going away or not there yet: class 08 (connection exception),
 * 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up or in
 * recovery), 53300 too_many_connections.
 */
const isUnavailableSqlState = (code: string) => /^08[0-9A-Z]{3}$/.test(code) || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300';
const MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error and is not queryable|Connection is closed|Can't reach database server)/;

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: { cause?: { kind?: unknown; code?: unknown; originalCode?: unknown } } };
}

function unavailableHere(error: ErrorLike): boolean {
  const code = typeof error.code === 'string' ? error.code : '';
  if (PRISMA_CODES.has(code) || SOCKET_CODES.has(code) || isUnavailableSqlState(code)) return true;
  const adapter = error.meta?.driverAdapterError?.cause;
  if (adapter) {
    if (typeof adapter.kind === 'string' && ADAPTER_KINDS.has(adapter.kind)) return true;
    const sqlState = typeof adapter.originalCode === 'string' ? adapter.originalCode : typeof adapter.code === 'string' ? adapter.code : '';
    if (isUnavailableSqlState(sqlState)) return true;
  }
  return typeof error.message === 'string' && MESSAGES.test(error.message);
}

/** True when `error` (or an error in its `cause` chain) says the database is unreachable or went away. */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
    if (current instanceof DatabaseUnavailableError || unavailableHere(current as ErrorLike)) return true;
    current = (current as ErrorLike).cause;
  }
  return false;
}

/** Thrown where a database failure is known to be an outage but the driver's error is not at hand (the session check). */
export class DatabaseUnavailableError extends Error {
  constructor(message = 'The database is unavailable.', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseUnavailableError';
  }
}
