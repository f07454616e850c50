// gitpod.v1.UserService
import { procedures } from '../../contracts/procedures.ts';
import { type ConnectMethod, connectMethod } from '../connect.ts';
import { getAuthenticatedUser } from '../services/organization-service.ts';
import type { ServiceContext } from '../services/service-context.ts';

export function userServiceMethods(ctx: ServiceContext): ConnectMethod[] {
  return [
    connectMethod(procedures.getAuthenticatedUser, (_input, { caller }) =>
      getAuthenticatedUser(ctx, caller),
    ),
  ];
}
