// /Groups operations. Members are provisioned users of the same organization; nested groups are
// not supported.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { uuidv7 } from '../../ids.ts';
import type { Repositories } from '../../repositories/repositories.ts';
import type { ScimGroupRow, ScimGroupWrite } from '../../repositories/scim-group-repository.ts';
import { badRequest, notFound, type ScimError } from '../../scim/scim-errors.ts';
import { compileFilter } from '../../scim/scim-filter-compiler.ts';
import { parseFilter } from '../../scim/scim-filter-parser.ts';
import { isJsonObject, type JsonObject, type JsonValue } from '../../scim/scim-json.ts';
import { type PagedList, type PagedResource, pagedListPage } from '../../scim/scim-list.ts';
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
  MAX_MEMBERS_FOR_GENERAL_PATCH,
} from '../../scim/scim-resource-limits.ts';
import { checkSchemas, normalizeAttributes } from '../../scim/scim-resource-normalizer.ts';
import { groupResourceSchema } from '../../scim/scim-schema-definitions.ts';
import type { ScimRequestContext } from './scim-context.ts';
import { groupResource, memberValues, parseStoredAttributes } from './scim-resources.ts';

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
    await inBatches(memberIds, (batch) => repos.scimGroupMembers.add(write.id, batch));
  });
  return getGroup(ctx, write.id, {});
}

export async function getGroup(
  ctx: ScimRequestContext,
  id: string,
  query: ListQuery,
): Promise<PagedResource> {
  const projection = parseProjection(query.attributes, query.excludedAttributes, schema);
  return groupAnswer(
    ctx,
    await requireGroup(ctx.storage.repos, ctx.organizationId, id),
    projection,
  );
}

/** The group as answered: its members, when projected in, read a keyset page at a time. */
function groupAnswer(
  ctx: ScimRequestContext,
  row: ScimGroupRow,
  projection: Projection,
): PagedResource {
  const resource = projection.apply(groupResource(row, ctx.baseUrl, undefined));
  if (!projection.includes('members')) return { resource };
  return { resource, paged: { attribute: 'members', pages: memberPages(ctx, row.id, projection) } };
}

/** Member ids per statement when a set is written: bounded work per turn on SQLite too. */
export const MEMBER_WRITE_BATCH = 2 * MEMBER_PAGE_SIZE;

/** Runs `write` over `ids` in batches, each after a turn of the event loop. */
async function inBatches(
  ids: Iterable<string>,
  write: (batch: string[]) => Promise<void>,
): Promise<void> {
  const all = [...ids];
  for (let start = 0; start < all.length; start += MEMBER_WRITE_BATCH) {
    if (start > 0) await nextTurn();
    await write(all.slice(start, start + MEMBER_WRITE_BATCH));
  }
}

/** Makes the group's members exactly `memberIds`, never reading the current set into memory. */
async function replaceMembers(
  repos: Repositories,
  groupId: string,
  memberIds: ReadonlySet<string>,
): Promise<void> {
  while (
    (await repos.scimGroupMembers.removeAllBut(groupId, memberIds, MEMBER_WRITE_BATCH)) ===
    MEMBER_WRITE_BATCH
  ) {
    await nextTurn();
  }
  await inBatches(memberIds, (batch) => repos.scimGroupMembers.add(groupId, batch));
}

/** Every member id of the group, read by keyset pages in turns of their own. */
async function allMemberIds(repos: Repositories, groupId: string): Promise<Set<string>> {
  const ids = new Set<string>();
  let after = '';
  for (;;) {
    const page = await repos.scimGroupMembers.idPage(groupId, after, MEMBER_PAGE_SIZE);
    for (const userId of page) ids.add(userId);
    const last = page.at(-1);
    if (last === undefined || page.length < MEMBER_PAGE_SIZE) return ids;
    after = last;
    await nextTurn();
  }
}

/** Refuses (inside the transaction, so the write is rolled back whole) a group over the cap. */
async function checkMemberCount(repos: Repositories, groupId: string): Promise<void> {
  checkValueCount(await repos.scimGroupMembers.count(groupId), MAX_GROUP_MEMBERS, 'members');
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
  await ctx.storage.transaction(async (repos) => {
    // Locked first: concurrent changes of one group apply one after another.
    if (!(await repos.scimGroups.findForUpdate(ctx.organizationId, id))) throw groupNotFound(id);
    const { write, memberIds } = toWrite(ctx, id, normalized);
    checkValueCount(memberIds.size, MAX_GROUP_MEMBERS, 'members');
    await ensureMembersExist(repos, ctx.organizationId, memberIds);
    await repos.scimGroups.update(write);
    await replaceMembers(repos, id, memberIds);
  });
  return getGroup(ctx, id, query);
}

/** A change of the member set that names its members: applied by set-based statements. */
type MemberStep = { kind: 'add' | 'remove' | 'replace'; ids: string[] };

/** The member ids a `members` value names (an array of `{value}`), or undefined for any other. */
function namedMembers(value: JsonValue | undefined): string[] | undefined {
  if (!Array.isArray(value)) return;
  const ids: string[] = [];
  for (const member of value) {
    if (!isJsonObject(member) || typeof member.value !== 'string') return;
    if (typeof member.type === 'string' && member.type.toLowerCase() !== 'user') return;
    ids.push(member.value);
  }
  return ids;
}

const membersPath = /^(?:urn:ietf:params:scim:schemas:core:2\.0:group:)?members(?:$|[.[])/i;
const wholeMembers = /^(?:urn:ietf:params:scim:schemas:core:2\.0:group:)?members$/i;
const memberFilterPath = /^members\s*\[\s*value\s+eq\s+"([^"\\]*)"\s*\]$/i;

/** Whether the operation may change members (a path-less one may carry them in its value). */
function touchesMembers(operation: PatchOperation): boolean {
  if (operation.path !== undefined) return membersPath.test(operation.path.trim());
  return (
    !isJsonObject(operation.value) ||
    Object.keys(operation.value).some((name) => membersPath.test(name))
  );
}

/** The member step one operation is, or undefined when it needs the whole set in memory. */
function memberStep(operation: PatchOperation): MemberStep | undefined {
  const path = operation.path?.trim();
  if (path === undefined) return;
  const filtered = memberFilterPath.exec(path);
  if (filtered?.[1] !== undefined) {
    return operation.op === 'remove' && operation.value === undefined
      ? { kind: 'remove', ids: [filtered[1]] }
      : undefined;
  }
  if (!wholeMembers.test(path)) return;
  // `remove` of `members` without a value empties the group (RFC 7644 §3.5.2.2).
  if (operation.op === 'remove' && operation.value === undefined)
    return { kind: 'replace', ids: [] };
  const ids = namedMembers(operation.value);
  return ids && { kind: operation.op, ids };
}

/**
 * Splits a PATCH into changes of the stored attributes (applied to the row) and member steps
 * (set-based statements), so the forms IdPs send (Okta and Entra: add, remove or replace
 * `members` by value, remove `members[value eq "…"]`, path-less `{members: […]}`, combined with a
 * rename) never read the group's other members. Undefined when an operation needs the general path.
 */
function planPatch(
  operations: readonly PatchOperation[],
): { attributeOps: PatchOperation[]; steps: MemberStep[] } | undefined {
  const attributeOps: PatchOperation[] = [];
  const steps: MemberStep[] = [];
  for (const operation of operations) {
    if (!touchesMembers(operation)) {
      attributeOps.push(operation);
      continue;
    }
    if (
      operation.path === undefined &&
      isJsonObject(operation.value) &&
      operation.op !== 'remove'
    ) {
      const { members, ...rest } = operation.value;
      if (Object.keys(rest).some((name) => membersPath.test(name))) return;
      const ids = namedMembers(members);
      if (!ids) return;
      steps.push({ kind: operation.op, ids });
      if (Object.keys(rest).length > 0) attributeOps.push({ ...operation, value: rest });
      continue;
    }
    const step = memberStep(operation);
    if (!step) return;
    steps.push(step);
  }
  return { attributeOps, steps };
}

async function applyMemberSteps(
  repos: Repositories,
  groupId: string,
  steps: readonly MemberStep[],
): Promise<void> {
  for (const step of steps) {
    if (step.kind === 'replace') await replaceMembers(repos, groupId, new Set(step.ids));
    else if (step.kind === 'add') {
      await inBatches(step.ids, (batch) => repos.scimGroupMembers.add(groupId, batch));
    } else {
      await inBatches(step.ids, (batch) => repos.scimGroupMembers.remove(groupId, batch));
    }
  }
}

export async function patchGroup(
  ctx: ScimRequestContext,
  id: string,
  body: JsonObject,
  query: ListQuery,
): Promise<PagedResource> {
  const operations = parsePatchRequest(body);
  await requireGroup(ctx.storage.repos, ctx.organizationId, id);
  const plan = planPatch(operations);
  await ctx.storage.transaction(async (repos) => {
    // Locked first: concurrent changes of one group take turns, so the cap holds.
    const current = await repos.scimGroups.findForUpdate(ctx.organizationId, id);
    if (!current) throw groupNotFound(id);
    const stored = parseStoredAttributes(current.attributes);
    if (plan) {
      // Members named by the steps are checked first, so the schema checks below see them.
      const named = plan.steps.flatMap((step) => (step.kind === 'remove' ? [] : step.ids));
      await ensureMembersExist(repos, ctx.organizationId, new Set(named));
      if (plan.attributeOps.length > 0) {
        const patched = applyPatch(stored, plan.attributeOps, schema);
        await repos.scimGroups.update(toWrite(ctx, id, patched).write);
      } else {
        await repos.scimGroups.touch(id, ctx.now.toISOString());
      }
      await applyMemberSteps(repos, id, plan.steps);
      if (plan.steps.length > 0) await checkMemberCount(repos, id);
      return;
    }
    // Any other form (a filter on display, a sub-attribute path…): the set, read by pages, is
    // patched in memory and the difference written in batches; bounded, as RFC 7644 §3.12's
    // tooMany allows, so that no request holds the event loop.
    const count = await repos.scimGroupMembers.count(id);
    if (count > MAX_MEMBERS_FOR_GENERAL_PATCH) {
      throw badRequest(
        'tooMany',
        `This PATCH form evaluates every member, and the group has ${count} (at most ${MAX_MEMBERS_FOR_GENERAL_PATCH} for it): add, remove or replace members by value (path "members" or members[value eq "…"]) instead`,
      );
    }
    const currentIds = await allMemberIds(repos, id);
    const patched = applyPatch(
      { ...stored, members: [...currentIds].map((value) => ({ value })) },
      operations,
      schema,
    );
    const { write, memberIds } = toWrite(ctx, id, patched);
    const added = [...memberIds].filter((userId) => !currentIds.has(userId));
    const removed = [...currentIds].filter((userId) => !memberIds.has(userId));
    await ensureMembersExist(repos, ctx.organizationId, added);
    await repos.scimGroups.update(write);
    await inBatches(removed, (batch) => repos.scimGroupMembers.remove(id, batch));
    await inBatches(added, (batch) => repos.scimGroupMembers.add(id, batch));
    checkValueCount(memberIds.size, MAX_GROUP_MEMBERS, 'members');
  });
  return getGroup(ctx, id, query);
}

export async function deleteGroup(ctx: ScimRequestContext, id: string): Promise<void> {
  if (!(await ctx.storage.repos.scimGroups.delete(ctx.organizationId, id))) {
    throw groupNotFound(id);
  }
}

export async function listGroups(ctx: ScimRequestContext, query: ListQuery): Promise<PagedList> {
  const paging = parsePaging(query.startIndex, query.count);
  const projection = parseProjection(query.attributes, query.excludedAttributes, schema);
  const withMembers = projection.includes('members');
  const filter = query.filter?.trim()
    ? compileFilter(parseFilter(query.filter), schema)
    : undefined;
  const { scimGroups, scimGroupMembers } = ctx.storage.repos;
  const { rows, total } = await scimGroups.list(
    ctx.organizationId,
    filter,
    paging.startIndex - 1,
    paging.count,
  );
  const counts = withMembers
    ? await scimGroupMembers.countByGroup(rows.map((row) => row.id))
    : new Map<string, number>();
  // Members are read when the page is written, a keyset page per turn (scim-streamed-resource.ts).
  return pagedListPage(rows, total, paging, async (row) => ({
    streamed: groupAnswer(ctx, row, projection),
    values: counts.get(row.id) ?? 0,
  }));
}
