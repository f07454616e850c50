-- Digests (never the tokens) of tokens rotated away, kept for a while so a request still bearing
-- one is counted against its configuration as `rotated_token` (and still answered 401). Kept until
-- the old token's own expiry or 30 days after the rotation, whichever is sooner; at most the
-- latest few per configuration.
CREATE TABLE scim_retired_tokens (
  token_hash             TEXT COLLATE "C" NOT NULL PRIMARY KEY,
  scim_configuration_id  TEXT COLLATE "C" NOT NULL REFERENCES scim_configurations (id) ON DELETE CASCADE,
  retired_at             TEXT COLLATE "C" NOT NULL,
  kept_until             TEXT COLLATE "C" NOT NULL
);
CREATE INDEX scim_retired_tokens_by_configuration
  ON scim_retired_tokens (scim_configuration_id, retired_at);

ALTER TABLE scim_request_counts DROP CONSTRAINT scim_request_counts_outcome_check;
ALTER TABLE scim_request_counts ADD CONSTRAINT scim_request_counts_outcome_check
  CHECK (outcome IN ('authenticated', 'expired_token', 'provisioning_disabled', 'rotated_token'));
