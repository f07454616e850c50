// /Groups operations. Members are provisioned users of the same organization; nested groups are
// not supported.
import { uuidv7 } from '../ids.ts';
import type { ListQuery, ScimRequestContext } from './scim-context.ts';
import { badRequest, notFound, type ScimError } from './scim-errors.ts';
import { compileFilter, referencedAttributes, requiredEqualities } from './scim-filter-compiler.ts';
import { type Filter, parseFilter } from './scim-filter-parser.ts';
import {
  addGroupMembers,
  countGroupMembers,
  countScimGroups,
  deleteScimGroup,
  findScimGroup,
  firstNonUserOfOrganization,
  type GroupLookupColumn,
  groupMemberPage,
  insertScimGroup,
  iterateScimGroups,
  membersOfGroup,
  pageScimGroups,
  removeGroupMembers,
  type ScimGroupRow,
  type ScimGroupWrite,
  touchScimGroup,
  updateScimGroup,
} from './scim-group-repository.ts';
import { isJsonObject, type JsonObject, type JsonValue } from './scim-json.ts';
import { filteredPage, unfilteredPage } from './scim-list.ts';
import { applyPatch, type PatchOperation, parsePatchRequest } from './scim-patch.ts';
import { type Projection, parsePaging, parseProjection } from './scim-query.ts';
import { checkResourceSize, checkValueCount, MAX_GROUP_MEMBERS } from './scim-resource-limits.ts';
import { checkSchemas, normalizeAttributes } from './scim-resource-normalizer.ts';
import {
  groupResource,
  type MemberReference,
  memberValues,
  parseStoredAttributes,
} from './scim-resources.ts';
import { groupResourceSchema } from './scim-schema-definitions.ts';
import type { StreamedResource } from './scim-streamed-resource.ts';

const schema = groupResourceSchema;

const displayNameKey = (displayName: string) => displayName.toLowerCase();

function groupNotFound(id: string): ScimError {
  return notFound(`Group ${id} not found`);
}

/** Members per keyset page of a streamed group: about 200 KiB of JSON and a few ms of work. */
export const MEMBER_PAGE_SIZE = 1000;

function memberReferences(ctx: ScimRequestContext, groupId: string): MemberReference[] {
  return membersOfGroup(ctx.db, groupId).map((member) => ({
    id: member.user_id,
    display: member.name,
  }));
}

/** The group's members, projected, one keyset page at a time (read only when the stream asks). */
function* memberPages(
  ctx: ScimRequestContext,
  groupId: string,
  projection: Projection,
): Generator<JsonValue[]> {
  let after = '';
  for (;;) {
    const rows = groupMemberPage(ctx.db, groupId, after, MEMBER_PAGE_SIZE);
    const last = rows.at(-1);
    if (!last) return;
    const references = rows.map((row) => ({ id: row.user_id, display: row.name }));
    const members = projection.apply({ members: memberValues(references, ctx.baseUrl) }).members;
    if (Array.isArray(members)) yield members;
    if (rows.length < MEMBER_PAGE_SIZE) return;
    after = last.user_id;
  }
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
  const outsider = firstNonUserOfOrganization(ctx.db, ctx.organizationId, userIds);
  // The same answer for "no such user" and "another organization's user": nothing leaks.
  if (outsider !== undefined) {
    throw badRequest('invalidValue', `Member ${outsider} is not a user of this organization`);
  }
}

export function createGroup(ctx: ScimRequestContext, body: JsonObject): StreamedResource {
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
  return getGroup(ctx, write.id, {});
}

export function getGroup(ctx: ScimRequestContext, id: string, query: ListQuery): StreamedResource {
  const projection = parseProjection(query.attributes, query.excludedAttributes, schema);
  const row = requireGroup(ctx, id);
  const resource = projection.apply(toResource(ctx, row, false));
  if (!projection.includes('members')) return { resource };
  return { resource, paged: { attribute: 'members', pages: memberPages(ctx, id, projection) } };
}

function saveGroup(
  ctx: ScimRequestContext,
  id: string,
  normalized: JsonObject,
  currentMemberIds: ReadonlySet<string>,
  query: ListQuery,
): StreamedResource {
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
): StreamedResource {
  requireGroup(ctx, id);
  checkSchemas(body, schema);
  return saveGroup(ctx, id, normalizeAttributes(body, schema), currentMembers(ctx, id), query);
}

export function patchGroup(
  ctx: ScimRequestContext,
  id: string,
  body: JsonObject,
  query: ListQuery,
): StreamedResource {
  const operations = parsePatchRequest(body);
  const row = requireGroup(ctx, id);
  if (patchMembersInPlace(ctx, id, operations)) return getGroup(ctx, id, query);
  if (!operations.some(touchesMembers)) {
    // A rename or an externalId change: the members are neither loaded nor rewritten.
    const { write } = toWrite(
      ctx,
      id,
      applyPatch(parseStoredAttributes(row.attributes), operations, schema),
    );
    updateScimGroup(ctx.db, write);
    return getGroup(ctx, id, query);
  }
  const memberIds = currentMembers(ctx, id);
  const current: JsonObject = {
    ...parseStoredAttributes(row.attributes),
    members: [...memberIds].map((value) => ({ value })),
  };
  const patched = applyPatch(current, operations, schema);
  return saveGroup(ctx, id, patched, memberIds, query);
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
function patchMembersInPlace(
  ctx: ScimRequestContext,
  id: string,
  operations: readonly PatchOperation[],
): boolean {
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
  ensureMembersExist(ctx, added);
  ctx.db.transaction(() => {
    for (const step of steps) {
      if (step.add) addGroupMembers(ctx.db, id, step.ids);
      else removeGroupMembers(ctx.db, id, step.ids);
    }
    const total = countGroupMembers(ctx.db, id);
    // Thrown inside the transaction, so the refused write is rolled back whole.
    checkValueCount(total, MAX_GROUP_MEMBERS, 'members');
    touchScimGroup(ctx.db, id, ctx.now.toISOString());
  })();
  return true;
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
