// Every RPC the product speaks: one entry per procedure, used by the SPA's client and the backend router.
import type * as z from 'zod/mini';
import {
  getAuthenticatedIdentityRequestSchema,
  getAuthenticatedIdentityResponseSchema,
  getAuthenticatedUserRequestSchema,
  getAuthenticatedUserResponseSchema,
  getOrganizationRequestSchema,
  getOrganizationResponseSchema,
  listMembersRequestSchema,
  listMembersResponseSchema,
} from './identity.ts';
import {
  ACTIVITY_SERVICE,
  getActivityRequestSchema,
  getActivityResponseSchema,
  testConnectionRequestSchema,
  testConnectionResponseSchema,
} from './provisioning-activity.ts';
import {
  createScimConfigurationRequestSchema,
  createScimConfigurationResponseSchema,
  deleteScimConfigurationRequestSchema,
  deleteScimConfigurationResponseSchema,
  getScimConfigurationRequestSchema,
  getScimConfigurationResponseSchema,
  listScimConfigurationsRequestSchema,
  listScimConfigurationsResponseSchema,
  regenerateScimTokenRequestSchema,
  regenerateScimTokenResponseSchema,
  updateScimConfigurationRequestSchema,
  updateScimConfigurationResponseSchema,
} from './scim-configurations.ts';
import {
  getSsoConfigurationRequestSchema,
  getSsoConfigurationResponseSchema,
  listSsoConfigurationsRequestSchema,
  listSsoConfigurationsResponseSchema,
} from './sso-configurations.ts';

export interface Procedure<Req extends z.ZodMiniType, Res extends z.ZodMiniType> {
  /** `gitpod.v1.OrganizationService` */
  service: string;
  method: string;
  /** `gitpod.v1.OrganizationService/ListSCIMConfigurations`, appended to the API base path. */
  path: string;
  request: Req;
  response: Res;
  /** NO_SIDE_EFFECTS in the proto descriptor: safe to retry. */
  safe: boolean;
}

function procedure<Req extends z.ZodMiniType, Res extends z.ZodMiniType>(
  service: string,
  method: string,
  request: Req,
  response: Res,
  safe: boolean,
): Procedure<Req, Res> {
  return { service, method, path: `${service}/${method}`, request, response, safe };
}

const ORG = 'gitpod.v1.OrganizationService';

export const procedures = {
  createScimConfiguration: procedure(
    ORG,
    'CreateSCIMConfiguration',
    createScimConfigurationRequestSchema,
    createScimConfigurationResponseSchema,
    false,
  ),
  getScimConfiguration: procedure(
    ORG,
    'GetSCIMConfiguration',
    getScimConfigurationRequestSchema,
    getScimConfigurationResponseSchema,
    true,
  ),
  listScimConfigurations: procedure(
    ORG,
    'ListSCIMConfigurations',
    listScimConfigurationsRequestSchema,
    listScimConfigurationsResponseSchema,
    true,
  ),
  updateScimConfiguration: procedure(
    ORG,
    'UpdateSCIMConfiguration',
    updateScimConfigurationRequestSchema,
    updateScimConfigurationResponseSchema,
    false,
  ),
  deleteScimConfiguration: procedure(
    ORG,
    'DeleteSCIMConfiguration',
    deleteScimConfigurationRequestSchema,
    deleteScimConfigurationResponseSchema,
    false,
  ),
  regenerateScimToken: procedure(
    ORG,
    'RegenerateSCIMToken',
    regenerateScimTokenRequestSchema,
    regenerateScimTokenResponseSchema,
    false,
  ),
  listSsoConfigurations: procedure(
    ORG,
    'ListSSOConfigurations',
    listSsoConfigurationsRequestSchema,
    listSsoConfigurationsResponseSchema,
    true,
  ),
  getSsoConfiguration: procedure(
    ORG,
    'GetSSOConfiguration',
    getSsoConfigurationRequestSchema,
    getSsoConfigurationResponseSchema,
    true,
  ),
  getOrganization: procedure(
    ORG,
    'GetOrganization',
    getOrganizationRequestSchema,
    getOrganizationResponseSchema,
    true,
  ),
  listMembers: procedure(
    ORG,
    'ListMembers',
    listMembersRequestSchema,
    listMembersResponseSchema,
    true,
  ),
  getAuthenticatedIdentity: procedure(
    'gitpod.v1.IdentityService',
    'GetAuthenticatedIdentity',
    getAuthenticatedIdentityRequestSchema,
    getAuthenticatedIdentityResponseSchema,
    true,
  ),
  getAuthenticatedUser: procedure(
    'gitpod.v1.UserService',
    'GetAuthenticatedUser',
    getAuthenticatedUserRequestSchema,
    getAuthenticatedUserResponseSchema,
    true,
  ),
  // Our own service (not Ona's): SCIM endpoint activity and connection test.
  getActivity: procedure(
    ACTIVITY_SERVICE,
    'GetActivity',
    getActivityRequestSchema,
    getActivityResponseSchema,
    true,
  ),
  testConnection: procedure(
    ACTIVITY_SERVICE,
    'TestConnection',
    testConnectionRequestSchema,
    testConnectionResponseSchema,
    false,
  ),
} as const;

export type Procedures = typeof procedures;
export type ProcedureName = keyof Procedures;
export type RequestOf<P extends ProcedureName> = z.input<Procedures[P]['request']>;
export type ResponseOf<P extends ProcedureName> = z.output<Procedures[P]['response']>;
