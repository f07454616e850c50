-- What identity providers provision through the SCIM 2.0 endpoint, and what that endpoint saw.
-- A provisioned user is a `users` row (a member of the configuration's organization) plus its SCIM
-- attributes here; deleting the `users` row removes everything SCIM knew about it.

CREATE TABLE scim_users (
  user_id                TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  organization_id        TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  -- The configuration whose token created the user; counts in the activity panel. NULL once deleted.
  scim_configuration_id  TEXT REFERENCES scim_configurations (id) ON DELETE SET NULL,
  user_name              TEXT NOT NULL,
  -- userName folded to lower case: RFC 7643 makes it unique and caseExact false.
  user_name_key          TEXT NOT NULL,
  external_id            TEXT,
  active                 INTEGER NOT NULL DEFAULT 1,
  attributes             TEXT NOT NULL,    -- JSON: the resource's writable attributes
  created_at             TEXT NOT NULL,
  updated_at             TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX scim_users_user_name ON scim_users (organization_id, user_name_key);
CREATE INDEX scim_users_external_id ON scim_users (organization_id, external_id);
CREATE INDEX scim_users_page ON scim_users (organization_id, created_at, user_id);
CREATE INDEX scim_users_by_configuration ON scim_users (scim_configuration_id);

CREATE TABLE scim_groups (
  id                     TEXT PRIMARY KEY,
  organization_id        TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  scim_configuration_id  TEXT REFERENCES scim_configurations (id) ON DELETE SET NULL,
  display_name           TEXT NOT NULL,
  display_name_key       TEXT NOT NULL,    -- folded for case-insensitive `displayName eq` lookups
  external_id            TEXT,
  attributes             TEXT NOT NULL,    -- JSON: writable attributes other than members
  created_at             TEXT NOT NULL,
  updated_at             TEXT NOT NULL
) STRICT;
CREATE INDEX scim_groups_display_name ON scim_groups (organization_id, display_name_key);
CREATE INDEX scim_groups_external_id ON scim_groups (organization_id, external_id);
CREATE INDEX scim_groups_page ON scim_groups (organization_id, created_at, id);
CREATE INDEX scim_groups_by_configuration ON scim_groups (scim_configuration_id);

CREATE TABLE scim_group_members (
  group_id  TEXT NOT NULL REFERENCES scim_groups (id) ON DELETE CASCADE,
  user_id   TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  PRIMARY KEY (group_id, user_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX scim_group_members_by_user ON scim_group_members (user_id, group_id);

-- One row per request that presented a known token; pruned after about 48 hours.
-- Unknown tokens belong to no configuration and are not recorded.
CREATE TABLE scim_requests (
  id                     INTEGER PRIMARY KEY,
  scim_configuration_id  TEXT NOT NULL REFERENCES scim_configurations (id) ON DELETE CASCADE,
  at                     TEXT NOT NULL,
  outcome                TEXT NOT NULL
    CHECK (outcome IN ('authenticated', 'expired_token', 'provisioning_disabled'))
) STRICT;
CREATE INDEX scim_requests_by_configuration ON scim_requests (scim_configuration_id, at);
CREATE INDEX scim_requests_by_time ON scim_requests (at);

-- Kept apart from scim_requests so "last request" survives pruning (the 48-hour idle warning needs it).
CREATE TABLE scim_configuration_activity (
  scim_configuration_id  TEXT PRIMARY KEY REFERENCES scim_configurations (id) ON DELETE CASCADE,
  last_request_at        TEXT NOT NULL
) STRICT;
