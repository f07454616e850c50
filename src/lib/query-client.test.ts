import { describe, expect, it } from 'vitest';
import { ConnectError } from '#contracts/connect.ts';
import { createQueryClient, shouldRetryQuery } from './query-client.ts';
import { getSessionToken, startSession } from './session.ts';

describe('query defaults', () => {
  it('retries queries only for unavailable and deadline_exceeded, at most twice', () => {
    expect(shouldRetryQuery(0, new ConnectError('unavailable', ''))).toBe(true);
    expect(shouldRetryQuery(1, new ConnectError('deadline_exceeded', ''))).toBe(true);
    expect(shouldRetryQuery(2, new ConnectError('unavailable', ''))).toBe(false);
    for (const code of ['internal', 'not_found', 'unauthenticated', 'invalid_argument'] as const) {
      expect(shouldRetryQuery(0, new ConnectError(code, ''))).toBe(false);
    }
    expect(shouldRetryQuery(0, new TypeError('boom'))).toBe(false);
  });

  it('never retries mutations', () => {
    expect(createQueryClient().getDefaultOptions().mutations?.retry).toBe(false);
  });

  it('ends the session when a query answers unauthenticated', async () => {
    startSession('token');
    const client = createQueryClient();
    await client
      .fetchQuery({
        queryKey: ['x'],
        queryFn: () => Promise.reject(new ConnectError('unauthenticated', 'expired')),
      })
      .catch(() => undefined);
    expect(getSessionToken()).toBeNull();
  });
});
