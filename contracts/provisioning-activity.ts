// Our own Connect service (not an Ona API): what the SCIM 2.0 endpoint saw, per configuration.
// In proxy mode the backend answers `unimplemented` and the SPA hides activity.
import * as z from 'zod/mini';
import { timestamp, uuid } from './common.ts';

export const ACTIVITY_SERVICE = 'scimadmin.v1.ProvisioningActivityService';

/** Why the SCIM endpoint refused a bearer token. */
export const rejectionReasons = [
  'unknown_token',
  'expired_token',
  'provisioning_disabled',
] as const;
export type RejectionReason = (typeof rejectionReasons)[number];

const count = () => z._default(z.int().check(z.minimum(0)), 0);

export const provisioningActivitySchema = z.object({
  scimConfigurationId: uuid(),
  /** Last request that authenticated with this configuration's token; absent = never used. */
  lastRequestAt: z.optional(timestamp()),
  requestsLast24h: count(),
  rejectedLast24h: count(),
  rejectedByReasonLast24h: z._default(
    z.object({
      /** A token that was rotated away (tokens never issued name no configuration). */
      unknownToken: count(),
      expiredToken: count(),
      provisioningDisabled: count(),
    }),
    () => ({ unknownToken: 0, expiredToken: 0, provisioningDisabled: 0 }),
  ),
  provisionedUsers: count(),
  provisionedGroups: count(),
});
export type ProvisioningActivity = z.output<typeof provisioningActivitySchema>;

export const getActivityRequestSchema = z.strictObject({
  scimConfigurationIds: z
    .array(uuid())
    .check(
      z.minLength(1, { error: 'must list at least one id' }),
      z.maxLength(100, { error: 'must list at most 100 ids' }),
    ),
});
export type GetActivityRequest = z.infer<typeof getActivityRequestSchema>;

/** One entry per requested id that exists in the caller's organization. */
export const getActivityResponseSchema = z.object({
  activities: z._default(z.array(provisioningActivitySchema), () => []),
  /** Failed authentications refused by the server's throttle in the last 24 h (all clients). */
  throttledLast24h: count(),
  /** The caller organization's configurations when the response was made (List gives no total). */
  scimConfigurationCount: count(),
});
export type GetActivityResponse = z.output<typeof getActivityResponseSchema>;

/** Calls `{SCIM base URL}/ServiceProviderConfig` from the backend with the given SCIM token. */
/** The schema URN a ServiceProviderConfig carries (RFC 7643 §5). */
export const SERVICE_PROVIDER_CONFIG_SCHEMA =
  'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';

/**
 * Whether a parsed response body is a SCIM ServiceProviderConfig: only that proves a connection
 * test reached a SCIM endpoint, since any page (an SPA's index.html, a login page) can answer 200.
 */
export function isServiceProviderConfig(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || !('schemas' in body)) return false;
  const { schemas } = body;
  return Array.isArray(schemas) && schemas.includes(SERVICE_PROVIDER_CONFIG_SCHEMA);
}

export const testConnectionRequestSchema = z.strictObject({
  token: z.string().check(z.minLength(1, { error: 'is required' })),
});
export type TestConnectionRequest = z.infer<typeof testConnectionRequestSchema>;

export const testConnectionResponseSchema = z.object({
  ok: z._default(z.boolean(), false),
  /** HTTP status the SCIM endpoint answered with; absent when it could not be reached. */
  status: z.optional(z.int()),
  /** The SCIM error `detail` or the network failure, verbatim. */
  detail: z._default(z.string(), ''),
  url: z._default(z.string(), ''),
});
export type TestConnectionResponse = z.output<typeof testConnectionResponseSchema>;
