import type { Db } from '../db/database.ts';
import type { PageQuery } from './keyset.ts';
import { scimConfigurationJsonSql } from './scim-configuration-json.ts';

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

interface ScimConfigurationRow {
  id: string;
  organization_id: string;
  name: string;
  enabled: number;
  sso_configuration_id: string | null;
  token_lifetime_seconds: number;
  token_expires_at: string;
  allow_unverified_email_account_linking: number;
  created_at: string;
  updated_at: string;
}

// Never selects token_hash: the digest has no business outside the token checks.
const columns = `id, organization_id, name, enabled, sso_configuration_id, token_lifetime_seconds,
  token_expires_at, allow_unverified_email_account_linking, created_at, updated_at`;

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

const flag = (value: boolean | undefined) => (value === undefined ? null : value ? 1 : 0);

export function createScimConfigurationRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO scim_configurations
       (id, organization_id, name, enabled, sso_configuration_id, token_hash, token_lifetime_seconds,
        token_expires_at, allow_unverified_email_account_linking, created_at, updated_at)
     VALUES (@id, @organizationId, @name, @enabled, @ssoConfigurationId, @tokenHash,
        @tokenLifetimeSeconds, @tokenExpiresAt, @allowUnverifiedEmailAccountLinking, @createdAt,
        @updatedAt)`,
  );
  const inOrganization = db.prepare<[string, string], ScimConfigurationRow>(
    `SELECT ${columns} FROM scim_configurations WHERE id = ? AND organization_id = ?`,
  );
  const firstPage = db.prepare<[string, number], ScimConfigurationRow>(
    `SELECT ${columns} FROM scim_configurations WHERE organization_id = ?
     ORDER BY created_at, id LIMIT ?`,
  );
  const nextPage = db.prepare<[string, string, string, number], ScimConfigurationRow>(
    `SELECT ${columns} FROM scim_configurations
      WHERE organization_id = ? AND (created_at, id) > (?, ?)
      ORDER BY created_at, id LIMIT ?`,
  );
  // The same pages as ScimConfigurationMessage JSON text, one string per row (see pageJson).
  const firstPageJson = db
    .prepare<[string, number], string>(
      `SELECT ${scimConfigurationJsonSql} FROM scim_configurations WHERE organization_id = ?
       ORDER BY created_at, id LIMIT ?`,
    )
    .pluck();
  const nextPageJson = db
    .prepare<[string, string, string, number], string>(
      `SELECT ${scimConfigurationJsonSql} FROM scim_configurations
        WHERE organization_id = ? AND (created_at, id) > (?, ?)
        ORDER BY created_at, id LIMIT ?`,
    )
    .pluck();
  // NULL parameters keep the stored value, so one statement serves every partial update.
  const update = db.prepare<
    {
      id: string;
      organizationId: string;
      name: string | null;
      enabled: number | null;
      ssoConfigurationId: string | null;
      allowUnverifiedEmailAccountLinking: number | null;
      updatedAt: string;
    },
    ScimConfigurationRow
  >(
    `UPDATE scim_configurations SET
       name = coalesce(@name, name),
       enabled = coalesce(@enabled, enabled),
       sso_configuration_id = coalesce(@ssoConfigurationId, sso_configuration_id),
       allow_unverified_email_account_linking =
         coalesce(@allowUnverifiedEmailAccountLinking, allow_unverified_email_account_linking),
       updated_at = @updatedAt
     WHERE id = @id AND organization_id = @organizationId
     RETURNING ${columns}`,
  );
  const replaceToken = db.prepare<
    [string, number, string, string, string, string],
    ScimConfigurationRow
  >(
    `UPDATE scim_configurations
        SET token_hash = ?, token_lifetime_seconds = ?, token_expires_at = ?, updated_at = ?
      WHERE id = ? AND organization_id = ?
      RETURNING ${columns}`,
  );
  const remove = db.prepare<[string, string]>(
    'DELETE FROM scim_configurations WHERE id = ? AND organization_id = ?',
  );

  return {
    insert(configuration: NewScimConfiguration): void {
      insert.run({
        ...configuration,
        enabled: flag(configuration.enabled),
        ssoConfigurationId: configuration.ssoConfigurationId ?? null,
        allowUnverifiedEmailAccountLinking: flag(configuration.allowUnverifiedEmailAccountLinking),
      });
    },
    findInOrganization(organizationId: string, id: string): ScimConfigurationRecord | undefined {
      const row = inOrganization.get(id, organizationId);
      return row ? toRecord(row) : undefined;
    },
    page(organizationId: string, page: PageQuery): ScimConfigurationRecord[] {
      const rows = page.after
        ? nextPage.all(organizationId, page.after.createdAt, page.after.id, page.limit)
        : firstPage.all(organizationId, page.limit);
      return rows.map(toRecord);
    },
    /**
     * `page`, with each row already encoded as the proto3 JSON of its ScimConfiguration message
     * (the list RPC's hot path; see scim-configuration-json.ts).
     */
    pageJson(organizationId: string, page: PageQuery): string[] {
      return page.after
        ? nextPageJson.all(organizationId, page.after.createdAt, page.after.id, page.limit)
        : firstPageJson.all(organizationId, page.limit);
    },
    update(
      organizationId: string,
      id: string,
      changes: ScimConfigurationChanges,
      updatedAt: string,
    ): ScimConfigurationRecord | undefined {
      const row = update.get({
        id,
        organizationId,
        name: changes.name ?? null,
        enabled: flag(changes.enabled),
        ssoConfigurationId: changes.ssoConfigurationId ?? null,
        allowUnverifiedEmailAccountLinking: flag(changes.allowUnverifiedEmailAccountLinking),
        updatedAt,
      });
      return row ? toRecord(row) : undefined;
    },
    replaceToken(
      organizationId: string,
      id: string,
      token: { tokenHash: string; lifetimeSeconds: number; expiresAt: string; updatedAt: string },
    ): ScimConfigurationRecord | undefined {
      const row = replaceToken.get(
        token.tokenHash,
        token.lifetimeSeconds,
        token.expiresAt,
        token.updatedAt,
        id,
        organizationId,
      );
      return row ? toRecord(row) : undefined;
    },
    delete(organizationId: string, id: string): boolean {
      return remove.run(id, organizationId).changes > 0;
    },
  };
}
export type ScimConfigurationRepository = ReturnType<typeof createScimConfigurationRepository>;
