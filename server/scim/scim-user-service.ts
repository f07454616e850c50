// /Users operations: validation, uniqueness, the organization member behind each SCIM user.
import { uuidv7 } from '../ids.ts';
import type { ListQuery, ScimRequestContext } from './scim-context.ts';
import { badRequest, notFound, ScimError } from './scim-errors.ts';
import { compileFilter, referencedAttributes, requiredEqualities } from './scim-filter-compiler.ts';
import { type Filter, parseFilter } from './scim-filter-parser.ts';
import { isJsonObject, type JsonObject, type JsonValue } from './scim-json.ts';
import { filteredPage, unfilteredPage } from './scim-list.ts';
import { applyPatch, parsePatchRequest } from './scim-patch.ts';
import { parsePaging, parseProjection } from './scim-query.ts';
import { checkResourceSize } from './scim-resource-limits.ts';
import { checkSchemas, normalizeAttributes } from './scim-resource-normalizer.ts';
import { type MemberReference, parseStoredAttributes, userResource } from './scim-resources.ts';
import { userResourceSchema } from './scim-schema-definitions.ts';
import {
  countScimUsers,
  deleteScimUser,
  findScimUser,
  findUserIdByUserNameKey,
  groupsOfUser,
  insertScimUser,
  iterateScimUsers,
  pageScimUsers,
  type ScimUserRow,
  type ScimUserWrite,
  type UserLookupColumn,
  updateScimUser,
} from './scim-user-repository.ts';
import { isUniqueViolation } from './sql-statements.ts';

const schema = userResourceSchema;

/** userName is unique per organization regardless of case (RFC 7643 caseExact false). */
export const userNameKey = (userName: string) => userName.toLowerCase();

function userNotFound(id: string): ScimError {
  return notFound(`User ${id} not found`);
}

function duplicateUserName(): ScimError {
  return new ScimError(409, 'A user with this userName already exists', 'uniqueness');
}

function groupReferences(ctx: ScimRequestContext, userId: string): MemberReference[] {
  return groupsOfUser(ctx.db, userId).map((group) => ({
    id: group.id,
    display: group.display_name,
  }));
}

function toResource(ctx: ScimRequestContext, row: ScimUserRow, withGroups = true): JsonObject {
  return userResource(row, ctx.baseUrl, withGroups ? groupReferences(ctx, row.user_id) : undefined);
}

function stringAt(value: JsonValue | undefined, key: string): string | undefined {
  if (!isJsonObject(value)) return undefined;
  const found = value[key];
  return typeof found === 'string' && found.trim() !== '' ? found.trim() : undefined;
}

/** The address the member is known by: the primary email, else the work one, else the first. */
function memberEmail(attributes: JsonObject, userName: string): string {
  const emails = Array.isArray(attributes.emails) ? attributes.emails.filter(isJsonObject) : [];
  const chosen =
    emails.find((email) => email.primary === true) ??
    emails.find((email) => typeof email.type === 'string' && email.type.toLowerCase() === 'work') ??
    emails[0];
  return stringAt(chosen, 'value') ?? (userName.includes('@') ? userName : '');
}

function memberName(attributes: JsonObject, userName: string): string {
  const displayName = attributes.displayName;
  if (typeof displayName === 'string' && displayName.trim() !== '') return displayName.trim();
  const formatted = stringAt(attributes.name, 'formatted');
  if (formatted) return formatted;
  const parts = [stringAt(attributes.name, 'givenName'), stringAt(attributes.name, 'familyName')];
  const joined = parts.filter(Boolean).join(' ');
  return joined || userName;
}

function toWrite(ctx: ScimRequestContext, id: string, normalized: JsonObject): ScimUserWrite {
  const userName = normalized.userName;
  if (typeof userName !== 'string' || userName.trim() === '') {
    throw badRequest('invalidValue', 'userName must be a non-empty string');
  }
  // An unassigned `active` means active: identity providers omit it on create.
  const active = normalized.active !== false;
  const attributes: JsonObject = { ...normalized, active };
  const externalId = typeof attributes.externalId === 'string' ? attributes.externalId : null;
  const json = JSON.stringify(attributes);
  checkResourceSize(json, 'User');
  return {
    id,
    organizationId: ctx.organizationId,
    userName,
    userNameKey: userNameKey(userName),
    externalId,
    active,
    attributes: json,
    memberName: memberName(attributes, userName),
    memberEmail: memberEmail(attributes, userName),
    memberStatus: active ? 'USER_STATUS_ACTIVE' : 'USER_STATUS_SUSPENDED',
    at: ctx.now.toISOString(),
  };
}

function ensureUniqueUserName(ctx: ScimRequestContext, write: ScimUserWrite): void {
  const holder = findUserIdByUserNameKey(ctx.db, ctx.organizationId, write.userNameKey);
  if (holder !== undefined && holder !== write.id) throw duplicateUserName();
}

function withUniqueness<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    // Two concurrent creates can both pass the check; the unique index decides.
    if (isUniqueViolation(error)) throw duplicateUserName();
    throw error;
  }
}

function requireUser(ctx: ScimRequestContext, id: string): ScimUserRow {
  const row = findScimUser(ctx.db, ctx.organizationId, id);
  if (!row) throw userNotFound(id);
  return row;
}

function reload(ctx: ScimRequestContext, id: string): JsonObject {
  return toResource(ctx, requireUser(ctx, id));
}

export function createUser(ctx: ScimRequestContext, body: JsonObject): JsonObject {
  checkSchemas(body, schema);
  const write = toWrite(ctx, uuidv7(ctx.now.getTime()), normalizeAttributes(body, schema));
  ensureUniqueUserName(ctx, write);
  withUniqueness(() =>
    ctx.db.transaction(() => insertScimUser(ctx.db, write, ctx.configurationId))(),
  );
  return reload(ctx, write.id);
}

export function getUser(ctx: ScimRequestContext, id: string, query: ListQuery): JsonObject {
  const projection = parseProjection(query.attributes, query.excludedAttributes, schema);
  const row = requireUser(ctx, id);
  return projection.apply(toResource(ctx, row, projection.includes('groups')));
}

function saveUser(ctx: ScimRequestContext, id: string, normalized: JsonObject): JsonObject {
  const write = toWrite(ctx, id, normalized);
  ensureUniqueUserName(ctx, write);
  withUniqueness(() => ctx.db.transaction(() => updateScimUser(ctx.db, write))());
  return reload(ctx, id);
}

export function replaceUser(ctx: ScimRequestContext, id: string, body: JsonObject): JsonObject {
  requireUser(ctx, id);
  checkSchemas(body, schema);
  return saveUser(ctx, id, normalizeAttributes(body, schema));
}

export function patchUser(ctx: ScimRequestContext, id: string, body: JsonObject): JsonObject {
  const operations = parsePatchRequest(body);
  const row = requireUser(ctx, id);
  const patched = applyPatch(parseStoredAttributes(row.attributes), operations, schema);
  return saveUser(ctx, id, patched);
}

export function deleteUser(ctx: ScimRequestContext, id: string): void {
  const deleted = ctx.db.transaction(() => deleteScimUser(ctx.db, ctx.organizationId, id))();
  if (!deleted) throw userNotFound(id);
}

/** An indexed equality every match must satisfy, to avoid scanning the organization. */
function lookupFor(filter: Filter): { column: UserLookupColumn; value: string } | undefined {
  const equalities = requiredEqualities(filter);
  const byAttribute = (name: string) => equalities.find((equality) => equality.attribute === name);
  const id = byAttribute('id');
  if (id) return { column: 'user_id', value: id.value };
  const userName = byAttribute('username');
  if (userName) return { column: 'user_name_key', value: userNameKey(userName.value) };
  const externalId = byAttribute('externalid');
  if (externalId) return { column: 'external_id', value: externalId.value };
  return undefined;
}

export function listUsers(ctx: ScimRequestContext, query: ListQuery): JsonObject {
  const paging = parsePaging(query.startIndex, query.count);
  const projection = parseProjection(query.attributes, query.excludedAttributes, schema);
  const withGroups = projection.includes('groups');
  if (query.filter === undefined || query.filter.trim() === '') {
    return unfilteredPage(
      pageScimUsers(ctx.db, ctx.organizationId, paging.startIndex - 1, paging.count),
      countScimUsers(ctx.db, ctx.organizationId),
      paging,
      (row) => projection.apply(toResource(ctx, row, withGroups)),
    );
  }
  const filter = parseFilter(query.filter);
  const predicate = compileFilter(filter, schema);
  const filterNeedsGroups = referencedAttributes(filter).has('groups');
  return filteredPage(
    iterateScimUsers(ctx.db, ctx.organizationId, lookupFor(filter)),
    (row) => toResource(ctx, row, filterNeedsGroups),
    predicate,
    paging,
    (row, resource) =>
      projection.apply(withGroups && !filterNeedsGroups ? toResource(ctx, row, true) : resource),
  );
}
