// Failed-authentication throttle per client address, for /api and /scim/v2. 256-bit tokens make
// guessing hopeless, but a flood of guesses costs CPU and hides real clients in the logs: after
// `maxFailures` failures within a window, an address is refused (429) until the window ends.
// Other addresses, valid tokens included, are never slowed. In memory, per instance.
import type { Context, MiddlewareHandler } from 'hono';
import { clientAddress } from '../client-address.ts';

export interface AuthThrottleOptions {
  /** Failures an address may have within one window before it is refused. */
  maxFailures?: number;
  windowMs?: number;
  /** Addresses tracked at once; the oldest windows are forgotten first. */
  maxAddresses?: number;
}

export interface AuthThrottle {
  /** Seconds until `address` may try again, or undefined when it may now; counts a refusal. */
  refusal(address: string, now: number): number | undefined;
  /** One more failed authentication from `address`. */
  failed(address: string, now: number): void;
  /** Attempts refused within the 24 hours before `now`. */
  refusedLast24h(now: number): number;
}

export const AUTH_FAILURES_PER_MINUTE = 30;
const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;

interface Window {
  start: number;
  failures: number;
}

export function createAuthThrottle(options: AuthThrottleOptions = {}): AuthThrottle {
  const maxFailures = options.maxFailures ?? AUTH_FAILURES_PER_MINUTE;
  const windowMs = options.windowMs ?? MINUTE_MS;
  const maxAddresses = options.maxAddresses ?? 100_000;
  const windows = new Map<string, Window>();
  // Refusals per minute over the last day: a ring of 1,440 counters, so memory stays fixed.
  const refusedPerMinute = new Array<number>(DAY_MINUTES).fill(0);
  const minuteOfSlot = new Array<number>(DAY_MINUTES).fill(-1);

  const current = (address: string, now: number): Window | undefined => {
    const window = windows.get(address);
    if (window && now - window.start < windowMs) return window;
    if (window) windows.delete(address);
    return undefined;
  };

  return {
    refusal(address, now) {
      const window = current(address, now);
      if (!window || window.failures < maxFailures) return undefined;
      const minute = Math.floor(now / MINUTE_MS);
      const slot = minute % DAY_MINUTES;
      if (minuteOfSlot[slot] !== minute) {
        minuteOfSlot[slot] = minute;
        refusedPerMinute[slot] = 0;
      }
      refusedPerMinute[slot] = (refusedPerMinute[slot] ?? 0) + 1;
      return Math.max(1, Math.ceil((window.start + windowMs - now) / 1000));
    },
    failed(address, now) {
      const window = current(address, now);
      if (window) {
        window.failures += 1;
        return;
      }
      // Map order is insertion order: the first key holds the oldest window.
      if (windows.size >= maxAddresses) {
        const oldest = windows.keys().next().value;
        if (oldest !== undefined) windows.delete(oldest);
      }
      windows.set(address, { start: now, failures: 1 });
    },
    refusedLast24h(now) {
      const minute = Math.floor(now / MINUTE_MS);
      let total = 0;
      for (let slot = 0; slot < DAY_MINUTES; slot += 1) {
        const at = minuteOfSlot[slot] ?? -1;
        if (at > minute - DAY_MINUTES && at <= minute) total += refusedPerMinute[slot] ?? 0;
      }
      return total;
    },
  };
}

export interface ThrottleMiddlewareOptions {
  throttle: AuthThrottle;
  now: () => number;
  /** What a refused client gets, e.g. a Connect `resource_exhausted` error. */
  refuse: (c: Context, retryAfterSeconds: number) => Response;
  /** Whether the answer was a failed authentication (401). */
  failed?: (response: Response) => boolean;
}

/**
 * Throttles a route by its answers, whatever implements it: a 401 counts against the client's
 * address, and an address over the limit is refused before the route runs. In-process requests
 * (no socket address) are not throttled.
 */
export function throttleFailedAuthentication(
  options: ThrottleMiddlewareOptions,
): MiddlewareHandler {
  const failed = options.failed ?? ((response: Response) => response.status === 401);
  return async (c, next) => {
    const address = clientAddress(c);
    if (address === undefined) return next();
    const wait = options.throttle.refusal(address, options.now());
    if (wait !== undefined) {
      c.res = options.refuse(c, wait);
      c.res.headers.set('Retry-After', String(wait));
      return;
    }
    await next();
    if (failed(c.res)) options.throttle.failed(address, options.now());
  };
}
