-- Each configuration's ScimConfiguration message as proto3 JSON, defaults omitted ('' name, false
-- flags, no SSO link), computed by the database whenever the row is written: a list page is then
-- its rows' text joined, with no formatting and no conversion per row when it is read. ids are
-- UUIDs and timestamps toISOString() output (no character JSON escapes): inlined; the name is user
-- text, quoted as a JSON string. scim-configuration-json.test.ts compares it with the object path.

-- A generated column may only call IMMUTABLE functions; to_json is STABLE because of other types'
-- output functions, but for text its result depends on nothing but the argument.
CREATE FUNCTION scim_json_string(value text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT to_json(value)::text $$;

ALTER TABLE scim_configurations ADD COLUMN message_json TEXT NOT NULL GENERATED ALWAYS AS (
  '{"id":"' || id || '","organizationId":"' || organization_id || '"'
  || CASE WHEN name <> '' THEN ',"name":' || scim_json_string(name) ELSE '' END
  || CASE WHEN enabled <> 0 THEN ',"enabled":true' ELSE '' END
  || CASE WHEN sso_configuration_id IS NULL THEN ''
       ELSE ',"ssoConfigurationId":"' || sso_configuration_id || '"' END
  || ',"createdAt":"' || created_at || '","updatedAt":"' || updated_at
  || '","tokenExpiresAt":"' || token_expires_at || '"'
  || CASE WHEN allow_unverified_email_account_linking <> 0
       THEN ',"allowUnverifiedEmailAccountLinking":true' ELSE '' END
  || '}'
) STORED;
