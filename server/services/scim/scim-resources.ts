// Stored rows -> SCIM resource JSON (RFC 7643 §3: schemas, id, externalId, attributes, meta).
import type { ScimGroupRow } from '../../repositories/scim-group-repository.ts';
import type { ScimUserRow } from '../../repositories/scim-user-repository.ts';
import { isJsonObject, type JsonObject, type JsonValue } from '../../scim/scim-json.ts';
import {
  ENTERPRISE_USER_SCHEMA,
  GROUP_SCHEMA,
  USER_SCHEMA,
} from '../../scim/scim-schema-definitions.ts';

export function parseStoredAttributes(json: string): JsonObject {
  const value: unknown = JSON.parse(json);
  return isJsonObject(value) ? value : {};
}

function meta(
  resourceType: 'User' | 'Group',
  location: string,
  created: string,
  lastModified: string,
): JsonObject {
  return { resourceType, created, lastModified, location };
}

function withExternalIdFirst(attributes: JsonObject): [JsonObject, JsonObject] {
  const { externalId, ...rest } = attributes;
  return [externalId === undefined ? {} : { externalId }, rest];
}

export interface MemberReference {
  id: string;
  display: string;
}

export function userResource(
  row: ScimUserRow,
  baseUrl: string,
  groups: readonly MemberReference[] | undefined,
): JsonObject {
  const attributes = parseStoredAttributes(row.attributes);
  const [externalId, rest] = withExternalIdFirst(attributes);
  const schemas: JsonValue[] = [USER_SCHEMA];
  if (attributes[ENTERPRISE_USER_SCHEMA] !== undefined) schemas.push(ENTERPRISE_USER_SCHEMA);
  const resource: JsonObject = { schemas, id: row.user_id, ...externalId, ...rest };
  if (groups && groups.length > 0) {
    resource.groups = groups.map((group) => ({
      value: group.id,
      $ref: `${baseUrl}/Groups/${group.id}`,
      display: group.display,
      type: 'direct',
    }));
  }
  resource.meta = meta('User', `${baseUrl}/Users/${row.user_id}`, row.created_at, row.updated_at);
  return resource;
}

/** A group's `members` values (RFC 7643 §4.2). */
export function memberValues(members: readonly MemberReference[], baseUrl: string): JsonObject[] {
  return members.map((member) => ({
    value: member.id,
    $ref: `${baseUrl}/Users/${member.id}`,
    display: member.display,
    type: 'User',
  }));
}

export function groupResource(
  row: ScimGroupRow,
  baseUrl: string,
  members: readonly MemberReference[] | undefined,
): JsonObject {
  const [externalId, rest] = withExternalIdFirst(parseStoredAttributes(row.attributes));
  const resource: JsonObject = { schemas: [GROUP_SCHEMA], id: row.id, ...externalId, ...rest };
  if (members && members.length > 0) resource.members = memberValues(members, baseUrl);
  resource.meta = meta('Group', `${baseUrl}/Groups/${row.id}`, row.created_at, row.updated_at);
  return resource;
}
