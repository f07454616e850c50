// /Groups operations. Members are provisioned users of the same organization; nested groups are
// not supported.
import { uuidv7 } from '../../ids.ts';
import type { Repositories } from '../../repositories/repositories.ts';
import type { ScimGroupRow, ScimGroupWrite } from '../../repositories/scim-group-repository.ts';
import { badRequest, notFound, type ScimError } from '../../scim/scim-errors.ts';
import { compileFilter } from '../../scim/scim-filter-compiler.ts';
import { parseFilter } from '../../scim/scim-filter-parser.ts';
import { isJsonObject, type JsonObject, type JsonValue } from '../../scim/scim-json.ts';
import { listPage } from '../../scim/scim-list.ts';
import { applyPatch, type PatchOperation, parsePatchRequest } from '../../scim/scim-patch.ts';
import {
  type ListQuery,
  type Projection,
  parsePaging,
  parseProjection,
} from '../../scim/scim-query.ts';
import {
  checkResourceSize,
  checkValueCount,
  MAX_GROUP_MEMBERS,
} from '../../scim/scim-resource-limits.ts';
import { checkSchemas, normalizeAttributes } from '../../scim/scim-resource-normalizer.ts';
import { groupResourceSchema } from '../../scim/scim-schema-definitions.ts';
import type { ScimRequestContext } from './scim-context.ts';
import { groupResource, memberValues, parseStoredAttributes } from './scim-resources.ts';

/** A resource whose one large multi-valued attribute (a group's members) comes a page at a time. */
export interface PagedResource {
  /** Every attribute but the paged one. */
  resource: JsonObject;
  /** The paged attribute: non-empty pages in order; omitted from the JSON when there are none. */
  paged?: { attribute: string; pages: AsyncIterator<JsonValue[]> };
}

const schema = groupResourceSchema;

const displayNameKey = (displayName: string) => displayName.toLowerCase();

function groupNotFound(id: string): ScimError {
  return notFound(`Group ${id} not found`);
}

/** Members per keyset page of a streamed group: about 200 KiB of JSON and a few ms of work. */
export const MEMBER_PAGE_SIZE = 1000;

/** The group's members, projected, one keyset page at a time (read only when the stream asks). */
async function* memberPages(
  ctx: ScimRequestContext,
  groupId: string,
  projection: Projection,
): AsyncGenerator<JsonValue[]> {
  let after = '';
  for (;;) {
    const rows = await ctx.storage.repos.scimGroupMembers.page(groupId, after, MEMBER_PAGE_SIZE);
    const last = rows.at(-1);
    if (!last) return;
    const references = rows.map((row) => ({ id: row.user_id, display: row.name }));
    const members = projection.apply({ members: memberValues(references, ctx.baseUrl) }).members;
    if (Array.isArray(members)) yield members;
    if (rows.length < MEMBER_PAGE_SIZE) return;
    after = last.user_id;
  }
}

async function requireGroup(
  repos: Repositories,
  organizationId: string,
  id: string,
): Promise<ScimGroupRow> {
  const row = await repos.scimGroups.find(organizationId, id);
  if (!row) throw groupNotFound(id);
  return row;
}
/** Splits canonical attributes into the stored row and the member ids. */
function toWrite(
  ctx: ScimRequestContext,
  id: string,
  normalized: JsonObject,
): { write: ScimGroupWrite; memberIds: Set<string> } {
  const { members, ...attributes } = normalized;
  const displayName = attributes.displayName;
  if (typeof displayName !== 'string' || displayName.trim() === '') {
    throw badRequest('invalidValue', 'displayName must be a non-empty string');
  }
  const memberIds = new Set<string>();
  for (const member of Array.isArray(members) ? members : []) {
    if (!isJsonObject(member) || typeof member.value !== 'string') {
      throw badRequest('invalidValue', 'Every member needs a value (the id of a user)');
    }
    if (typeof member.type === 'string' && member.type.toLowerCase() !== 'user') {
      throw badRequest(
        'invalidValue',
        'Only users can be members: nested groups are not supported',
      );
    }
    memberIds.add(member.value);
  }
  const json = JSON.stringify(attributes);
  checkResourceSize(json, 'Group');
  return {
    write: {
      id,
      organizationId: ctx.organizationId,
      displayName,
      displayNameKey: displayNameKey(displayName),
      externalId: typeof attributes.externalId === 'string' ? attributes.externalId : null,
      attributes: json,
      at: ctx.now.toISOString(),
    },
    memberIds,
  };
}

async function ensureMembersExist(
  repos: Repositories,
  organizationId: string,
  userIds: Iterable<string>,
): Promise<void> {
  const outsider = await repos.scimUsers.firstNotInOrganization(organizationId, userIds);
  // The same answer for "no such user" and "another organization's user": nothing leaks.
  if (outsider !== undefined) {
    throw badRequest('invalidValue', `Member ${outsider} is not a user of this organization`);
  }
}

export async function createGroup(
  ctx: ScimRequestContext,
  body: JsonObject,
): Promise<PagedResource> {
  checkSchemas(body, schema);
  const { write, memberIds } = toWrite(
    ctx,
    uuidv7(ctx.now.getTime()),
    normalizeAttributes(body, schema),
  );
  await ctx.storage.transaction(async (repos) => {
    await ensureMembersExist(repos, ctx.organizationId, memberIds);
    await repos.scimGroups.insert(write, ctx.configurationId);
    await repos.scimGroupMembers.add(write.id, memberIds);
  });
  return getGroup(ctx, write.id, {});
}

export async function getGroup(
  ctx: ScimRequestContext,
  id: string,
  query: ListQuery,
): Promise<PagedResource> {
  const projection = parseProjection(query.attributes, query.excludedAttributes, schema);
  const row = await requireGroup(ctx.storage.repos, ctx.organizationId, id);
  const resource = projection.apply(groupResource(row, ctx.baseUrl, undefined));
  if (!projection.includes('members')) return { resource };
  return { resource, paged: { attribute: 'members', pages: memberPages(ctx, id, projection) } };
}

/**
 * Reads the group locked with its member ids, derives the new attributes from them and writes
 * the difference in one transaction, so concurrent changes of one group apply one after another.
 */
async function saveGroup(
  ctx: ScimRequestContext,
  id: string,
  change: (current: ScimGroupRow, memberIds: ReadonlySet<string>) => JsonObject,
  query: ListQuery,
): Promise<PagedResource> {
  await ctx.storage.transaction(async (repos) => {
    const current = await repos.scimGroups.findForUpdate(ctx.organizationId, id);
    if (!current) throw groupNotFound(id);
    const currentMemberIds = await repos.scimGroupMembers.memberIds(id);
    const { write, memberIds } = toWrite(ctx, id, change(current, currentMemberIds));
    const added = [...memberIds].filter((userId) => !currentMemberIds.has(userId));
    const removed = [...currentMemberIds].filter((userId) => !memberIds.has(userId));
    await ensureMembersExist(repos, ctx.organizationId, added);
    await repos.scimGroups.update(write);
    await repos.scimGroupMembers.remove(id, removed);
    await repos.scimGroupMembers.add(id, added);
  });
  return getGroup(ctx, id, query);
}

export async function replaceGroup(
  ctx: ScimRequestContext,
  id: string,
  body: JsonObject,
  query: ListQuery,
): Promise<PagedResource> {
  await requireGroup(ctx.storage.repos, ctx.organizationId, id);
  checkSchemas(body, schema);
  const normalized = normalizeAttributes(body, schema);
  return saveGroup(ctx, id, () => normalized, query);
}

export async function patchGroup(
  ctx: ScimRequestContext,
  id: string,
  body: JsonObject,
  query: ListQuery,
): Promise<PagedResource> {
  const operations = parsePatchRequest(body);
  await requireGroup(ctx.storage.repos, ctx.organizationId, id);
  if (await patchMembersInPlace(ctx, id, operations)) return getGroup(ctx, id, query);
  if (!operations.some(touchesMembers)) {
    // A rename or an externalId change: the members are neither loaded nor rewritten.
    await ctx.storage.transaction(async (repos) => {
      const current = await repos.scimGroups.findForUpdate(ctx.organizationId, id);
      if (!current) throw groupNotFound(id);
      const patched = applyPatch(parseStoredAttributes(current.attributes), operations, schema);
      await repos.scimGroups.update(toWrite(ctx, id, patched).write);
    });
    return getGroup(ctx, id, query);
  }
  return saveGroup(
    ctx,
    id,
    (current, memberIds) =>
      applyPatch(
        {
          ...parseStoredAttributes(current.attributes),
          members: [...memberIds].map((value) => ({ value })),
        },
        operations,
        schema,
      ),
    query,
  );
}

/** The member ids an `add`/`remove` on path `members` names, or undefined for any other form. */
function namedMembers(operation: PatchOperation): string[] | undefined {
  if (operation.path?.toLowerCase() !== 'members' || !Array.isArray(operation.value)) return;
  const ids: string[] = [];
  for (const member of operation.value) {
    if (!isJsonObject(member) || typeof member.value !== 'string') return;
    if (typeof member.type === 'string' && member.type.toLowerCase() !== 'user') return;
    ids.push(member.value);
  }
  return ids;
}

const membersPath = /^(?:urn:ietf:params:scim:schemas:core:2\.0:group:)?members(?:$|[.[])/i;

/** Whether the operation may change members (a path-less one may carry them in its value). */
function touchesMembers(operation: PatchOperation): boolean {
  if (operation.path !== undefined) return membersPath.test(operation.path.trim());
  return (
    !isJsonObject(operation.value) ||
    Object.keys(operation.value).some((name) => membersPath.test(name))
  );
}

const memberFilterPath = /^members\s*\[\s*value\s+eq\s+"([^"\\]*)"\s*\]$/i;

/**
 * The membership forms IdPs send (Okta and Entra: add or remove `members` by value, remove
 * `members[value eq "…"]`) touch only the named rows, never loading the group's other members.
 * Answers false, having done nothing, when any operation needs the general path.
 */
async function patchMembersInPlace(
  ctx: ScimRequestContext,
  id: string,
  operations: readonly PatchOperation[],
): Promise<boolean> {
  const steps: { add: boolean; ids: string[] }[] = [];
  for (const operation of operations) {
    const filtered = operation.path === undefined ? null : memberFilterPath.exec(operation.path);
    if (operation.op === 'remove' && filtered?.[1] !== undefined && operation.value === undefined) {
      steps.push({ add: false, ids: [filtered[1]] });
      continue;
    }
    if (operation.op !== 'add' && operation.op !== 'remove') return false;
    const ids = namedMembers(operation);
    if (!ids) return false;
    steps.push({ add: operation.op === 'add', ids });
  }
  const added = new Set(steps.flatMap((step) => (step.add ? step.ids : [])));
  await ctx.storage.transaction(async (repos) => {
    // Locked first: concurrent member changes of one group take turns, so the cap holds.
    if (!(await repos.scimGroups.findForUpdate(ctx.organizationId, id))) throw groupNotFound(id);
    await ensureMembersExist(repos, ctx.organizationId, added);
    for (const step of steps) {
      if (step.add) await repos.scimGroupMembers.add(id, step.ids);
      else await repos.scimGroupMembers.remove(id, step.ids);
    }
    const total = await repos.scimGroupMembers.count(id);
    // Thrown inside the transaction, so the refused write is rolled back whole.
    checkValueCount(total, MAX_GROUP_MEMBERS, 'members');
    await repos.scimGroups.touch(id, ctx.now.toISOString());
  });
  return true;
}

export async function deleteGroup(ctx: ScimRequestContext, id: string): Promise<void> {
  if (!(await ctx.storage.repos.scimGroups.delete(ctx.organizationId, id))) {
    throw groupNotFound(id);
  }
}

export async function listGroups(ctx: ScimRequestContext, query: ListQuery): Promise<JsonObject> {
  const paging = parsePaging(query.startIndex, query.count);
  const projection = parseProjection(query.attributes, query.excludedAttributes, schema);
  const withMembers = projection.includes('members');
  const filter = query.filter?.trim()
    ? compileFilter(parseFilter(query.filter), schema)
    : undefined;
  const { scimGroups, scimGroupMembers } = ctx.storage.repos;
  const rows = await scimGroups.page(
    ctx.organizationId,
    filter,
    paging.startIndex - 1,
    paging.count,
  );
  const total = await scimGroups.count(ctx.organizationId, filter);
  return listPage(rows, total, paging, async (row) => {
    const members = withMembers
      ? (await scimGroupMembers.all(row.id)).map((member) => ({
          id: member.user_id,
          display: member.name,
        }))
      : undefined;
    return projection.apply(groupResource(row, ctx.baseUrl, members));
  });
}
