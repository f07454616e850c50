// scim_users: the SCIM attributes of provisioned users. The organization member behind each one
// is a `users` row (user-repository.ts); deleting it removes the SCIM row with it.
import { type Selectable, sql } from 'kysely';
import type { ScimUsersTable } from '../db/schema.ts';
import type { Condition } from '../scim/scim-filter-compiler.ts';
import { dialectSql } from './dialect-sql.ts';
import { type KeyRange, keyRangeBounds } from './keyset.ts';
import type { Executor } from './repositories.ts';
import { createFilterSql, type FilterTarget } from './scim-filter-sql.ts';
import { type FilteredList, listFiltered } from './scim-filtered-list.ts';

export type ScimUserRow = Omit<Selectable<ScimUsersTable>, 'user_name_key'>;

/** The SCIM half of a user write; the member half goes to the users table. */
export interface ScimUserWrite {
  id: string;
  organizationId: string;
  userName: string;
  userNameKey: string;
  externalId: string | null;
  active: boolean;
  attributes: string;
  at: string;
}

const columns = [
  'user_id',
  'organization_id',
  'scim_configuration_id',
  'user_name',
  'external_id',
  'active',
  'attributes',
  'created_at',
  'updated_at',
] as const;

/** Where a filter finds each attribute of a user. */
const filterTarget: FilterTarget = {
  attributes: sql.ref('scim_users.attributes'),
  columns: {
    id: { kind: 'text', column: sql.ref('scim_users.user_id'), nullable: false },
    userName: { kind: 'folded', column: sql.ref('scim_users.user_name_key') },
    externalId: { kind: 'text', column: sql.ref('scim_users.external_id'), nullable: true },
    active: { kind: 'flag', column: sql.ref('scim_users.active') },
    'meta.created': { kind: 'text', column: sql.ref('scim_users.created_at'), nullable: false },
    'meta.lastModified': {
      kind: 'text',
      column: sql.ref('scim_users.updated_at'),
      nullable: false,
    },
  },
  relations: {
    groups: {
      exists: (where) => sql`EXISTS (SELECT 1 FROM scim_group_members m
        JOIN scim_groups g ON g.id = m.group_id
        WHERE m.user_id = scim_users.user_id AND ${where})`,
      fields: {
        value: { kind: 'text', column: sql.ref('m.group_id'), nullable: false },
        display: { kind: 'text', column: sql.ref('g.display_name'), nullable: false },
      },
    },
  },
  // The primary key, and scim_users_user_name and scim_users_external_id.
  indexed: ['id', 'userName', 'externalId'],
};

export function createScimUserRepository({ db, kind }: Executor) {
  const dialect = dialectSql(kind);
  const filterSql = createFilterSql(dialect);
  /** The organization's users that match `condition` (all without one) within `range`. */
  const inOrganization = (
    organizationId: string,
    condition: Condition | undefined,
    range: KeyRange,
  ) => {
    const query = db
      .selectFrom('scim_users')
      .where('scim_users.organization_id', '=', organizationId);
    return keyRangeBounds('user_id', range).reduce(
      (bounded, bound) => bounded.where(bound),
      condition ? query.where(filterSql.where(condition, filterTarget)) : query,
    );
  };
  const byId = (organizationId: string, id: string) =>
    db
      .selectFrom('scim_users')
      .select(columns)
      .where('user_id', '=', id)
      .where('organization_id', '=', organizationId);

  return {
    /** `configurationId` null: not attributed to any configuration (seeded directly). */
    async insert(user: ScimUserWrite, configurationId: string | null): Promise<void> {
      await db
        .insertInto('scim_users')
        .values({
          user_id: user.id,
          organization_id: user.organizationId,
          scim_configuration_id: configurationId,
          user_name: user.userName,
          user_name_key: user.userNameKey,
          external_id: user.externalId,
          active: user.active ? 1 : 0,
          attributes: user.attributes,
          created_at: user.at,
          updated_at: user.at,
        })
        .execute();
    },
    async update(user: ScimUserWrite): Promise<void> {
      await db
        .updateTable('scim_users')
        .set({
          user_name: user.userName,
          user_name_key: user.userNameKey,
          external_id: user.externalId,
          active: user.active ? 1 : 0,
          attributes: user.attributes,
          updated_at: user.at,
        })
        .where('user_id', '=', user.id)
        .where('organization_id', '=', user.organizationId)
        .execute();
    },
    find(organizationId: string, id: string): Promise<ScimUserRow | undefined> {
      return byId(organizationId, id).executeTakeFirst();
    },
    /** `find` that keeps the row locked until the transaction ends (SQLite: one writer anyway). */
    findForUpdate(organizationId: string, id: string): Promise<ScimUserRow | undefined> {
      const query = byId(organizationId, id);
      return (kind === 'postgres' ? query.forUpdate() : query).executeTakeFirst();
    },
    /** The id of the user holding a (folded) userName, for the uniqueness check. */
    async findIdByUserNameKey(
      organizationId: string,
      userNameKey: string,
    ): Promise<string | undefined> {
      const row = await db
        .selectFrom('scim_users')
        .select('user_id')
        .where('organization_id', '=', organizationId)
        .where('user_name_key', '=', userNameKey)
        .executeTakeFirst();
      return row?.user_id;
    },
    /** The users matching `condition` (all without one) from the 0-based `offset`, and their total. */
    list(
      organizationId: string,
      condition: Condition | undefined,
      offset: number,
      limit: number,
    ): Promise<FilteredList<ScimUserRow>> {
      return listFiltered(kind, filterTarget, condition, offset, limit, {
        rangeEnd: (after, rows) =>
          inOrganization(organizationId, undefined, { after, through: undefined })
            .select(['created_at as createdAt', 'user_id as id'])
            .orderBy('created_at')
            .orderBy('user_id')
            .limit(1)
            .offset(rows - 1)
            .executeTakeFirst(),
        async count(range) {
          const row = await inOrganization(organizationId, condition, range)
            .select((eb) => eb.fn.countAll<number>().as('total'))
            .executeTakeFirst();
          return Number(row?.total ?? 0);
        },
        page: (range, from, size) =>
          inOrganization(organizationId, condition, range)
            .select(columns.map((column) => `scim_users.${column}` as const))
            .orderBy('scim_users.created_at')
            .orderBy('scim_users.user_id')
            .limit(size)
            .offset(from)
            .execute(),
      });
    },
    /** The first of `userIds` that is not a provisioned user of the organization. */
    async firstNotInOrganization(
      organizationId: string,
      userIds: Iterable<string>,
    ): Promise<string | undefined> {
      const { rows } = await sql<{
        value: string;
      }>`SELECT ids.value FROM ${dialect.idRows(userIds, 'ids')}
        WHERE ids.value NOT IN (SELECT user_id FROM scim_users WHERE organization_id = ${organizationId})
        LIMIT 1`.execute(db);
      return rows[0]?.value;
    },
    /** How many users each configuration created, by configuration id. */
    async countByConfiguration(configurationIds: readonly string[]): Promise<Map<string, number>> {
      if (configurationIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('scim_users')
        .select((eb) => ['scim_configuration_id', eb.fn.countAll<number>().as('total')])
        .where('scim_configuration_id', 'in', configurationIds)
        .groupBy('scim_configuration_id')
        .execute();
      return new Map(rows.map((row) => [row.scim_configuration_id ?? '', Number(row.total)]));
    },
  };
}
export type ScimUserRepository = ReturnType<typeof createScimUserRepository>;
