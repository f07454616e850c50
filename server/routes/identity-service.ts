// gitpod.v1.IdentityService
import { procedures } from '../../contracts/procedures.ts';
import { type ConnectMethod, connectMethod } from '../connect.ts';
import { getAuthenticatedIdentity } from '../services/organization-service.ts';
import type { ServiceContext } from '../services/service-context.ts';

export function identityServiceMethods(ctx: ServiceContext): ConnectMethod[] {
  return [
    connectMethod(procedures.getAuthenticatedIdentity, (_input, { caller }) =>
      getAuthenticatedIdentity(ctx, caller),
    ),
  ];
}
