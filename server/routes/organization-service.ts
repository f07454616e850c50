// gitpod.v1.OrganizationService: SCIM and SSO configurations, the organization and its members.
import { procedures } from '../../contracts/procedures.ts';
import { type ConnectMethod, connectMethod } from '../connect.ts';
import { getOrganization, listMembers } from '../services/organization-service.ts';
import {
  createScimConfiguration,
  deleteScimConfiguration,
  getScimConfiguration,
  listScimConfigurations,
  regenerateScimToken,
  updateScimConfiguration,
} from '../services/scim-configuration-service.ts';
import type { ServiceContext } from '../services/service-context.ts';
import {
  getSsoConfiguration,
  listSsoConfigurations,
} from '../services/sso-configuration-service.ts';

export function organizationServiceMethods(ctx: ServiceContext): ConnectMethod[] {
  return [
    connectMethod(procedures.createScimConfiguration, (input, { caller }) =>
      createScimConfiguration(ctx, caller, input),
    ),
    connectMethod(procedures.getScimConfiguration, (input, { caller }) =>
      getScimConfiguration(ctx, caller, input),
    ),
    connectMethod(procedures.listScimConfigurations, (input, { caller }) =>
      listScimConfigurations(ctx, caller, input),
    ),
    connectMethod(procedures.updateScimConfiguration, (input, { caller }) =>
      updateScimConfiguration(ctx, caller, input),
    ),
    connectMethod(procedures.deleteScimConfiguration, (input, { caller }) =>
      deleteScimConfiguration(ctx, caller, input),
    ),
    connectMethod(procedures.regenerateScimToken, (input, { caller }) =>
      regenerateScimToken(ctx, caller, input),
    ),
    connectMethod(procedures.listSsoConfigurations, (input, { caller }) =>
      listSsoConfigurations(ctx, caller, input),
    ),
    connectMethod(procedures.getSsoConfiguration, (input, { caller }) =>
      getSsoConfiguration(ctx, caller, input),
    ),
    connectMethod(procedures.getOrganization, (input, { caller }) =>
      getOrganization(ctx, caller, input),
    ),
    connectMethod(procedures.listMembers, (input, { caller }) => listMembers(ctx, caller, input)),
  ];
}
