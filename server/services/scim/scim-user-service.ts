// /Users operations: validation, uniqueness, the organization member behind each SCIM user.
import { uuidv7 } from '../../ids.ts';
import { isUniqueViolation } from '../../repositories/dialect-sql.ts';
import type { Repositories } from '../../repositories/repositories.ts';
import type { ScimUserRow, ScimUserWrite } from '../../repositories/scim-user-repository.ts';
import { badRequest, notFound, ScimError } from '../../scim/scim-errors.ts';
import { compileFilter } from '../../scim/scim-filter-compiler.ts';
import { parseFilter } from '../../scim/scim-filter-parser.ts';
import { isJsonObject, type JsonObject, type JsonValue } from '../../scim/scim-json.ts';
import { listPage } from '../../scim/scim-list.ts';
import { applyPatch, parsePatchRequest } from '../../scim/scim-patch.ts';
import { type ListQuery, parsePaging, parseProjection } from '../../scim/scim-query.ts';
import { checkResourceSize } from '../../scim/scim-resource-limits.ts';
import { checkSchemas, normalizeAttributes } from '../../scim/scim-resource-normalizer.ts';
import { userResourceSchema } from '../../scim/scim-schema-definitions.ts';
import type { ScimRequestContext } from './scim-context.ts';
import { type MemberReference, parseStoredAttributes, userResource } from './scim-resources.ts';

const schema = userResourceSchema;

/** userName is unique per organization regardless of case (RFC 7643 caseExact false). */
export const userNameKey = (userName: string) => userName.toLowerCase();

function userNotFound(id: string): ScimError {
  return notFound(`User ${id} not found`);
}

function duplicateUserName(): ScimError {
  return new ScimError(409, 'A user with this userName already exists', 'uniqueness');
}

async function groupReferences(repos: Repositories, userId: string): Promise<MemberReference[]> {
  const groups = await repos.scimGroupMembers.groupsOfUser(userId);
  return groups.map((group) => ({ id: group.id, display: group.display_name }));
}

async function toResource(
  ctx: ScimRequestContext,
  row: ScimUserRow,
  withGroups = true,
): Promise<JsonObject> {
  const groups = withGroups ? await groupReferences(ctx.storage.repos, row.user_id) : undefined;
  return userResource(row, ctx.baseUrl, groups);
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

/** Everything written when a user is created or changed: its SCIM row and its member row. */
interface UserWrite {
  scim: ScimUserWrite;
  member: { name: string; email: string; status: 'USER_STATUS_ACTIVE' | 'USER_STATUS_SUSPENDED' };
}

function toWrite(ctx: ScimRequestContext, id: string, normalized: JsonObject): UserWrite {
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
    scim: {
      id,
      organizationId: ctx.organizationId,
      userName,
      userNameKey: userNameKey(userName),
      externalId,
      active,
      attributes: json,
      at: ctx.now.toISOString(),
    },
    member: {
      name: memberName(attributes, userName),
      email: memberEmail(attributes, userName),
      status: active ? 'USER_STATUS_ACTIVE' : 'USER_STATUS_SUSPENDED',
    },
  };
}

async function ensureUniqueUserName(repos: Repositories, write: ScimUserWrite): Promise<void> {
  const holder = await repos.scimUsers.findIdByUserNameKey(write.organizationId, write.userNameKey);
  if (holder !== undefined && holder !== write.id) throw duplicateUserName();
}

async function withUniqueness<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    // Two concurrent writes (in any instance) can both pass the check; the unique index decides.
    if (isUniqueViolation(error)) throw duplicateUserName();
    throw error;
  }
}

async function requireUser(
  repos: Repositories,
  organizationId: string,
  id: string,
): Promise<ScimUserRow> {
  const row = await repos.scimUsers.find(organizationId, id);
  if (!row) throw userNotFound(id);
  return row;
}

async function reload(ctx: ScimRequestContext, id: string): Promise<JsonObject> {
  return toResource(ctx, await requireUser(ctx.storage.repos, ctx.organizationId, id));
}

export async function createUser(ctx: ScimRequestContext, body: JsonObject): Promise<JsonObject> {
  checkSchemas(body, schema);
  const { scim, member } = toWrite(
    ctx,
    uuidv7(ctx.now.getTime()),
    normalizeAttributes(body, schema),
  );
  await ensureUniqueUserName(ctx.storage.repos, scim);
  await withUniqueness(() =>
    ctx.storage.transaction(async (repos) => {
      await repos.users.insert({
        id: scim.id,
        organizationId: scim.organizationId,
        name: member.name,
        email: member.email,
        role: 'ORGANIZATION_ROLE_MEMBER',
        status: member.status,
        createdAt: scim.at,
      });
      await repos.scimUsers.insert(scim, ctx.configurationId);
    }),
  );
  return reload(ctx, scim.id);
}

export async function getUser(
  ctx: ScimRequestContext,
  id: string,
  query: ListQuery,
): Promise<JsonObject> {
  const projection = parseProjection(query.attributes, query.excludedAttributes, schema);
  const row = await requireUser(ctx.storage.repos, ctx.organizationId, id);
  return projection.apply(await toResource(ctx, row, projection.includes('groups')));
}

/**
 * Reads the user locked, derives the new attributes from them and writes both halves in one
 * transaction, so concurrent changes of one user (in any instance) apply one after the other.
 */
async function saveUser(
  ctx: ScimRequestContext,
  id: string,
  change: (current: ScimUserRow) => JsonObject,
): Promise<JsonObject> {
  await withUniqueness(() =>
    ctx.storage.transaction(async (repos) => {
      const current = await repos.scimUsers.findForUpdate(ctx.organizationId, id);
      if (!current) throw userNotFound(id);
      const { scim, member } = toWrite(ctx, id, change(current));
      await ensureUniqueUserName(repos, scim);
      await repos.scimUsers.update(scim);
      await repos.users.updateProfile(ctx.organizationId, id, member);
    }),
  );
  return reload(ctx, id);
}

export async function replaceUser(
  ctx: ScimRequestContext,
  id: string,
  body: JsonObject,
): Promise<JsonObject> {
  await requireUser(ctx.storage.repos, ctx.organizationId, id);
  checkSchemas(body, schema);
  const normalized = normalizeAttributes(body, schema);
  return saveUser(ctx, id, () => normalized);
}

export async function patchUser(
  ctx: ScimRequestContext,
  id: string,
  body: JsonObject,
): Promise<JsonObject> {
  const operations = parsePatchRequest(body);
  await requireUser(ctx.storage.repos, ctx.organizationId, id);
  return saveUser(ctx, id, (current) =>
    applyPatch(parseStoredAttributes(current.attributes), operations, schema),
  );
}

export async function deleteUser(ctx: ScimRequestContext, id: string): Promise<void> {
  const deleted = await ctx.storage.repos.users.deleteProvisioned(ctx.organizationId, id);
  if (!deleted) throw userNotFound(id);
}

export async function listUsers(ctx: ScimRequestContext, query: ListQuery): Promise<JsonObject> {
  const paging = parsePaging(query.startIndex, query.count);
  const projection = parseProjection(query.attributes, query.excludedAttributes, schema);
  const withGroups = projection.includes('groups');
  const filter = query.filter?.trim()
    ? compileFilter(parseFilter(query.filter), schema)
    : undefined;
  const { scimUsers } = ctx.storage.repos;
  const { rows, total } = await scimUsers.list(
    ctx.organizationId,
    filter,
    paging.startIndex - 1,
    paging.count,
  );
  return listPage(rows, total, paging, async (row) =>
    projection.apply(await toResource(ctx, row, withGroups)),
  );
}
