-- SCIM request activity as counters: one row per configuration, outcome and 5-minute bucket, so its
-- storage grows with configurations and time, never with the number of requests. Pruned after
-- about 48 hours like the request log it replaces.
CREATE TABLE scim_request_counts (
  scim_configuration_id  TEXT COLLATE "C" NOT NULL REFERENCES scim_configurations (id) ON DELETE CASCADE,
  outcome                TEXT NOT NULL
    CHECK (outcome IN ('authenticated', 'expired_token', 'provisioning_disabled')),
  -- Start of the bucket, RFC 3339 UTC with milliseconds (sorts as text).
  bucket_start           TEXT COLLATE "C" NOT NULL,
  requests               BIGINT NOT NULL,
  PRIMARY KEY (scim_configuration_id, outcome, bucket_start)
);
CREATE INDEX scim_request_counts_by_time ON scim_request_counts (bucket_start);

-- The request log's rows, folded into their buckets (300 s, from the Unix epoch).
INSERT INTO scim_request_counts (scim_configuration_id, outcome, bucket_start, requests)
SELECT scim_configuration_id, outcome,
  to_char(
    to_timestamp(floor(extract(epoch FROM at::timestamptz) / 300) * 300) AT TIME ZONE 'UTC',
    'YYYY-MM-DD"T"HH24:MI:SS.000"Z"'),
  count(*)
FROM scim_requests
GROUP BY 1, 2, 3;

DROP TABLE scim_requests;
