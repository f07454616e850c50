// scim_group_members: which provisioned users each group has. A group may have tens of
// thousands, so reads come in keyset pages and writes name their users as one set-based
// statement (10,000 added members are one statement, not 10,000 round trips).
import { sql } from 'kysely';
import { dialectSql } from './dialect-sql.ts';
import type { Executor } from './repositories.ts';

export interface GroupMemberRow {
  user_id: string;
  name: string;
}

export interface UserGroupRow {
  id: string;
  display_name: string;
}

export function createScimGroupMemberRepository({ db, kind }: Executor) {
  const dialect = dialectSql(kind);
  return {
    /** One keyset page of a group's members, in user id order after `after` ('' for the first). */
    page(groupId: string, after: string, limit: number): Promise<GroupMemberRow[]> {
      return db
        .selectFrom('scim_group_members as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .select(['m.user_id', 'u.name'])
        .where('m.group_id', '=', groupId)
        .where('m.user_id', '>', after)
        .orderBy('m.user_id')
        .limit(limit)
        .execute();
    },
    /** One keyset page of a group's member ids (no join: what a rewrite of the set reads). */
    async idPage(groupId: string, after: string, limit: number): Promise<string[]> {
      const rows = await db
        .selectFrom('scim_group_members')
        .select('user_id')
        .where('group_id', '=', groupId)
        .where('user_id', '>', after)
        .orderBy('user_id')
        .limit(limit)
        .execute();
      return rows.map((row) => row.user_id);
    },
    /** How many members each of the groups has, by group id (groups without any are absent). */
    async countByGroup(groupIds: readonly string[]): Promise<Map<string, number>> {
      if (groupIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('scim_group_members')
        .select((eb) => ['group_id', eb.fn.countAll<number>().as('total')])
        .where('group_id', 'in', groupIds)
        .groupBy('group_id')
        .execute();
      return new Map(rows.map((row) => [row.group_id, Number(row.total)]));
    },
    async count(groupId: string): Promise<number> {
      const row = await db
        .selectFrom('scim_group_members')
        .select((eb) => eb.fn.countAll<number>().as('total'))
        .where('group_id', '=', groupId)
        .executeTakeFirst();
      return Number(row?.total ?? 0);
    },
    async add(groupId: string, userIds: Iterable<string>): Promise<void> {
      const ids = [...userIds];
      if (ids.length === 0) return;
      // The WHERE keeps SQLite from reading ON CONFLICT as a join constraint of the SELECT.
      await sql`INSERT INTO scim_group_members (group_id, user_id)
        SELECT ${groupId}, ids.value FROM ${dialect.idRows(ids, 'ids')}
        WHERE ids.value IS NOT NULL
        ON CONFLICT (group_id, user_id) DO NOTHING`.execute(db);
    },
    async remove(groupId: string, userIds: Iterable<string>): Promise<void> {
      const ids = [...userIds];
      if (ids.length === 0) return;
      await sql`DELETE FROM scim_group_members WHERE group_id = ${groupId}
        AND user_id IN (SELECT ids.value FROM ${dialect.idRows(ids, 'ids')})`.execute(db);
    },
    /**
     * Up to `limit` members that are not in `keep`, removed in one statement; answers how many.
     * Called until it answers less than `limit`, so replacing a set of tens of thousands never
     * deletes them in one long statement (SQLite runs it on the event loop's thread).
     */
    async removeAllBut(groupId: string, keep: Iterable<string>, limit: number): Promise<number> {
      const ids = [...keep];
      const result = await sql`DELETE FROM scim_group_members WHERE group_id = ${groupId}
        AND user_id IN (SELECT m.user_id FROM scim_group_members m WHERE m.group_id = ${groupId}
          AND m.user_id NOT IN (SELECT ids.value FROM ${dialect.idRows(ids, 'ids')})
          LIMIT ${limit})`.execute(db);
      return Number(result.numAffectedRows ?? 0n);
    },
    /** The groups a user is a member of, by display name. */
    groupsOfUser(userId: string): Promise<UserGroupRow[]> {
      return db
        .selectFrom('scim_group_members as m')
        .innerJoin('scim_groups as g', 'g.id', 'm.group_id')
        .select(['g.id', 'g.display_name'])
        .where('m.user_id', '=', userId)
        .orderBy('g.display_name_key')
        .orderBy('g.id')
        .execute();
    },
  };
}
export type ScimGroupMemberRepository = ReturnType<typeof createScimGroupMemberRepository>;
