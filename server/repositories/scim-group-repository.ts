// scim_groups: provisioned groups (their members are scim_group_members, apart, for they may be
// tens of thousands).
import { type Selectable, sql } from 'kysely';
import type { ScimGroupsTable } from '../db/schema.ts';
import type { Condition } from '../scim/scim-filter-compiler.ts';
import { dialectSql } from './dialect-sql.ts';
import { type KeyRange, keyRangeBounds } from './keyset.ts';
import type { Executor } from './repositories.ts';
import { createFilterSql, type FilterTarget } from './scim-filter-sql.ts';
import { type FilteredList, listFiltered } from './scim-filtered-list.ts';

export type ScimGroupRow = Omit<Selectable<ScimGroupsTable>, 'display_name_key'>;

export interface ScimGroupWrite {
  id: string;
  organizationId: string;
  displayName: string;
  displayNameKey: string;
  externalId: string | null;
  attributes: string;
  at: string;
}

const columns = [
  'id',
  'organization_id',
  'scim_configuration_id',
  'display_name',
  'external_id',
  'attributes',
  'created_at',
  'updated_at',
] as const;

/** Where a filter finds each attribute of a group. */
const filterTarget: FilterTarget = {
  attributes: sql.ref('scim_groups.attributes'),
  columns: {
    id: { kind: 'text', column: sql.ref('scim_groups.id'), nullable: false },
    displayName: { kind: 'folded', column: sql.ref('scim_groups.display_name_key') },
    externalId: { kind: 'text', column: sql.ref('scim_groups.external_id'), nullable: true },
    'meta.created': { kind: 'text', column: sql.ref('scim_groups.created_at'), nullable: false },
    'meta.lastModified': {
      kind: 'text',
      column: sql.ref('scim_groups.updated_at'),
      nullable: false,
    },
  },
  relations: {
    members: {
      exists: (where) => sql`EXISTS (SELECT 1 FROM scim_group_members m
        JOIN users u ON u.id = m.user_id
        WHERE m.group_id = scim_groups.id AND ${where})`,
      fields: {
        value: { kind: 'text', column: sql.ref('m.user_id'), nullable: false },
        display: { kind: 'text', column: sql.ref('u.name'), nullable: false },
      },
    },
  },
  // The primary key, and scim_groups_display_name and scim_groups_external_id.
  indexed: ['id', 'displayName', 'externalId'],
};

export function createScimGroupRepository({ db, kind }: Executor) {
  const filterSql = createFilterSql(dialectSql(kind));
  /** The organization's groups that match `condition` (all without one) within `range`. */
  const inOrganization = (
    organizationId: string,
    condition: Condition | undefined,
    range: KeyRange,
  ) => {
    const query = db
      .selectFrom('scim_groups')
      .where('scim_groups.organization_id', '=', organizationId);
    return keyRangeBounds('id', range).reduce(
      (bounded, bound) => bounded.where(bound),
      condition ? query.where(filterSql.where(condition, filterTarget)) : query,
    );
  };
  const byId = (organizationId: string, id: string) =>
    db
      .selectFrom('scim_groups')
      .select(columns)
      .where('id', '=', id)
      .where('organization_id', '=', organizationId);

  return {
    /** `configurationId` null: not attributed to any configuration (seeded directly). */
    async insert(group: ScimGroupWrite, configurationId: string | null): Promise<void> {
      await db
        .insertInto('scim_groups')
        .values({
          id: group.id,
          organization_id: group.organizationId,
          scim_configuration_id: configurationId,
          display_name: group.displayName,
          display_name_key: group.displayNameKey,
          external_id: group.externalId,
          attributes: group.attributes,
          created_at: group.at,
          updated_at: group.at,
        })
        .execute();
    },
    async update(group: ScimGroupWrite): Promise<void> {
      await db
        .updateTable('scim_groups')
        .set({
          display_name: group.displayName,
          display_name_key: group.displayNameKey,
          external_id: group.externalId,
          attributes: group.attributes,
          updated_at: group.at,
        })
        .where('id', '=', group.id)
        .where('organization_id', '=', group.organizationId)
        .execute();
    },
    /** Marks the group changed (its members were). */
    async touch(id: string, at: string): Promise<void> {
      await db.updateTable('scim_groups').set({ updated_at: at }).where('id', '=', id).execute();
    },
    async delete(organizationId: string, id: string): Promise<boolean> {
      const result = await db
        .deleteFrom('scim_groups')
        .where('id', '=', id)
        .where('organization_id', '=', organizationId)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
    find(organizationId: string, id: string): Promise<ScimGroupRow | undefined> {
      return byId(organizationId, id).executeTakeFirst();
    },
    /** `find` that keeps the row locked until the transaction ends (SQLite: one writer anyway). */
    findForUpdate(organizationId: string, id: string): Promise<ScimGroupRow | undefined> {
      const query = byId(organizationId, id);
      return (kind === 'postgres' ? query.forUpdate() : query).executeTakeFirst();
    },
    /** The groups matching `condition` (all without one) from the 0-based `offset`, and their total. */
    list(
      organizationId: string,
      condition: Condition | undefined,
      offset: number,
      limit: number,
    ): Promise<FilteredList<ScimGroupRow>> {
      return listFiltered(kind, filterTarget, condition, offset, limit, {
        rangeEnd: (after, rows) =>
          inOrganization(organizationId, undefined, { after, through: undefined })
            .select(['created_at as createdAt', 'id'])
            .orderBy('created_at')
            .orderBy('id')
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
            .select(columns.map((column) => `scim_groups.${column}` as const))
            .orderBy('scim_groups.created_at')
            .orderBy('scim_groups.id')
            .limit(size)
            .offset(from)
            .execute(),
      });
    },
    /** How many groups each configuration created, by configuration id. */
    async countByConfiguration(configurationIds: readonly string[]): Promise<Map<string, number>> {
      if (configurationIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('scim_groups')
        .select((eb) => ['scim_configuration_id', eb.fn.countAll<number>().as('total')])
        .where('scim_configuration_id', 'in', configurationIds)
        .groupBy('scim_configuration_id')
        .execute();
      return new Map(rows.map((row) => [row.scim_configuration_id ?? '', Number(row.total)]));
    },
  };
}
export type ScimGroupRepository = ReturnType<typeof createScimGroupRepository>;
