// SQL for provisioned groups and their members.
import type Database from 'better-sqlite3';
import { statement } from './sql-statements.ts';

export interface ScimGroupRow {
  id: string;
  organization_id: string;
  scim_configuration_id: string | null;
  display_name: string;
  external_id: string | null;
  attributes: string;
  created_at: string;
  updated_at: string;
}

export interface ScimGroupWrite {
  id: string;
  organizationId: string;
  displayName: string;
  displayNameKey: string;
  externalId: string | null;
  attributes: string;
  at: string;
}

const columns = `id, organization_id, scim_configuration_id, display_name, external_id, attributes,
  created_at, updated_at`;

export type GroupLookupColumn = 'id' | 'display_name_key' | 'external_id';

export function insertScimGroup(
  db: Database.Database,
  group: ScimGroupWrite,
  configurationId: string,
): void {
  statement(
    db,
    `INSERT INTO scim_groups (id, organization_id, scim_configuration_id, display_name,
       display_name_key, external_id, attributes, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    group.id,
    group.organizationId,
    configurationId,
    group.displayName,
    group.displayNameKey,
    group.externalId,
    group.attributes,
    group.at,
    group.at,
  );
}

export function updateScimGroup(db: Database.Database, group: ScimGroupWrite): void {
  statement(
    db,
    `UPDATE scim_groups SET display_name = ?, display_name_key = ?, external_id = ?, attributes = ?,
       updated_at = ?
     WHERE id = ? AND organization_id = ?`,
  ).run(
    group.displayName,
    group.displayNameKey,
    group.externalId,
    group.attributes,
    group.at,
    group.id,
    group.organizationId,
  );
}

export function deleteScimGroup(
  db: Database.Database,
  organizationId: string,
  id: string,
): boolean {
  return (
    statement(db, 'DELETE FROM scim_groups WHERE id = ? AND organization_id = ?').run(
      id,
      organizationId,
    ).changes > 0
  );
}

export function findScimGroup(
  db: Database.Database,
  organizationId: string,
  id: string,
): ScimGroupRow | undefined {
  return statement<[string, string], ScimGroupRow>(
    db,
    `SELECT ${columns} FROM scim_groups WHERE id = ? AND organization_id = ?`,
  ).get(id, organizationId);
}

export function countScimGroups(db: Database.Database, organizationId: string): number {
  return (
    statement<[string], { total: number }>(
      db,
      'SELECT count(*) AS total FROM scim_groups WHERE organization_id = ?',
    ).get(organizationId)?.total ?? 0
  );
}

export function pageScimGroups(
  db: Database.Database,
  organizationId: string,
  offset: number,
  limit: number,
): ScimGroupRow[] {
  return statement<[string, number, number], ScimGroupRow>(
    db,
    `SELECT ${columns} FROM scim_groups WHERE organization_id = ?
     ORDER BY created_at, id LIMIT ? OFFSET ?`,
  ).all(organizationId, limit, offset);
}

export function iterateScimGroups(
  db: Database.Database,
  organizationId: string,
  lookup?: { column: GroupLookupColumn; value: string },
): IterableIterator<ScimGroupRow> {
  if (!lookup) {
    return statement<[string], ScimGroupRow>(
      db,
      `SELECT ${columns} FROM scim_groups WHERE organization_id = ? ORDER BY created_at, id`,
    ).iterate(organizationId);
  }
  return statement<[string, string], ScimGroupRow>(
    db,
    `SELECT ${columns} FROM scim_groups WHERE organization_id = ? AND ${lookup.column} = ?
     ORDER BY created_at, id`,
  ).iterate(organizationId, lookup.value);
}

export interface GroupMemberRow {
  user_id: string;
  name: string;
}

export function membersOfGroup(db: Database.Database, groupId: string): GroupMemberRow[] {
  return statement<[string], GroupMemberRow>(
    db,
    `SELECT m.user_id, u.name FROM scim_group_members m JOIN users u ON u.id = m.user_id
     WHERE m.group_id = ? ORDER BY m.user_id`,
  ).all(groupId);
}

/**
 * One keyset page of a group's members, in user id order after `after`: a group may have tens of
 * thousands, so responses read them a page at a time instead of all at once.
 */
export function groupMemberPage(
  db: Database.Database,
  groupId: string,
  after: string,
  limit: number,
): GroupMemberRow[] {
  return statement<[string, string, number], GroupMemberRow>(
    db,
    `SELECT m.user_id, u.name FROM scim_group_members m JOIN users u ON u.id = m.user_id
     WHERE m.group_id = ? AND m.user_id > ? ORDER BY m.user_id LIMIT ?`,
  ).all(groupId, after, limit);
}

export function countGroupMembers(db: Database.Database, groupId: string): number {
  return (
    statement<[string], { total: number }>(
      db,
      'SELECT count(*) AS total FROM scim_group_members WHERE group_id = ?',
    ).get(groupId)?.total ?? 0
  );
}

// Membership writes name their users as one JSON array bound to a single statement: set-based,
// so adding 10,000 members is one statement, not 10,000 round trips from JavaScript.

export function addGroupMembers(
  db: Database.Database,
  groupId: string,
  userIds: Iterable<string>,
): void {
  statement(
    db,
    `INSERT OR IGNORE INTO scim_group_members (group_id, user_id)
     SELECT ?, value FROM json_each(?)`,
  ).run(groupId, JSON.stringify([...userIds]));
}

export function removeGroupMembers(
  db: Database.Database,
  groupId: string,
  userIds: Iterable<string>,
): void {
  statement(
    db,
    'DELETE FROM scim_group_members WHERE group_id = ? AND user_id IN (SELECT value FROM json_each(?))',
  ).run(groupId, JSON.stringify([...userIds]));
}

export function touchScimGroup(db: Database.Database, groupId: string, at: string): void {
  statement(db, 'UPDATE scim_groups SET updated_at = ? WHERE id = ?').run(at, groupId);
}

/** The first of `userIds` that is not a provisioned user of the organization (only those can be members). */
export function firstNonUserOfOrganization(
  db: Database.Database,
  organizationId: string,
  userIds: Iterable<string>,
): string | undefined {
  return statement<[string, string], { value: string }>(
    db,
    `SELECT value FROM json_each(?) WHERE value NOT IN
         (SELECT user_id FROM scim_users WHERE organization_id = ?) LIMIT 1`,
  ).get(JSON.stringify([...userIds]), organizationId)?.value;
}
