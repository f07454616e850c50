import * as z from 'zod/mini';
import { defaulted, uuid } from './common.ts';
import { paginationRequestSchema, paginationResponseSchema } from './pagination.ts';

export const ssoConfigurationStates = [
  'SSO_CONFIGURATION_STATE_UNSPECIFIED',
  'SSO_CONFIGURATION_STATE_INACTIVE',
  'SSO_CONFIGURATION_STATE_ACTIVE',
] as const;
export type SsoConfigurationState = (typeof ssoConfigurationStates)[number];

export const ssoConfigurationSchema = z.object({
  id: uuid(),
  organizationId: uuid(),
  clientId: defaulted.string(),
  issuerUrl: z.string(),
  // Unknown future states must not break the picker: keep them as plain strings.
  state: z._default(z.string(), 'SSO_CONFIGURATION_STATE_UNSPECIFIED'),
  providerType: z._default(z.string(), 'PROVIDER_TYPE_UNSPECIFIED'),
  claims: z._default(z.record(z.string(), z.string()), () => ({})),
  emailDomain: defaulted.string(),
  emailDomains: defaulted.array(z.string()),
  displayName: defaulted.string(),
  additionalScopes: defaulted.array(z.string()),
  claimsExpression: defaulted.string(),
});
export type SsoConfiguration = z.output<typeof ssoConfigurationSchema>;

export function ssoConfigurationLabel(sso: Pick<SsoConfiguration, 'displayName' | 'issuerUrl'>) {
  return sso.displayName || sso.issuerUrl;
}

export const listSsoConfigurationsRequestSchema = z.strictObject({
  organizationId: uuid(),
  pagination: z.optional(paginationRequestSchema),
});
export type ListSsoConfigurationsRequest = z.infer<typeof listSsoConfigurationsRequestSchema>;

export const listSsoConfigurationsResponseSchema = z.object({
  pagination: z._default(paginationResponseSchema, () => ({ nextToken: '' })),
  ssoConfigurations: defaulted.array(ssoConfigurationSchema),
});
export type ListSsoConfigurationsResponse = z.output<typeof listSsoConfigurationsResponseSchema>;

export const getSsoConfigurationRequestSchema = z.strictObject({
  ssoConfigurationId: uuid(),
});
export type GetSsoConfigurationRequest = z.infer<typeof getSsoConfigurationRequestSchema>;

export const getSsoConfigurationResponseSchema = z.object({
  ssoConfiguration: ssoConfigurationSchema,
});
export type GetSsoConfigurationResponse = z.output<typeof getSsoConfigurationResponseSchema>;
