-- Organizations, their people, SSO providers and SCIM configurations (PostgreSQL twin of
-- ../sqlite/0001_initial.sql: the same tables, columns and value encodings).
-- Timestamps are RFC 3339 UTC strings with millisecond precision, flags are 0/1 integers, so every
-- query reads the same on both databases. Keys compare byte-wise (COLLATE "C") as in SQLite, so
-- keyset pages come out in the same order whatever locale the cluster was created with.

CREATE TABLE organizations (
  id          TEXT COLLATE "C" PRIMARY KEY,
  name        TEXT NOT NULL,
  tier        TEXT NOT NULL DEFAULT 'ORGANIZATION_TIER_ENTERPRISE',
  created_at  TEXT COLLATE "C" NOT NULL,
  updated_at  TEXT COLLATE "C" NOT NULL
);

CREATE TABLE users (
  id               TEXT COLLATE "C" PRIMARY KEY,
  organization_id  TEXT COLLATE "C" NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name             TEXT NOT NULL,
  email            TEXT NOT NULL,
  role             TEXT NOT NULL CHECK (role IN ('ORGANIZATION_ROLE_ADMIN', 'ORGANIZATION_ROLE_MEMBER')),
  status           TEXT NOT NULL DEFAULT 'USER_STATUS_ACTIVE',
  created_at       TEXT COLLATE "C" NOT NULL
);
CREATE INDEX users_by_organization ON users (organization_id, created_at, id);

CREATE TABLE personal_access_tokens (
  token_hash  TEXT COLLATE "C" PRIMARY KEY,
  user_id     TEXT COLLATE "C" NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  expires_at  TEXT COLLATE "C",
  created_at  TEXT COLLATE "C" NOT NULL
);
CREATE INDEX personal_access_tokens_by_user ON personal_access_tokens (user_id);

CREATE TABLE sso_configurations (
  id               TEXT COLLATE "C" PRIMARY KEY,
  organization_id  TEXT COLLATE "C" NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  display_name     TEXT NOT NULL DEFAULT '',
  issuer_url       TEXT NOT NULL,
  client_id        TEXT NOT NULL DEFAULT '',
  state            TEXT NOT NULL,
  provider_type    TEXT NOT NULL DEFAULT 'PROVIDER_TYPE_CUSTOM',
  email_domains    TEXT NOT NULL DEFAULT '[]',
  created_at       TEXT COLLATE "C" NOT NULL
);
CREATE INDEX sso_configurations_by_organization ON sso_configurations (organization_id, created_at, id);

CREATE TABLE scim_configurations (
  id                                      TEXT COLLATE "C" PRIMARY KEY,
  organization_id                         TEXT COLLATE "C" NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name                                    TEXT NOT NULL DEFAULT '',
  enabled                                 INTEGER NOT NULL DEFAULT 1,
  sso_configuration_id                    TEXT COLLATE "C" REFERENCES sso_configurations (id) ON DELETE SET NULL,
  token_hash                              TEXT COLLATE "C" NOT NULL UNIQUE,
  token_lifetime_seconds                  INTEGER NOT NULL,
  token_expires_at                        TEXT COLLATE "C" NOT NULL,
  allow_unverified_email_account_linking  INTEGER NOT NULL DEFAULT 0,
  created_at                              TEXT COLLATE "C" NOT NULL,
  updated_at                              TEXT COLLATE "C" NOT NULL
);
CREATE INDEX scim_configurations_page ON scim_configurations (organization_id, created_at, id);
CREATE INDEX scim_configurations_by_sso ON scim_configurations (sso_configuration_id);

-- Shared by every instance, e.g. the secret that signs page tokens.
CREATE TABLE settings (
  key    TEXT COLLATE "C" PRIMARY KEY,
  value  TEXT NOT NULL
);
