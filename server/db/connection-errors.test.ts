// The classifier every edge asks: which failures mean "the database is unreachable right now".
// The same errors, raised for real by a cut connection, are in lost-connection.postgres.test.ts.
import { describe, expect, it } from 'vitest';
import { errorText, isDatabaseUnavailable } from './connection-errors.ts';

const coded = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a refused connection', coded('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a reset connection', coded('ECONNRESET', 'read ECONNRESET')],
    ['a server shutting down (57P01)', coded('57P01', 'terminating connection')],
    ['a server in recovery (57P03)', coded('57P03', 'the database system is starting up')],
    ['a statement timeout (57014)', coded('57014', 'canceling statement due to statement timeout')],
    ['a connection exception (08006)', coded('08006', 'connection failure')],
    ['too many connections (53300)', coded('53300', 'sorry, too many clients already')],
    ['a connection lost mid-query', new Error('Connection terminated unexpectedly')],
    ['a pool with no connection in time', new Error('timeout exceeded when trying to connect')],
    ['a silent network', new Error('Query read timeout')],
    [
      'a client whose connection failed',
      new Error('Client has encountered a connection error and is not queryable'),
    ],
    [
      'every address of a host refused',
      new AggregateError([coded('ECONNREFUSED'), coded('ECONNREFUSED')], ''),
    ],
    [
      'a cause further down',
      new Error('Connection terminated due to connection timeout', { cause: new Error('timeout') }),
    ],
    ['a wrapped refusal', new Error('seed failed', { cause: coded('ECONNREFUSED') })],
  ])('%s is unavailable', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation (23505)', coded('23505', 'duplicate key value')],
    ['a syntax error (42601)', coded('42601', 'syntax error')],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a full SQLite disk', coded('SQLITE_FULL', 'database or disk is full')],
    ['not an error', 'ECONNREFUSED'],
    ['nothing', undefined],
  ])('%s is not', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('stops on a cyclic cause chain', () => {
    const error: Error & { cause?: unknown } = new Error('outer');
    error.cause = error;
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe('errorText', () => {
  it('spells out an AggregateError without a message', () => {
    const refused = (address: string) =>
      coded('ECONNREFUSED', `connect ECONNREFUSED ${address}:5432`);
    expect(errorText(new AggregateError([refused('::1'), refused('127.0.0.1')], ''))).toBe(
      'connect ECONNREFUSED ::1:5432; connect ECONNREFUSED 127.0.0.1:5432',
    );
    expect(errorText(coded('ECONNRESET', ''))).toBe('ECONNRESET');
  });
});
