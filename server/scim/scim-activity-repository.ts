// SQL for SCIM bearer-token lookup and the per-configuration request counters.
import type Database from 'better-sqlite3';
import { statement } from './sql-statements.ts';

export interface TokenConfigurationRow {
  id: string;
  organization_id: string;
  enabled: number;
  token_expires_at: string;
}

/** Indexed equality on the digest (token_hash is UNIQUE): no secret is compared in code. */
export function findConfigurationByTokenHash(
  db: Database.Database,
  tokenHash: string,
): TokenConfigurationRow | undefined {
  return statement<[string], TokenConfigurationRow>(
    db,
    `SELECT id, organization_id, enabled, token_expires_at FROM scim_configurations
     WHERE token_hash = ?`,
  ).get(tokenHash);
}

export type RequestOutcome = 'authenticated' | 'expired_token' | 'provisioning_disabled';

/** Requests are counted per configuration and outcome in buckets of this length. */
export const REQUEST_BUCKET_MS = 5 * 60 * 1000;

/** The start of the bucket `at` falls in, as stored. */
export function requestBucket(at: Date): string {
  return new Date(Math.floor(at.getTime() / REQUEST_BUCKET_MS) * REQUEST_BUCKET_MS).toISOString();
}

/** Adds one request made at `at` (RFC 3339) to its configuration's counter for that bucket. */
export function recordRequest(
  db: Database.Database,
  configurationId: string,
  at: string,
  outcome: RequestOutcome,
): void {
  const bucketStart = requestBucket(new Date(at));
  statement(
    db,
    `INSERT INTO scim_request_counts (scim_configuration_id, outcome, bucket_start, requests)
     VALUES (?, ?, ?, 1)
     ON CONFLICT (scim_configuration_id, outcome, bucket_start)
       DO UPDATE SET requests = scim_request_counts.requests + 1`,
  ).run(configurationId, outcome, bucketStart);
  if (outcome === 'authenticated') {
    statement(
      db,
      `INSERT INTO scim_configuration_activity (scim_configuration_id, last_request_at) VALUES (?, ?)
       ON CONFLICT (scim_configuration_id) DO UPDATE SET last_request_at =
         max(scim_configuration_activity.last_request_at, excluded.last_request_at)`,
    ).run(configurationId, at);
  }
}

export function pruneRequestCountsBefore(db: Database.Database, before: string): void {
  statement(db, 'DELETE FROM scim_request_counts WHERE bucket_start < ?').run(before);
}

export interface ConfigurationActivityRow {
  id: string;
  last_request_at: string | null;
  authenticated: number;
  expired_token: number;
  provisioning_disabled: number;
  users: number;
  groups: number;
}

/**
 * Activity of one configuration, or undefined when it is not in the organization. `since` is the
 * start of the oldest bucket to count.
 */
export function configurationActivity(
  db: Database.Database,
  organizationId: string,
  configurationId: string,
  since: string,
): ConfigurationActivityRow | undefined {
  return statement<
    [{ organizationId: string; configurationId: string; since: string }],
    ConfigurationActivityRow
  >(
    db,
    `SELECT c.id,
       (SELECT last_request_at FROM scim_configuration_activity a
         WHERE a.scim_configuration_id = c.id) AS last_request_at,
       coalesce(r.authenticated, 0) AS authenticated,
       coalesce(r.expired_token, 0) AS expired_token,
       coalesce(r.provisioning_disabled, 0) AS provisioning_disabled,
       (SELECT count(*) FROM scim_users u WHERE u.scim_configuration_id = c.id) AS users,
       (SELECT count(*) FROM scim_groups g WHERE g.scim_configuration_id = c.id) AS groups
     FROM scim_configurations c
     LEFT JOIN (
       SELECT scim_configuration_id,
         sum(CASE WHEN outcome = 'authenticated' THEN requests ELSE 0 END) AS authenticated,
         sum(CASE WHEN outcome = 'expired_token' THEN requests ELSE 0 END) AS expired_token,
         sum(CASE WHEN outcome = 'provisioning_disabled' THEN requests ELSE 0 END)
           AS provisioning_disabled
       FROM scim_request_counts
       WHERE scim_configuration_id = @configurationId AND bucket_start >= @since
       GROUP BY scim_configuration_id
     ) r ON r.scim_configuration_id = c.id
     WHERE c.id = @configurationId AND c.organization_id = @organizationId`,
  ).get({ organizationId, configurationId, since });
}
