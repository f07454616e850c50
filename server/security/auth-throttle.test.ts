import { describe, expect, it } from 'vitest';
import { createAuthThrottle } from './auth-throttle.ts';

describe('createAuthThrottle', () => {
  it('refuses an address after its failures, until its window ends', () => {
    const throttle = createAuthThrottle({ maxFailures: 3, windowMs: 60_000 });
    for (let failure = 0; failure < 3; failure += 1) {
      expect(throttle.refusal('10.0.0.1', 1000)).toBeUndefined();
      throttle.failed('10.0.0.1', 1000);
    }
    expect(throttle.refusal('10.0.0.1', 1000)).toBe(60);
    expect(throttle.refusal('10.0.0.1', 45_500)).toBe(16);
    expect(throttle.refusal('10.0.0.2', 45_500)).toBeUndefined();
    expect(throttle.refusal('10.0.0.1', 61_000)).toBeUndefined();
    expect(throttle.refusedLast24h(61_000)).toBe(2);
    // The count covers a day, then forgets.
    expect(throttle.refusedLast24h(24 * 60 * 60_000 - 1)).toBe(2);
    expect(throttle.refusedLast24h(24 * 60 * 60_000)).toBe(0);
  });

  it('tracks a bounded number of addresses, forgetting the oldest first', () => {
    const throttle = createAuthThrottle({ maxFailures: 1, maxAddresses: 2 });
    throttle.failed('a', 0);
    throttle.failed('b', 0);
    throttle.failed('c', 0);
    expect(throttle.refusal('a', 1)).toBeUndefined();
    expect(throttle.refusal('b', 1)).toBe(60);
    expect(throttle.refusal('c', 1)).toBe(60);
  });
});
