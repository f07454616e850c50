import { describe, expect, it } from 'vitest';
import {
  ConnectError,
  codeFromHttpStatus,
  connectCodes,
  connectErrorFromResponse,
  httpStatusByCode,
  isConnectCode,
} from './connect.ts';

describe('Connect codes', () => {
  it('knows the 16 codes of the specification, each with an HTTP status', () => {
    expect(connectCodes).toHaveLength(16);
    expect(new Set(connectCodes).size).toBe(16);
    for (const code of connectCodes) expect(httpStatusByCode[code]).toBeGreaterThanOrEqual(400);
  });

  it.each([
    ['invalid_argument', 400],
    ['failed_precondition', 400],
    ['out_of_range', 400],
    ['unauthenticated', 401],
    ['permission_denied', 403],
    ['not_found', 404],
    ['already_exists', 409],
    ['aborted', 409],
    ['resource_exhausted', 429],
    ['canceled', 499],
    ['unknown', 500],
    ['internal', 500],
    ['data_loss', 500],
    ['unimplemented', 501],
    ['unavailable', 503],
    ['deadline_exceeded', 504],
  ] as const)('maps %s to HTTP %i', (code, status) => {
    expect(httpStatusByCode[code]).toBe(status);
  });

  it.each([
    [400, 'internal'],
    [401, 'unauthenticated'],
    [403, 'permission_denied'],
    [404, 'unimplemented'],
    [429, 'unavailable'],
    [502, 'unavailable'],
    [503, 'unavailable'],
    [504, 'unavailable'],
    [500, 'unknown'],
    [418, 'unknown'],
  ] as const)('reads a bare HTTP %i as %s', (status, code) => {
    expect(codeFromHttpStatus(status)).toBe(code);
  });

  it('recognises only real code names', () => {
    expect(isConnectCode('not_found')).toBe(true);
    expect(isConnectCode('NOT_FOUND')).toBe(false);
    expect(isConnectCode(5)).toBe(false);
  });
});

describe('ConnectError', () => {
  it('keeps the code, the raw message and the status', () => {
    const error = new ConnectError('not_found', 'scim configuration not found');
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('[not_found] scim configuration not found');
    expect(error.rawMessage).toBe('scim configuration not found');
    expect(error.httpStatus).toBe(404);
    expect(error.toJSON()).toEqual({ code: 'not_found', message: 'scim configuration not found' });
    expect(new ConnectError('internal', '').toJSON()).toEqual({ code: 'internal' });
  });

  it('decodes a Connect error body', () => {
    const error = connectErrorFromResponse(400, {
      code: 'invalid_argument',
      message: 'name: too long',
    });
    expect(error.code).toBe('invalid_argument');
    expect(error.rawMessage).toBe('name: too long');
  });

  it('falls back to the HTTP status when the body is not Connect JSON', () => {
    expect(connectErrorFromResponse(503, '<html>').code).toBe('unavailable');
    expect(connectErrorFromResponse(401, null).code).toBe('unauthenticated');
    expect(connectErrorFromResponse(404, { code: 'nope' }).code).toBe('unimplemented');
  });
});
