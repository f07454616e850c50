// What /healthz reports: whether this instance can do its job right now, not merely that it runs.
// Local mode: the database accepts a write (a full disk or a read-only file fails every SCIM
// write). Proxy mode: the upstream API answers HTTP at all. Results are kept for a second so a
// flood of probes costs one check, and never one upstream request per probe.
import { errorText, isDatabaseUnavailable } from './db/connection-errors.ts';
import type { Database } from './db/database.ts';
import type { SettingsRepository } from './repositories/settings-repository.ts';

export interface HealthReport {
  status: 'ok' | 'unavailable';
  mode: 'local' | 'proxy';
  /** Why the instance is unavailable; absent when it is ok. */
  reason?: string;
}

export type HealthCheck = () => Promise<HealthReport>;

export const HEALTH_CACHE_MS = 1000;
export const UPSTREAM_HEALTH_TIMEOUT_MS = 3000;

function cached(check: () => Promise<HealthReport>, now: () => number): HealthCheck {
  let last: { at: number; report: Promise<HealthReport> } | undefined;
  return () => {
    const at = now();
    if (!last || at - last.at >= HEALTH_CACHE_MS) last = { at, report: check() };
    return last.report;
  };
}

/** Writes one row of the settings table: the cheapest write that proves the database takes one. */
export function databaseHealth(
  database: Database,
  settings: SettingsRepository,
  now: () => number = Date.now,
): HealthCheck {
  return cached(async () => {
    if (database.sqlite && !database.sqlite.open) {
      return { status: 'unavailable', mode: 'local', reason: 'the database is closed' };
    }
    try {
      await settings.put('health_checked_at', new Date(now()).toISOString());
      return { status: 'ok', mode: 'local' };
    } catch (error) {
      const problem = isDatabaseUnavailable(error)
        ? 'the database is unreachable'
        : 'the database cannot be written';
      return { status: 'unavailable', mode: 'local', reason: `${problem}: ${errorText(error)}` };
    }
  }, now);
}

/** Any HTTP answer from the upstream's origin counts: only an unreachable upstream is unhealthy. */
export function upstreamHealth(
  upstream: string,
  options: { fetch?: typeof fetch; now?: () => number } = {},
): HealthCheck {
  const send = options.fetch ?? fetch;
  const host = new URL(upstream).host;
  return cached(async () => {
    try {
      const response = await send(upstream, {
        method: 'HEAD',
        redirect: 'manual',
        signal: AbortSignal.timeout(UPSTREAM_HEALTH_TIMEOUT_MS),
      });
      await response.body?.cancel();
      return { status: 'ok', mode: 'proxy' };
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
      return {
        status: 'unavailable',
        mode: 'proxy',
        reason: `the upstream ${host} is unreachable: ${errorText(cause)}`,
      };
    }
  }, options.now ?? Date.now);
}
