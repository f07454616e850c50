-- Organizations, their people, SSO providers and SCIM configurations.
-- Timestamps are RFC 3339 UTC strings with millisecond precision ("2026-01-02T03:04:05.678Z"),
-- which sort correctly as text. Secrets are stored only as SHA-256 hex digests.

CREATE TABLE organizations (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  tier        TEXT NOT NULL DEFAULT 'ORGANIZATION_TIER_ENTERPRISE',
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE users (
  id               TEXT PRIMARY KEY,
  organization_id  TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name             TEXT NOT NULL,
  email            TEXT NOT NULL,
  role             TEXT NOT NULL CHECK (role IN ('ORGANIZATION_ROLE_ADMIN', 'ORGANIZATION_ROLE_MEMBER')),
  status           TEXT NOT NULL DEFAULT 'USER_STATUS_ACTIVE',
  created_at       TEXT NOT NULL
) STRICT;
CREATE INDEX users_by_organization ON users (organization_id, created_at, id);

CREATE TABLE personal_access_tokens (
  token_hash  TEXT PRIMARY KEY,            -- sha256 hex of the bearer token
  user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  expires_at  TEXT,                        -- NULL: never expires
  created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE sso_configurations (
  id               TEXT PRIMARY KEY,
  organization_id  TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  display_name     TEXT NOT NULL DEFAULT '',
  issuer_url       TEXT NOT NULL,
  client_id        TEXT NOT NULL DEFAULT '',
  state            TEXT NOT NULL,
  provider_type    TEXT NOT NULL DEFAULT 'PROVIDER_TYPE_CUSTOM',
  email_domains    TEXT NOT NULL DEFAULT '[]',   -- JSON array of strings
  created_at       TEXT NOT NULL
) STRICT;
CREATE INDEX sso_configurations_by_organization ON sso_configurations (organization_id, created_at, id);

CREATE TABLE scim_configurations (
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
  updated_at                              TEXT NOT NULL
) STRICT;
-- Keyset pagination walks (organization_id, created_at, id).
CREATE INDEX scim_configurations_page ON scim_configurations (organization_id, created_at, id);

-- Server-side settings, e.g. the secret that signs page tokens (generated once so tokens survive restarts).
CREATE TABLE settings (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
) STRICT;
