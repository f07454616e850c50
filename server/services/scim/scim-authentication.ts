// Bearer authentication for the SCIM endpoint, and the request counters behind the activity panel.
import type { Repositories } from '../../repositories/repositories.ts';
import type { RequestOutcome } from '../../repositories/scim-request-count-repository.ts';
import { ScimError } from '../../scim/scim-errors.ts';
import { bearerToken, hashToken } from '../../security/tokens.ts';

export interface ScimCaller {
  organizationId: string;
  configurationId: string;
}

export const REQUEST_LOG_RETENTION_MS = 48 * 60 * 60 * 1000;
const PRUNE_INTERVAL_MS = 10 * 60 * 1000;
/** A failing activity store is reported at most this often, not once per request. */
export const RECORDING_FAILURE_LOG_INTERVAL_MS = 60 * 1000;

/** Requests are counted per configuration and outcome in buckets of this length. */
export const REQUEST_BUCKET_MS = 5 * 60 * 1000;

/** The start of the bucket `at` falls in, as stored. */
export function requestBucket(at: Date): string {
  return new Date(Math.floor(at.getTime() / REQUEST_BUCKET_MS) * REQUEST_BUCKET_MS).toISOString();
}

/** Adds one request made at `at` to its configuration's counters (and its last request time). */
export async function recordRequest(
  repos: Repositories,
  configurationId: string,
  at: Date,
  outcome: RequestOutcome,
): Promise<void> {
  await repos.scimRequestCounts.add(configurationId, outcome, requestBucket(at));
  if (outcome === 'authenticated') {
    await repos.scimConfigurationActivity.recordRequest(configurationId, at.toISOString());
  }
}

export type RecordActivity = (
  configurationId: string,
  now: Date,
  outcome: RequestOutcome,
) => Promise<void>;

/**
 * Counts requests against their configuration, best effort: a failing write (full disk, read-only
 * database, lock timeout, lost connection) never fails the request it describes; it is logged
 * once per minute.
 */
export function activityRecorder(
  repos: Repositories,
  logError: (line: string) => void,
): RecordActivity {
  let lastPrune = 0;
  let lastFailureLog = Number.NEGATIVE_INFINITY;
  let failuresSinceLog = 0;
  return async (configurationId, now, outcome) => {
    try {
      await recordRequest(repos, configurationId, now, outcome);
      if (now.getTime() - lastPrune >= PRUNE_INTERVAL_MS) {
        lastPrune = now.getTime();
        await repos.scimRequestCounts.pruneBefore(
          requestBucket(new Date(now.getTime() - REQUEST_LOG_RETENTION_MS)),
        );
      }
    } catch (error) {
      failuresSinceLog += 1;
      if (now.getTime() - lastFailureLog < RECORDING_FAILURE_LOG_INTERVAL_MS) return;
      lastFailureLog = now.getTime();
      const reason = error instanceof Error ? error.message : String(error);
      logError(
        `SCIM activity not recorded (${failuresSinceLog} request(s) since the last report): ${reason}`,
      );
      failuresSinceLog = 0;
    }
  };
}

export const authenticationDetails = {
  missing: 'A SCIM bearer token is required: send Authorization: Bearer <token>',
  malformed: 'The Authorization header is not a bearer token: send Authorization: Bearer <token>',
  unknown: 'Unknown SCIM bearer token: it was never issued or has been rotated',
  expired:
    'The SCIM token has expired: rotate it in the admin console and update the identity provider',
  disabled: 'Provisioning is disabled for this SCIM configuration',
} as const;

/**
 * Resolves the caller from the Authorization header, recording the request against the token's
 * configuration. Throws 401 saying whether the token is missing, malformed, unknown, expired or
 * disabled; the token itself is never echoed or logged.
 */
export async function authenticate(
  repos: Repositories,
  authorization: string | undefined,
  now: Date,
  record: RecordActivity,
): Promise<ScimCaller> {
  const token = bearerToken(authorization);
  if (token === undefined) {
    throw new ScimError(
      401,
      authorization ? authenticationDetails.malformed : authenticationDetails.missing,
    );
  }
  const digest = hashToken(token);
  const configuration = await repos.scimConfigurations.findByTokenHash(digest);
  if (!configuration) {
    // A token rotated away still names its configuration for a while: the admin sees why its
    // identity provider is refused. The answer is the unknown token's, word for word.
    const retired = await repos.scimConfigurations.findByRetiredTokenHash(
      digest,
      now.toISOString(),
    );
    if (retired) await record(retired.id, now, 'rotated_token');
    throw new ScimError(401, authenticationDetails.unknown);
  }
  const expiresAt = Date.parse(configuration.tokenExpiresAt);
  if (!(expiresAt > now.getTime())) {
    await record(configuration.id, now, 'expired_token');
    throw new ScimError(401, authenticationDetails.expired);
  }
  if (!configuration.enabled) {
    await record(configuration.id, now, 'provisioning_disabled');
    throw new ScimError(401, authenticationDetails.disabled);
  }
  await record(configuration.id, now, 'authenticated');
  return { organizationId: configuration.organizationId, configurationId: configuration.id };
}
