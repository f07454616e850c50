// /Groups operations. Members are provisioned users of the same organization; nested groups are
// not supported.
import { uuidv7 } from '../ids.ts';
import type { ListQuery, ScimRequestContext } from './scim-context.ts';
import { badRequest, notFound, type ScimError } from './scim-errors.ts';
import { compileFilter, referencedAttributes, requiredEqualities } from './scim-filter-compiler.ts';
import { type Filter, parseFilter } from './scim-filter-parser.ts';
import {
  addGroupMembers,
  countScimGroups,
  deleteScimGroup,
  findScimGroup,
  type GroupLookupColumn,
  insertScimGroup,
  isScimUserOfOrganization,
  iterateScimGroups,
  membersOfGroup,
  pageScimGroups,
  removeGroupMembers,
  type ScimGroupRow,
  type ScimGroupWrite,
  updateScimGroup,
} from './scim-group-repository.ts';
import { isJsonObject, type JsonObject } from './scim-json.ts';
import { filteredPage, unfilteredPage } from './scim-list.ts';
import { applyPatch, parsePatchRequest } from './scim-patch.ts';
import { parsePaging, parseProjection } from './scim-query.ts';
import { checkResourceSize } from './scim-resource-limits.ts';
import { checkSchemas, normalizeAttributes } from './scim-resource-normalizer.ts';
import { groupResource, type MemberReference, parseStoredAttributes } from './scim-resources.ts';
import { groupResourceSchema } from './scim-schema-definitions.ts';

const schema = groupResourceSchema;

const displayNameKey = (displayName: string) => displayName.toLowerCase();

function groupNotFound(id: string): ScimError {
  return notFound(`Group ${id} not found`);
}

function memberReferences(ctx: ScimRequestContext, groupId: string): MemberReference[] {
  return membersOfGroup(ctx.db, groupId).map((member) => ({
    id: member.user_id,
    display: member.name,
  }));
}

function toResource(ctx: ScimRequestContext, row: ScimGroupRow, withMembers = true): JsonObject {
  return groupResource(row, ctx.baseUrl, withMembers ? memberReferences(ctx, row.id) : undefined);
}

function requireGroup(ctx: ScimRequestContext, id: string): ScimGroupRow {
  const row = findScimGroup(ctx.db, ctx.organizationId, id);
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

function ensureMembersExist(ctx: ScimRequestContext, userIds: Iterable<string>): void {
  for (const userId of userIds) {
    // The same answer for "no such user" and "another organization's user": nothing leaks.
    if (!isScimUserOfOrganization(ctx.db, ctx.organizationId, userId)) {
      throw badRequest('invalidValue', `Member ${userId} is not a user of this organization`);
    }
  }
}

export function createGroup(ctx: ScimRequestContext, body: JsonObject): JsonObject {
  checkSchemas(body, schema);
  const { write, memberIds } = toWrite(
    ctx,
    uuidv7(ctx.now.getTime()),
    normalizeAttributes(body, schema),
  );
  ensureMembersExist(ctx, memberIds);
  ctx.db.transaction(() => {
    insertScimGroup(ctx.db, write, ctx.configurationId);
    addGroupMembers(ctx.db, write.id, memberIds);
  })();
  return toResource(ctx, requireGroup(ctx, write.id));
}

export function getGroup(ctx: ScimRequestContext, id: string, query: ListQuery): JsonObject {
  const projection = parseProjection(query.attributes, query.excludedAttributes, schema);
  const row = requireGroup(ctx, id);
  return projection.apply(toResource(ctx, row, projection.includes('members')));
}

function saveGroup(
  ctx: ScimRequestContext,
  id: string,
  normalized: JsonObject,
  currentMemberIds: ReadonlySet<string>,
  query: ListQuery,
): JsonObject {
  const { write, memberIds } = toWrite(ctx, id, normalized);
  const added = [...memberIds].filter((userId) => !currentMemberIds.has(userId));
  const removed = [...currentMemberIds].filter((userId) => !memberIds.has(userId));
  ensureMembersExist(ctx, added);
  ctx.db.transaction(() => {
    updateScimGroup(ctx.db, write);
    removeGroupMembers(ctx.db, id, removed);
    addGroupMembers(ctx.db, id, added);
  })();
  return getGroup(ctx, id, query);
}

function currentMembers(ctx: ScimRequestContext, id: string): Set<string> {
  return new Set(membersOfGroup(ctx.db, id).map((member) => member.user_id));
}

export function replaceGroup(
  ctx: ScimRequestContext,
  id: string,
  body: JsonObject,
  query: ListQuery,
): JsonObject {
  requireGroup(ctx, id);
  checkSchemas(body, schema);
  return saveGroup(ctx, id, normalizeAttributes(body, schema), currentMembers(ctx, id), query);
}

export function patchGroup(
  ctx: ScimRequestContext,
  id: string,
  body: JsonObject,
  query: ListQuery,
): JsonObject {
  const operations = parsePatchRequest(body);
  const row = requireGroup(ctx, id);
  const memberIds = currentMembers(ctx, id);
  const current: JsonObject = {
    ...parseStoredAttributes(row.attributes),
    members: [...memberIds].map((value) => ({ value })),
  };
  const patched = applyPatch(current, operations, schema);
  return saveGroup(ctx, id, patched, memberIds, query);
}

export function deleteGroup(ctx: ScimRequestContext, id: string): void {
  if (!deleteScimGroup(ctx.db, ctx.organizationId, id)) throw groupNotFound(id);
}

function lookupFor(filter: Filter): { column: GroupLookupColumn; value: string } | undefined {
  const equalities = requiredEqualities(filter);
  const byAttribute = (name: string) => equalities.find((equality) => equality.attribute === name);
  const id = byAttribute('id');
  if (id) return { column: 'id', value: id.value };
  const displayName = byAttribute('displayname');
  if (displayName) return { column: 'display_name_key', value: displayNameKey(displayName.value) };
  const externalId = byAttribute('externalid');
  if (externalId) return { column: 'external_id', value: externalId.value };
  return undefined;
}

export function listGroups(ctx: ScimRequestContext, query: ListQuery): JsonObject {
  const paging = parsePaging(query.startIndex, query.count);
  const projection = parseProjection(query.attributes, query.excludedAttributes, schema);
  const withMembers = projection.includes('members');
  if (query.filter === undefined || query.filter.trim() === '') {
    return unfilteredPage(
      pageScimGroups(ctx.db, ctx.organizationId, paging.startIndex - 1, paging.count),
      countScimGroups(ctx.db, ctx.organizationId),
      paging,
      (row) => projection.apply(toResource(ctx, row, withMembers)),
    );
  }
  const filter = parseFilter(query.filter);
  const predicate = compileFilter(filter, schema);
  const filterNeedsMembers = referencedAttributes(filter).has('members');
  return filteredPage(
    iterateScimGroups(ctx.db, ctx.organizationId, lookupFor(filter)),
    (row) => toResource(ctx, row, filterNeedsMembers),
    predicate,
    paging,
    (row, resource) =>
      projection.apply(withMembers && !filterNeedsMembers ? toResource(ctx, row, true) : resource),
  );
}
