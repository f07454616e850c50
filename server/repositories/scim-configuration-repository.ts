import { type Insertable, type Selectable, sql } from 'kysely';
import type { ScimConfigurationsTable } from '../db/schema.ts';
import { dialectSql } from './dialect-sql.ts';
import { afterKeyset, type PageQuery } from './keyset.ts';
import { preparedQuery } from './prepared-query.ts';
import type { Executor } from './repositories.ts';

export interface ScimConfigurationRecord {
  id: string;
  organizationId: string;
  name: string;
  enabled: boolean;
  /** undefined when the linked SSO configuration was deleted. */
  ssoConfigurationId: string | undefined;
  tokenLifetimeSeconds: number;
  tokenExpiresAt: string;
  allowUnverifiedEmailAccountLinking: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface NewScimConfiguration extends ScimConfigurationRecord {
  tokenHash: string;
}

/** The columns UpdateSCIMConfiguration may change; absent = unchanged. */
export interface ScimConfigurationChanges {
  name?: string;
  enabled?: boolean;
  ssoConfigurationId?: string;
  allowUnverifiedEmailAccountLinking?: boolean;
}

/** What the SCIM endpoint needs to know about the configuration a bearer token belongs to. */
export interface TokenConfiguration {
  id: string;
  organizationId: string;
  enabled: boolean;
  tokenExpiresAt: string;
}

// Never selects token_hash: the digest has no business outside the token checks.
const columns = [
  'id',
  'organization_id',
  'name',
  'enabled',
  'sso_configuration_id',
  'token_lifetime_seconds',
  'token_expires_at',
  'allow_unverified_email_account_linking',
  'created_at',
  'updated_at',
] as const;

type ScimConfigurationRow = Pick<Selectable<ScimConfigurationsTable>, (typeof columns)[number]>;

function toRecord(row: ScimConfigurationRow): ScimConfigurationRecord {
  return {
    id: row.id,
    organizationId: row.organization_id,
    name: row.name,
    enabled: row.enabled === 1,
    ssoConfigurationId: row.sso_configuration_id ?? undefined,
    tokenLifetimeSeconds: row.token_lifetime_seconds,
    tokenExpiresAt: row.token_expires_at,
    allowUnverifiedEmailAccountLinking: row.allow_unverified_email_account_linking === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const flag = (value: boolean) => (value ? 1 : 0);

// 11 parameters a row: far below either database's limit of parameters per statement.
const INSERT_BATCH = 500;

function toRow(configuration: NewScimConfiguration): Insertable<ScimConfigurationsTable> {
  return {
    id: configuration.id,
    organization_id: configuration.organizationId,
    name: configuration.name,
    enabled: flag(configuration.enabled),
    sso_configuration_id: configuration.ssoConfigurationId ?? null,
    token_hash: configuration.tokenHash,
    token_lifetime_seconds: configuration.tokenLifetimeSeconds,
    token_expires_at: configuration.tokenExpiresAt,
    allow_unverified_email_account_linking: flag(configuration.allowUnverifiedEmailAccountLinking),
    created_at: configuration.createdAt,
    updated_at: configuration.updatedAt,
  };
}

export function createScimConfigurationRepository({ db, kind }: Executor) {
  const dialect = dialectSql(kind);
  const inOrganization = (organizationId: string, id: string) =>
    db
      .selectFrom('scim_configurations')
      .select(columns)
      .where('id', '=', id)
      .where('organization_id', '=', organizationId);
  /** One page in list order (created_at, id) after the keyset; the caller picks the columns. */
  const keysetPage = (organizationId: string, page: PageQuery) => {
    let query = db.selectFrom('scim_configurations').where('organization_id', '=', organizationId);
    if (page.after) query = query.where(afterKeyset('id', page.after));
    return query.orderBy('created_at').orderBy('id').limit(page.limit);
  };

  // The list RPC's pages, as one text (see pageJson), prepared: the console's hottest query.
  const jsonPage = (rows: ReturnType<typeof keysetPage>) =>
    db
      .selectFrom(rows.select(['message_json', 'created_at', 'id']).as('page'))
      .select(
        dialect
          .linesInOrder(sql.ref('message_json'), [sql.ref('created_at'), sql.ref('id')])
          .as('lines'),
      );
  const jsonFirstPage = preparedQuery(db, 2, (organizationId: string, limit: number) =>
    jsonPage(keysetPage(organizationId, { after: undefined, limit })),
  );
  const jsonPageAfter = preparedQuery(
    db,
    4,
    (organizationId: string, createdAt: string, id: string, limit: number) =>
      jsonPage(keysetPage(organizationId, { after: { createdAt, id }, limit })),
  );

  return {
    /** Inserts in statements of a few hundred rows (the seed writes thousands at once). */
    async insert(...configurations: NewScimConfiguration[]): Promise<void> {
      for (let start = 0; start < configurations.length; start += INSERT_BATCH) {
        const batch = configurations.slice(start, start + INSERT_BATCH);
        await db.insertInto('scim_configurations').values(batch.map(toRow)).execute();
      }
    },
    async findInOrganization(
      organizationId: string,
      id: string,
    ): Promise<ScimConfigurationRecord | undefined> {
      const row = await inOrganization(organizationId, id).executeTakeFirst();
      return row ? toRecord(row) : undefined;
    },
    /**
     * `findInOrganization` that keeps the row locked until the transaction ends, so concurrent
     * writers of one configuration (in any instance) take turns. SQLite has no row locks; its one
     * writer at a time gives the same.
     */
    async findInOrganizationForUpdate(
      organizationId: string,
      id: string,
    ): Promise<ScimConfigurationRecord | undefined> {
      const query = inOrganization(organizationId, id);
      const row = await (kind === 'postgres' ? query.forUpdate() : query).executeTakeFirst();
      return row ? toRecord(row) : undefined;
    },
    /** Which of `ids` are configurations of the organization. */
    async idsInOrganization(organizationId: string, ids: readonly string[]): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      const rows = await db
        .selectFrom('scim_configurations')
        .select('id')
        .where('organization_id', '=', organizationId)
        .where('id', 'in', ids)
        .execute();
      return new Set(rows.map((row) => row.id));
    },
    async count(organizationId: string): Promise<number> {
      const row = await db
        .selectFrom('scim_configurations')
        .select((eb) => eb.fn.countAll<number>().as('total'))
        .where('organization_id', '=', organizationId)
        .executeTakeFirst();
      return Number(row?.total ?? 0);
    },
    async findByTokenHash(tokenHash: string): Promise<TokenConfiguration | undefined> {
      // Indexed equality on the digest (token_hash is UNIQUE): no secret is compared in code.
      const row = await db
        .selectFrom('scim_configurations')
        .select(['id', 'organization_id', 'enabled', 'token_expires_at'])
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return (
        row && {
          id: row.id,
          organizationId: row.organization_id,
          enabled: row.enabled === 1,
          tokenExpiresAt: row.token_expires_at,
        }
      );
    },
    async page(organizationId: string, page: PageQuery): Promise<ScimConfigurationRecord[]> {
      const rows = await keysetPage(organizationId, page).select(columns).execute();
      return rows.map(toRecord);
    },
    /**
     * `page`, each row as the proto3 JSON of its ScimConfiguration message, which the database
     * keeps with the row (the list RPC's hot path; see migration 0005). The page comes out of the
     * database as one text: moving values into JavaScript costs per value, as much as the index
     * walk itself for a 100-row page.
     */
    async pageJson(organizationId: string, page: PageQuery): Promise<string[]> {
      const [row] = page.after
        ? await jsonPageAfter(organizationId, page.after.createdAt, page.after.id, page.limit)
        : await jsonFirstPage(organizationId, page.limit);
      // JSON text holds no raw line break: each line is one row.
      return row?.lines == null ? [] : row.lines.split('\n');
    },
    async update(
      organizationId: string,
      id: string,
      changes: ScimConfigurationChanges,
      updatedAt: string,
    ): Promise<ScimConfigurationRecord | undefined> {
      const row = await db
        .updateTable('scim_configurations')
        .set({
          ...(changes.name !== undefined && { name: changes.name }),
          ...(changes.enabled !== undefined && { enabled: flag(changes.enabled) }),
          ...(changes.ssoConfigurationId !== undefined && {
            sso_configuration_id: changes.ssoConfigurationId,
          }),
          ...(changes.allowUnverifiedEmailAccountLinking !== undefined && {
            allow_unverified_email_account_linking: flag(
              changes.allowUnverifiedEmailAccountLinking,
            ),
          }),
          updated_at: updatedAt,
        })
        .where('id', '=', id)
        .where('organization_id', '=', organizationId)
        .returning(columns)
        .executeTakeFirst();
      return row ? toRecord(row) : undefined;
    },
    /** The configuration a token rotated away belonged to, while its digest is kept. */
    async findByRetiredTokenHash(
      tokenHash: string,
      at: string,
    ): Promise<{ id: string; organizationId: string } | undefined> {
      const row = await db
        .selectFrom('scim_retired_tokens as r')
        .innerJoin('scim_configurations as c', 'c.id', 'r.scim_configuration_id')
        .select(['c.id', 'c.organization_id'])
        .where('r.token_hash', '=', tokenHash)
        .where('r.kept_until', '>', at)
        .executeTakeFirst();
      return row && { id: row.id, organizationId: row.organization_id };
    },
    /**
     * Replaces the token's digest. The old digest moves to scim_retired_tokens until
     * `retired.keptUntil` (the digest never leaves SQL); only the latest `retired.keep` of the
     * configuration, and none past their time, are kept.
     */
    async replaceToken(
      organizationId: string,
      id: string,
      token: { tokenHash: string; lifetimeSeconds: number; expiresAt: string; updatedAt: string },
      retired: { keptUntil: string; keep: number },
    ): Promise<ScimConfigurationRecord | undefined> {
      const at = token.updatedAt;
      await db
        .insertInto('scim_retired_tokens')
        .columns(['token_hash', 'scim_configuration_id', 'retired_at', 'kept_until'])
        .expression((eb) =>
          eb
            .selectFrom('scim_configurations')
            .select((s) => [
              'token_hash',
              'id',
              s.val(at).as('retired_at'),
              s.val(retired.keptUntil).as('kept_until'),
            ])
            .where('id', '=', id)
            .where('organization_id', '=', organizationId)
            .where('token_expires_at', '>', at),
        )
        .onConflict((conflict) => conflict.column('token_hash').doNothing())
        .execute();
      await db
        .deleteFrom('scim_retired_tokens')
        .where('scim_configuration_id', '=', id)
        .where((eb) =>
          eb.or([
            eb('kept_until', '<=', at),
            eb(
              'token_hash',
              'not in',
              eb
                .selectFrom('scim_retired_tokens')
                .select('token_hash')
                .where('scim_configuration_id', '=', id)
                .orderBy('retired_at', 'desc')
                .orderBy('token_hash', 'desc')
                .limit(retired.keep),
            ),
          ]),
        )
        .execute();
      const row = await db
        .updateTable('scim_configurations')
        .set({
          token_hash: token.tokenHash,
          token_lifetime_seconds: token.lifetimeSeconds,
          token_expires_at: token.expiresAt,
          updated_at: token.updatedAt,
        })
        .where('id', '=', id)
        .where('organization_id', '=', organizationId)
        .returning(columns)
        .executeTakeFirst();
      return row ? toRecord(row) : undefined;
    },
    async delete(organizationId: string, id: string): Promise<boolean> {
      const result = await db
        .deleteFrom('scim_configurations')
        .where('id', '=', id)
        .where('organization_id', '=', organizationId)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}
export type ScimConfigurationRepository = ReturnType<typeof createScimConfigurationRepository>;
