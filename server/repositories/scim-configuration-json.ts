// A ScimConfiguration message as proto3 JSON, as the database keeps it with each row
// (`message_json`, migration 0005) for list pages: the text must be the proto3 JSON of
// `toScimConfigurationMessage(record)`, fields holding proto3 defaults omitted ('' name, false
// flags, unset SSO link). scim-configuration-json.test.ts holds the two paths to that.
import type { Keyset } from './keyset.ts';

/** The page position of an encoded row, for the next-page token (one parse per page). */
export function keysetOfScimConfigurationJson(json: string): Keyset {
  const { createdAt, id } = JSON.parse(json) as { createdAt: string; id: string };
  return { createdAt, id };
}
