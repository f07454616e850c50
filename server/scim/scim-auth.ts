// Bearer authentication for the SCIM endpoint, and the request log behind the activity panel.
import type Database from 'better-sqlite3';
import { bearerToken, hashToken } from '../security/tokens.ts';
import {
  findConfigurationByTokenHash,
  pruneRequestsBefore,
  type RequestOutcome,
  recordRequest,
} from './scim-activity-repository.ts';
import { ScimError } from './scim-errors.ts';

export interface ScimCaller {
  organizationId: string;
  configurationId: string;
}

export const REQUEST_LOG_RETENTION_MS = 48 * 60 * 60 * 1000;
const PRUNE_INTERVAL_MS = 10 * 60 * 1000;
const lastPrune = new WeakMap<Database.Database, number>();

export const authenticationDetails = {
  missing: 'A SCIM bearer token is required: send Authorization: Bearer <token>',
  malformed: 'The Authorization header is not a bearer token: send Authorization: Bearer <token>',
  unknown: 'Unknown SCIM bearer token: it was never issued or has been rotated',
  expired:
    'The SCIM token has expired: rotate it in the admin console and update the identity provider',
  disabled: 'Provisioning is disabled for this SCIM configuration',
} as const;

function log(
  db: Database.Database,
  configurationId: string,
  now: Date,
  outcome: RequestOutcome,
): void {
  recordRequest(db, configurationId, now.toISOString(), outcome);
  const last = lastPrune.get(db) ?? 0;
  if (now.getTime() - last >= PRUNE_INTERVAL_MS) {
    lastPrune.set(db, now.getTime());
    pruneRequestsBefore(db, new Date(now.getTime() - REQUEST_LOG_RETENTION_MS).toISOString());
  }
}

/**
 * Resolves the caller from the Authorization header, recording the request against the token's
 * configuration. Throws 401 saying whether the token is missing, malformed, unknown, expired or
 * disabled; the token itself is never echoed or logged.
 */
export function authenticate(
  db: Database.Database,
  authorization: string | undefined,
  now: Date,
): ScimCaller {
  const token = bearerToken(authorization);
  if (token === undefined) {
    throw new ScimError(
      401,
      authorization ? authenticationDetails.malformed : authenticationDetails.missing,
    );
  }
  const configuration = findConfigurationByTokenHash(db, hashToken(token));
  if (!configuration) throw new ScimError(401, authenticationDetails.unknown);
  const expiresAt = Date.parse(configuration.token_expires_at);
  if (!(expiresAt > now.getTime())) {
    log(db, configuration.id, now, 'expired_token');
    throw new ScimError(401, authenticationDetails.expired);
  }
  if (configuration.enabled === 0) {
    log(db, configuration.id, now, 'provisioning_disabled');
    throw new ScimError(401, authenticationDetails.disabled);
  }
  log(db, configuration.id, now, 'authenticated');
  return { organizationId: configuration.organization_id, configurationId: configuration.id };
}
