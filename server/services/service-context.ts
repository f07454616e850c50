// What every service function needs: storage, the clock and the page-token codec.
import { ConnectError } from '../../contracts/connect.ts';
import type { OrganizationRole } from '../../contracts/identity.ts';
import type { Repositories, Transact } from '../repositories/repositories.ts';
import type { PageTokenCodec } from './page-tokens.ts';

/** The authenticated caller every handler and service receives (the Connect edge resolves it). */
export interface Caller {
  userId: string;
  organizationId: string;
  role: OrganizationRole;
}

export interface ServiceContext {
  repos: Repositories;
  /** Runs work in one transaction, with repositories bound to it. */
  transaction: Transact;
  now: () => Date;
  /** The codec signing page tokens with the secret every instance shares (read once). */
  pageTokens: () => Promise<PageTokenCodec>;
}

export function requireAdmin(caller: Caller, what: string): void {
  if (caller.role !== 'ORGANIZATION_ROLE_ADMIN') {
    throw new ConnectError('permission_denied', `only organization admins can ${what}`);
  }
}

/**
 * Another organization's id answers exactly like an id that does not exist. Both are lower case:
 * the contract normalizes request ids, and the caller's comes from storage.
 */
export function requireOwnOrganization(caller: Caller, organizationId: string): void {
  if (organizationId !== caller.organizationId) {
    throw new ConnectError('not_found', `organization ${organizationId} not found`);
  }
}
