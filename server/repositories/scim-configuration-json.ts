// A ScimConfiguration message as proto3 JSON, built by the database for list pages.
//
// Moving values from the database into JavaScript is the dominant cost of a 100-row page (each
// column of each row is one native-to-JS conversion, about as costly as the index walk itself);
// one JSON string per row is the cheapest shape, and the response is then assembled by joining
// strings. The text must be the proto3 JSON of `toScimConfigurationMessage(record)`, fields holding proto3 defaults
// omitted ('' name, false flags, unset SSO link). scim-configuration-json.test.ts holds the two
// paths to that.
import type { DatabaseKind } from '../db/database.ts';
import type { Keyset } from './keyset.ts';

// A JSON string literal of a text column: the one function the dialects spell differently.
const jsonQuote: Record<DatabaseKind, (column: string) => string> = {
  sqlite: (column) => `json_quote(${column})`,
  postgres: (column) => `to_json(${column})::text`,
};

/**
 * One column expression over `scim_configurations` (format() and CASE read the same on SQLite and
 * PostgreSQL). ids are UUIDs (generated here or validated by the contract) and timestamps are
 * `toISOString()` output, so neither holds a character JSON must escape and they are inlined; the
 * name is user text and is quoted by the database.
 */
export function scimConfigurationJsonSql(kind: DatabaseKind): string {
  return `format(
  '{"id":"%s","organizationId":"%s"%s%s%s,"createdAt":"%s","updatedAt":"%s","tokenExpiresAt":"%s"%s}',
  id,
  organization_id,
  CASE WHEN name <> '' THEN ',"name":' || ${jsonQuote[kind]('name')} ELSE '' END,
  CASE WHEN enabled <> 0 THEN ',"enabled":true' ELSE '' END,
  CASE WHEN sso_configuration_id IS NULL THEN '' ELSE ',"ssoConfigurationId":"' || sso_configuration_id || '"' END,
  created_at,
  updated_at,
  token_expires_at,
  CASE WHEN allow_unverified_email_account_linking <> 0 THEN ',"allowUnverifiedEmailAccountLinking":true' ELSE '' END
)`;
}

/** The page position of an encoded row, for the next-page token (one parse per page). */
export function keysetOfScimConfigurationJson(json: string): Keyset {
  const { createdAt, id } = JSON.parse(json) as { createdAt: string; id: string };
  return { createdAt, id };
}
