-- What identity providers provision through the SCIM 2.0 endpoint, and what that endpoint saw
-- (PostgreSQL twin of ../sqlite/0002_scim_provisioning.sql).

CREATE TABLE scim_users (
  user_id                TEXT COLLATE "C" PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  organization_id        TEXT COLLATE "C" NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  scim_configuration_id  TEXT COLLATE "C" REFERENCES scim_configurations (id) ON DELETE SET NULL,
  user_name              TEXT NOT NULL,
  user_name_key          TEXT COLLATE "C" NOT NULL,
  external_id            TEXT COLLATE "C",
  active                 INTEGER NOT NULL DEFAULT 1,
  attributes             TEXT NOT NULL,
  created_at             TEXT COLLATE "C" NOT NULL,
  updated_at             TEXT COLLATE "C" NOT NULL
);
CREATE UNIQUE INDEX scim_users_user_name ON scim_users (organization_id, user_name_key);
CREATE INDEX scim_users_external_id ON scim_users (organization_id, external_id);
CREATE INDEX scim_users_page ON scim_users (organization_id, created_at, user_id);
CREATE INDEX scim_users_by_configuration ON scim_users (scim_configuration_id);

CREATE TABLE scim_groups (
  id                     TEXT COLLATE "C" PRIMARY KEY,
  organization_id        TEXT COLLATE "C" NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  scim_configuration_id  TEXT COLLATE "C" REFERENCES scim_configurations (id) ON DELETE SET NULL,
  display_name           TEXT NOT NULL,
  display_name_key       TEXT COLLATE "C" NOT NULL,
  external_id            TEXT COLLATE "C",
  attributes             TEXT NOT NULL,
  created_at             TEXT COLLATE "C" NOT NULL,
  updated_at             TEXT COLLATE "C" NOT NULL
);
CREATE INDEX scim_groups_display_name ON scim_groups (organization_id, display_name_key);
CREATE INDEX scim_groups_external_id ON scim_groups (organization_id, external_id);
CREATE INDEX scim_groups_page ON scim_groups (organization_id, created_at, id);
CREATE INDEX scim_groups_by_configuration ON scim_groups (scim_configuration_id);

CREATE TABLE scim_group_members (
  group_id  TEXT COLLATE "C" NOT NULL REFERENCES scim_groups (id) ON DELETE CASCADE,
  user_id   TEXT COLLATE "C" NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  PRIMARY KEY (group_id, user_id)
);
CREATE INDEX scim_group_members_by_user ON scim_group_members (user_id, group_id);

CREATE TABLE scim_requests (
  id                     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  scim_configuration_id  TEXT COLLATE "C" NOT NULL REFERENCES scim_configurations (id) ON DELETE CASCADE,
  at                     TEXT COLLATE "C" NOT NULL,
  outcome                TEXT NOT NULL
    CHECK (outcome IN ('authenticated', 'expired_token', 'provisioning_disabled'))
);
CREATE INDEX scim_requests_by_configuration ON scim_requests (scim_configuration_id, at);
CREATE INDEX scim_requests_by_time ON scim_requests (at);

CREATE TABLE scim_configuration_activity (
  scim_configuration_id  TEXT COLLATE "C" PRIMARY KEY REFERENCES scim_configurations (id) ON DELETE CASCADE,
  last_request_at        TEXT COLLATE "C" NOT NULL
);
