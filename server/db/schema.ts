// The tables as Kysely sees them: one interface per table, the same on SQLite and PostgreSQL
// (text timestamps, 0/1 flags, JSON as text; see migrations/*/0001_initial.sql).
import type { Generated, GeneratedAlways } from 'kysely';

export interface OrganizationsTable {
  id: string;
  name: string;
  tier: Generated<string>;
  created_at: string;
  updated_at: string;
}

export interface UsersTable {
  id: string;
  organization_id: string;
  name: string;
  email: string;
  role: 'ORGANIZATION_ROLE_ADMIN' | 'ORGANIZATION_ROLE_MEMBER';
  status: Generated<string>;
  created_at: string;
}

export interface PersonalAccessTokensTable {
  token_hash: string;
  user_id: string;
  expires_at: string | null;
  created_at: string;
}

export interface SsoConfigurationsTable {
  id: string;
  organization_id: string;
  display_name: Generated<string>;
  issuer_url: string;
  client_id: Generated<string>;
  state: string;
  provider_type: Generated<string>;
  /** JSON array of strings. */
  email_domains: Generated<string>;
  created_at: string;
}

export interface ScimConfigurationsTable {
  id: string;
  organization_id: string;
  name: Generated<string>;
  enabled: Generated<number>;
  sso_configuration_id: string | null;
  token_hash: string;
  token_lifetime_seconds: number;
  token_expires_at: string;
  allow_unverified_email_account_linking: Generated<number>;
  created_at: string;
  updated_at: string;
  /** The row as ScimConfiguration proto3 JSON, written by the database (migration 0005). */
  message_json: GeneratedAlways<string>;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface ScimUsersTable {
  user_id: string;
  organization_id: string;
  scim_configuration_id: string | null;
  user_name: string;
  user_name_key: string;
  external_id: string | null;
  active: Generated<number>;
  attributes: string;
  created_at: string;
  updated_at: string;
}

export interface ScimGroupsTable {
  id: string;
  organization_id: string;
  scim_configuration_id: string | null;
  display_name: string;
  display_name_key: string;
  external_id: string | null;
  attributes: string;
  created_at: string;
  updated_at: string;
}

export interface ScimGroupMembersTable {
  group_id: string;
  user_id: string;
}

export interface ScimRequestCountsTable {
  scim_configuration_id: string;
  outcome: 'authenticated' | 'expired_token' | 'provisioning_disabled' | 'rotated_token';
  /** Start of the 5-minute bucket. */
  bucket_start: string;
  requests: number;
}

/** Digests of tokens rotated away, kept a while to attribute requests that still bear them. */
export interface ScimRetiredTokensTable {
  token_hash: string;
  scim_configuration_id: string;
  retired_at: string;
  kept_until: string;
}

export interface ScimConfigurationActivityTable {
  scim_configuration_id: string;
  last_request_at: string;
}

export interface SchemaMigrationsTable {
  version: string;
  applied_at: string;
}

export interface Schema {
  organizations: OrganizationsTable;
  users: UsersTable;
  personal_access_tokens: PersonalAccessTokensTable;
  sso_configurations: SsoConfigurationsTable;
  scim_configurations: ScimConfigurationsTable;
  settings: SettingsTable;
  scim_users: ScimUsersTable;
  scim_groups: ScimGroupsTable;
  scim_group_members: ScimGroupMembersTable;
  scim_request_counts: ScimRequestCountsTable;
  scim_configuration_activity: ScimConfigurationActivityTable;
  scim_retired_tokens: ScimRetiredTokensTable;
  schema_migrations: SchemaMigrationsTable;
}
