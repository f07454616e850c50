-- SCIM request activity as counters: one row per configuration, outcome and 5-minute bucket, so its
-- storage grows with configurations and time, never with the number of requests. Pruned after
-- about 48 hours like the request log it replaces.
CREATE TABLE scim_request_counts (
  scim_configuration_id  TEXT NOT NULL REFERENCES scim_configurations (id) ON DELETE CASCADE,
  outcome                TEXT NOT NULL
    CHECK (outcome IN ('authenticated', 'expired_token', 'provisioning_disabled')),
  -- Start of the bucket, RFC 3339 UTC with milliseconds (sorts as text).
  bucket_start           TEXT NOT NULL,
  requests               INTEGER NOT NULL,
  PRIMARY KEY (scim_configuration_id, outcome, bucket_start)
) STRICT;
CREATE INDEX scim_request_counts_by_time ON scim_request_counts (bucket_start);

-- The request log's rows, folded into their buckets (300 s, from the Unix epoch).
INSERT INTO scim_request_counts (scim_configuration_id, outcome, bucket_start, requests)
SELECT scim_configuration_id, outcome,
  strftime('%Y-%m-%dT%H:%M:%S.000Z', (CAST(unixepoch(at) AS INTEGER) / 300) * 300, 'unixepoch'),
  count(*)
FROM scim_requests
GROUP BY 1, 2, 3;

DROP TABLE scim_requests;
