import type { Selectable } from 'kysely';
import type { SsoConfigurationsTable } from '../db/schema.ts';
import { afterKeyset, type PageQuery } from './keyset.ts';
import type { Executor } from './repositories.ts';

export interface SsoConfigurationRecord {
  id: string;
  organizationId: string;
  displayName: string;
  issuerUrl: string;
  clientId: string;
  state: string;
  providerType: string;
  emailDomains: string[];
  createdAt: string;
}

function parseDomains(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((item) => typeof item === 'string') : [];
}

function toRecord(row: Selectable<SsoConfigurationsTable>): SsoConfigurationRecord {
  return {
    id: row.id,
    organizationId: row.organization_id,
    displayName: row.display_name,
    issuerUrl: row.issuer_url,
    clientId: row.client_id,
    state: row.state,
    providerType: row.provider_type,
    emailDomains: parseDomains(row.email_domains),
    createdAt: row.created_at,
  };
}

export function createSsoConfigurationRepository({ db }: Executor) {
  return {
    async insert(sso: SsoConfigurationRecord): Promise<void> {
      await db
        .insertInto('sso_configurations')
        .values({
          id: sso.id,
          organization_id: sso.organizationId,
          display_name: sso.displayName,
          issuer_url: sso.issuerUrl,
          client_id: sso.clientId,
          state: sso.state,
          provider_type: sso.providerType,
          email_domains: JSON.stringify(sso.emailDomains),
          created_at: sso.createdAt,
        })
        .execute();
    },
    async findInOrganization(
      organizationId: string,
      id: string,
    ): Promise<SsoConfigurationRecord | undefined> {
      const row = await db
        .selectFrom('sso_configurations')
        .selectAll()
        .where('id', '=', id)
        .where('organization_id', '=', organizationId)
        .executeTakeFirst();
      return row ? toRecord(row) : undefined;
    },
    async page(organizationId: string, page: PageQuery): Promise<SsoConfigurationRecord[]> {
      let query = db
        .selectFrom('sso_configurations')
        .selectAll()
        .where('organization_id', '=', organizationId);
      if (page.after) query = query.where(afterKeyset('id', page.after));
      const rows = await query.orderBy('created_at').orderBy('id').limit(page.limit).execute();
      return rows.map(toRecord);
    },
    /** SSO configurations are managed outside this product; tests change them through these. */
    async setState(organizationId: string, id: string, state: string): Promise<void> {
      await db
        .updateTable('sso_configurations')
        .set({ state })
        .where('id', '=', id)
        .where('organization_id', '=', organizationId)
        .execute();
    },
    async delete(organizationId: string, id: string): Promise<void> {
      await db
        .deleteFrom('sso_configurations')
        .where('id', '=', id)
        .where('organization_id', '=', organizationId)
        .execute();
    },
  };
}
export type SsoConfigurationRepository = ReturnType<typeof createSsoConfigurationRepository>;
