import type { Db } from '../db/database.ts';
import type { PageQuery } from './keyset.ts';

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

interface SsoConfigurationRow {
  id: string;
  organization_id: string;
  display_name: string;
  issuer_url: string;
  client_id: string;
  state: string;
  provider_type: string;
  email_domains: string;
  created_at: string;
}

function parseDomains(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((item) => typeof item === 'string') : [];
}

function toRecord(row: SsoConfigurationRow): SsoConfigurationRecord {
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

export function createSsoConfigurationRepository(db: Db) {
  const insert = db.prepare<
    [string, string, string, string, string, string, string, string, string]
  >(
    `INSERT INTO sso_configurations
       (id, organization_id, display_name, issuer_url, client_id, state, provider_type,
        email_domains, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const inOrganization = db.prepare<[string, string], SsoConfigurationRow>(
    'SELECT * FROM sso_configurations WHERE id = ? AND organization_id = ?',
  );
  const firstPage = db.prepare<[string, number], SsoConfigurationRow>(
    `SELECT * FROM sso_configurations WHERE organization_id = ?
     ORDER BY created_at, id LIMIT ?`,
  );
  const nextPage = db.prepare<[string, string, string, number], SsoConfigurationRow>(
    `SELECT * FROM sso_configurations WHERE organization_id = ? AND (created_at, id) > (?, ?)
     ORDER BY created_at, id LIMIT ?`,
  );

  return {
    insert(sso: SsoConfigurationRecord): void {
      insert.run(
        sso.id,
        sso.organizationId,
        sso.displayName,
        sso.issuerUrl,
        sso.clientId,
        sso.state,
        sso.providerType,
        JSON.stringify(sso.emailDomains),
        sso.createdAt,
      );
    },
    findInOrganization(organizationId: string, id: string): SsoConfigurationRecord | undefined {
      const row = inOrganization.get(id, organizationId);
      return row ? toRecord(row) : undefined;
    },
    page(organizationId: string, page: PageQuery): SsoConfigurationRecord[] {
      const rows = page.after
        ? nextPage.all(organizationId, page.after.createdAt, page.after.id, page.limit)
        : firstPage.all(organizationId, page.limit);
      return rows.map(toRecord);
    },
  };
}
export type SsoConfigurationRepository = ReturnType<typeof createSsoConfigurationRepository>;
