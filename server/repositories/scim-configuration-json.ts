// A ScimConfiguration message as proto3 JSON, built by SQLite for list pages.
//
// Moving values from SQLite into JavaScript is the dominant cost of a 100-row page (each column of
// each row is one native-to-JS conversion, about as costly as the index walk itself); one JSON
// string per row is the cheapest shape, and the response is then assembled by joining strings.
// The text must be the proto3 JSON of `toScimConfigurationMessage(record)`, fields holding proto3
// defaults omitted ('' name, false flags, unset SSO link). scim-configuration-json.test.ts holds
// the two paths to that.
import type { Keyset } from './keyset.ts';

/**
 * One column expression over `scim_configurations`. ids are UUIDs (generated here or validated by
 * the contract) and timestamps are `toISOString()` output, so neither holds a character JSON must
 * escape and they are inlined; the name is user text and goes through `json_quote`.
 */
export const scimConfigurationJsonSql = `format(
  '{"id":"%s","organizationId":"%s"%s%s%s,"createdAt":"%s","updatedAt":"%s","tokenExpiresAt":"%s"%s}',
  id,
  organization_id,
  iif(name <> '', ',"name":' || json_quote(name), ''),
  iif(enabled, ',"enabled":true', ''),
  iif(sso_configuration_id IS NULL, '', ',"ssoConfigurationId":"' || sso_configuration_id || '"'),
  created_at,
  updated_at,
  token_expires_at,
  iif(allow_unverified_email_account_linking, ',"allowUnverifiedEmailAccountLinking":true', '')
)`;

/** The page position of an encoded row, for the next-page token (one parse per page). */
export function keysetOfScimConfigurationJson(json: string): Keyset {
  const { createdAt, id } = JSON.parse(json) as { createdAt: string; id: string };
  return { createdAt, id };
}
