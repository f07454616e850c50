// What every SCIM operation knows about the authenticated request.
import type Database from 'better-sqlite3';

export interface ScimRequestContext {
  db: Database.Database;
  /** The organization of the token's configuration: every read and write stays inside it. */
  organizationId: string;
  /** The configuration whose token authenticated the request; new resources are attributed to it. */
  configurationId: string;
  now: Date;
  /** Absolute URL of the endpoint root as the client called it, for `meta.location`. */
  baseUrl: string;
}

/** Query parameters of list and read requests, as received. */
export interface ListQuery {
  filter?: string | undefined;
  startIndex?: string | undefined;
  count?: string | undefined;
  attributes?: string | undefined;
  excludedAttributes?: string | undefined;
}

export const LIST_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
