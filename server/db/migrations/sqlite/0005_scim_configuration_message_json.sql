-- foreign_keys: off
-- Each configuration's ScimConfiguration message as proto3 JSON, defaults omitted ('' name, false
-- flags, no SSO link), computed by the database whenever the row is written: a list page is then
-- its rows' text joined, with no formatting and no conversion per row when it is read. ids are
-- UUIDs and timestamps toISOString() output (no character JSON escapes): inlined; the name is user
-- text, quoted by json_quote. scim-configuration-json.test.ts compares it with the object path.
--
-- SQLite cannot add a STORED column in place: the table is rebuilt, with foreign keys off so that
-- dropping the old table does not cascade (the migration checks them before it commits).
CREATE TABLE scim_configurations_new (
  id                                      TEXT PRIMARY KEY,
  organization_id                         TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name                                    TEXT NOT NULL DEFAULT '',
  enabled                                 INTEGER NOT NULL DEFAULT 1,
  sso_configuration_id                    TEXT REFERENCES sso_configurations (id) ON DELETE SET NULL,
  token_hash                              TEXT NOT NULL UNIQUE,   -- sha256 hex of the SCIM bearer token
  token_lifetime_seconds                  INTEGER NOT NULL,       -- reused by RegenerateSCIMToken
  token_expires_at                        TEXT NOT NULL,
  allow_unverified_email_account_linking  INTEGER NOT NULL DEFAULT 0,
  created_at                              TEXT NOT NULL,
  updated_at                              TEXT NOT NULL,
  message_json                            TEXT NOT NULL GENERATED ALWAYS AS (
    '{"id":"' || id || '","organizationId":"' || organization_id || '"'
    || CASE WHEN name <> '' THEN ',"name":' || json_quote(name) ELSE '' END
    || CASE WHEN enabled <> 0 THEN ',"enabled":true' ELSE '' END
    || CASE WHEN sso_configuration_id IS NULL THEN ''
         ELSE ',"ssoConfigurationId":"' || sso_configuration_id || '"' END
    || ',"createdAt":"' || created_at || '","updatedAt":"' || updated_at
    || '","tokenExpiresAt":"' || token_expires_at || '"'
    || CASE WHEN allow_unverified_email_account_linking <> 0
         THEN ',"allowUnverifiedEmailAccountLinking":true' ELSE '' END
    || '}'
  ) STORED
) STRICT;
INSERT INTO scim_configurations_new (
  id, organization_id, name, enabled, sso_configuration_id, token_hash, token_lifetime_seconds,
  token_expires_at, allow_unverified_email_account_linking, created_at, updated_at
)
SELECT
  id, organization_id, name, enabled, sso_configuration_id, token_hash, token_lifetime_seconds,
  token_expires_at, allow_unverified_email_account_linking, created_at, updated_at
FROM scim_configurations;
DROP TABLE scim_configurations;
ALTER TABLE scim_configurations_new RENAME TO scim_configurations;
CREATE INDEX scim_configurations_page ON scim_configurations (organization_id, created_at, id);
CREATE INDEX scim_configurations_by_sso ON scim_configurations (sso_configuration_id);
