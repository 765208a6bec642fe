import { describe, expect, it } from 'vitest';
import { DatabaseUnavailableError, isDatabaseUnavailable } from './db-unavailable.ts';

/** The shapes Prisma 7 with @prisma/adapter-pg threw against a stopped, restarting and black-holed server. */
const prismaError = (code: string, cause: Record<string, unknown>) =>
  Object.assign(new Error('Invalid `prisma.x()` invocation'), {
    code,
    meta: { driverAdapterError: { name: 'DriverAdapterError', cause } },
    clientVersion: '7',
  });
const socketError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, errno: -111, syscall: 'connect' });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a stopped server (model query)', prismaError('P1001', { kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 5432 })],
    ['a stopped server (raw query)', prismaError('P2010', { kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 5432 })],
    ['a reset connection', prismaError('P2010', { kind: 'ConnectionClosed' })],
    ['a socket timeout', prismaError('P2010', { kind: 'SocketTimeout' })],
    [
      'a server shutting down mid-query',
      prismaError('P2010', {
        kind: 'postgres',
        originalCode: '57P01',
        code: '57P01',
        severity: 'FATAL',
        message: 'terminating connection due to administrator command',
      }),
    ],
    [
      'a server still starting',
      prismaError('P2010', { kind: 'postgres', originalCode: '57P03', code: '57P03', severity: 'FATAL', message: 'the database system is starting up' }),
    ],
    ['a full server', prismaError('P2010', { kind: 'TooManyConnections', cause: 'sorry, too many clients already' })],
    [
      'a black-holed server',
      Object.assign(new Error('Connection terminated due to connection timeout', { cause: new Error('Connection terminated unexpectedly') }), {
        clientVersion: '7',
      }),
    ],
    ['a server that hung up', new Error('Connection terminated unexpectedly')],
    ['the pool waiting too long', new Error('timeout exceeded when trying to connect')],
    ['pg: refused', socketError('ECONNREFUSED')],
    ['pg: reset', socketError('ECONNRESET')],
    ['pg: admin shutdown', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01', severity: 'FATAL' })],
    ['pg: crash shutdown', Object.assign(new Error('terminating connection because of crash of another server process'), { code: '57P02', severity: 'FATAL' })],
    ['pg: connection exception class 08', Object.assign(new Error('connection failure'), { code: '08006', severity: 'FATAL' })],
    ['a wrapped outage', new Error('The import failed', { cause: socketError('ECONNREFUSED') })],
    ['our own marker', new DatabaseUnavailableError()],
  ])('recognises %s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', prismaError('P2002', { kind: 'UniqueConstraintViolation' })],
    [
      'a check violation',
      prismaError('P2010', { kind: 'postgres', originalCode: '23514', code: '23514', severity: 'ERROR', message: 'new row violates check constraint' }),
    ],
    [
      'a statement timeout (57014 is query_canceled, not shutdown)',
      Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }),
    ],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a message that merely mentions a connection', new Error('Connection refused by policy')],
    ['not an error', 'ECONNREFUSED'],
    ['nothing', undefined],
    ['null', null],
  ])('does not take %s for an outage', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('stops following a cause chain that loops', () => {
    const a: Error & { cause?: unknown } = new Error('a');
    a.cause = a;
    expect(isDatabaseUnavailable(a)).toBe(false);
  });
});
