// What every SCIM operation knows about the authenticated request.
import type { Storage } from '../../repositories/repositories.ts';

export interface ScimRequestContext {
  /** Repositories and the transaction helper: the only way SCIM operations reach the database. */
  storage: Storage;
  /** The organization of the token's configuration: every read and write stays inside it. */
  organizationId: string;
  /** The configuration whose token authenticated the request; new resources are attributed to it. */
  configurationId: string;
  now: Date;
  /** Absolute URL of the endpoint root as the client called it, for `meta.location`. */
  baseUrl: string;
}
