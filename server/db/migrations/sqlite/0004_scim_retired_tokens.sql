-- Digests (never the tokens) of tokens rotated away, kept for a while so a request still bearing
-- one is counted against its configuration as `rotated_token` (and still answered 401). Kept until
-- the old token's own expiry or 30 days after the rotation, whichever is sooner; at most the
-- latest few per configuration.
CREATE TABLE scim_retired_tokens (
  token_hash             TEXT NOT NULL PRIMARY KEY,
  scim_configuration_id  TEXT NOT NULL REFERENCES scim_configurations (id) ON DELETE CASCADE,
  retired_at             TEXT NOT NULL,
  kept_until             TEXT NOT NULL
) STRICT;
CREATE INDEX scim_retired_tokens_by_configuration
  ON scim_retired_tokens (scim_configuration_id, retired_at);

-- SQLite cannot change a CHECK in place: the counters move to a table that allows the new outcome.
CREATE TABLE scim_request_counts_new (
  scim_configuration_id  TEXT NOT NULL REFERENCES scim_configurations (id) ON DELETE CASCADE,
  outcome                TEXT NOT NULL
    CHECK (outcome IN ('authenticated', 'expired_token', 'provisioning_disabled', 'rotated_token')),
  bucket_start           TEXT NOT NULL,
  requests               INTEGER NOT NULL,
  PRIMARY KEY (scim_configuration_id, outcome, bucket_start)
) STRICT;
INSERT INTO scim_request_counts_new SELECT * FROM scim_request_counts;
DROP TABLE scim_request_counts;
ALTER TABLE scim_request_counts_new RENAME TO scim_request_counts;
CREATE INDEX scim_request_counts_by_time ON scim_request_counts (bucket_start);
