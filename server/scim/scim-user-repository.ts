// SQL for provisioned users: a `users` row (the organization member) plus its `scim_users` row.
import type Database from 'better-sqlite3';
import { statement } from './sql-statements.ts';

export interface ScimUserRow {
  user_id: string;
  organization_id: string;
  scim_configuration_id: string | null;
  user_name: string;
  external_id: string | null;
  active: number;
  attributes: string;
  created_at: string;
  updated_at: string;
}

/** Everything written when a user is created or changed. */
export interface ScimUserWrite {
  id: string;
  organizationId: string;
  userName: string;
  userNameKey: string;
  externalId: string | null;
  active: boolean;
  attributes: string;
  /** Mirrored onto the `users` row the rest of the product reads. */
  memberName: string;
  memberEmail: string;
  memberStatus: 'USER_STATUS_ACTIVE' | 'USER_STATUS_SUSPENDED';
  at: string;
}

const columns = `user_id, organization_id, scim_configuration_id, user_name, external_id, active,
  attributes, created_at, updated_at`;

/** Columns the list endpoint can narrow candidates by with an index. */
export type UserLookupColumn = 'user_id' | 'user_name_key' | 'external_id';

export function insertScimUser(
  db: Database.Database,
  user: ScimUserWrite,
  configurationId: string,
): void {
  statement(
    db,
    `INSERT INTO users (id, organization_id, name, email, role, status, created_at)
     VALUES (?, ?, ?, ?, 'ORGANIZATION_ROLE_MEMBER', ?, ?)`,
  ).run(
    user.id,
    user.organizationId,
    user.memberName,
    user.memberEmail,
    user.memberStatus,
    user.at,
  );
  statement(
    db,
    `INSERT INTO scim_users (user_id, organization_id, scim_configuration_id, user_name, user_name_key,
       external_id, active, attributes, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    user.id,
    user.organizationId,
    configurationId,
    user.userName,
    user.userNameKey,
    user.externalId,
    user.active ? 1 : 0,
    user.attributes,
    user.at,
    user.at,
  );
}

export function updateScimUser(db: Database.Database, user: ScimUserWrite): void {
  statement(
    db,
    `UPDATE scim_users SET user_name = ?, user_name_key = ?, external_id = ?, active = ?,
       attributes = ?, updated_at = ?
     WHERE user_id = ? AND organization_id = ?`,
  ).run(
    user.userName,
    user.userNameKey,
    user.externalId,
    user.active ? 1 : 0,
    user.attributes,
    user.at,
    user.id,
    user.organizationId,
  );
  statement(
    db,
    'UPDATE users SET name = ?, email = ?, status = ? WHERE id = ? AND organization_id = ?',
  ).run(user.memberName, user.memberEmail, user.memberStatus, user.id, user.organizationId);
}

/** Deletes the member; its SCIM row, group memberships and access tokens cascade. */
export function deleteScimUser(db: Database.Database, organizationId: string, id: string): boolean {
  const result = statement(
    db,
    `DELETE FROM users WHERE id = ? AND organization_id = ?
       AND EXISTS (SELECT 1 FROM scim_users WHERE user_id = users.id)`,
  ).run(id, organizationId);
  return result.changes > 0;
}

export function findScimUser(
  db: Database.Database,
  organizationId: string,
  id: string,
): ScimUserRow | undefined {
  return statement<[string, string], ScimUserRow>(
    db,
    `SELECT ${columns} FROM scim_users WHERE user_id = ? AND organization_id = ?`,
  ).get(id, organizationId);
}

/** The id of the user holding a (folded) userName, for the uniqueness check. */
export function findUserIdByUserNameKey(
  db: Database.Database,
  organizationId: string,
  userNameKey: string,
): string | undefined {
  return statement<[string, string], { user_id: string }>(
    db,
    'SELECT user_id FROM scim_users WHERE organization_id = ? AND user_name_key = ?',
  ).get(organizationId, userNameKey)?.user_id;
}

export function countScimUsers(db: Database.Database, organizationId: string): number {
  return (
    statement<[string], { total: number }>(
      db,
      'SELECT count(*) AS total FROM scim_users WHERE organization_id = ?',
    ).get(organizationId)?.total ?? 0
  );
}

export function pageScimUsers(
  db: Database.Database,
  organizationId: string,
  offset: number,
  limit: number,
): ScimUserRow[] {
  return statement<[string, number, number], ScimUserRow>(
    db,
    `SELECT ${columns} FROM scim_users WHERE organization_id = ?
     ORDER BY created_at, user_id LIMIT ? OFFSET ?`,
  ).all(organizationId, limit, offset);
}

/** All users of the organization in list order, or only those with `column = value`. */
export function iterateScimUsers(
  db: Database.Database,
  organizationId: string,
  lookup?: { column: UserLookupColumn; value: string },
): IterableIterator<ScimUserRow> {
  if (!lookup) {
    return statement<[string], ScimUserRow>(
      db,
      `SELECT ${columns} FROM scim_users WHERE organization_id = ? ORDER BY created_at, user_id`,
    ).iterate(organizationId);
  }
  return statement<[string, string], ScimUserRow>(
    db,
    `SELECT ${columns} FROM scim_users WHERE organization_id = ? AND ${lookup.column} = ?
     ORDER BY created_at, user_id`,
  ).iterate(organizationId, lookup.value);
}

export interface UserGroupRow {
  id: string;
  display_name: string;
}

export function groupsOfUser(db: Database.Database, userId: string): UserGroupRow[] {
  return statement<[string], UserGroupRow>(
    db,
    `SELECT g.id, g.display_name FROM scim_group_members m JOIN scim_groups g ON g.id = m.group_id
     WHERE m.user_id = ? ORDER BY g.display_name_key, g.id`,
  ).all(userId);
}
