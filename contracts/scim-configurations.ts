// gitpod.v1.OrganizationService SCIM-configuration messages, newest shape (see ../shared api-contract §2-3).
import * as z from 'zod/mini';
import { defaulted, name, timestamp, tokenLifetime, uuid } from './common.ts';
import { paginationRequestSchema, paginationResponseSchema } from './pagination.ts';

export const scimConfigurationSchema = z.object({
  id: uuid(),
  organizationId: uuid(),
  name: defaulted.string(),
  enabled: defaulted.boolean(),
  ssoConfigurationId: defaulted.string(),
  createdAt: timestamp(),
  updatedAt: timestamp(),
  tokenExpiresAt: timestamp(),
  allowUnverifiedEmailAccountLinking: defaulted.boolean(),
});
export type ScimConfiguration = z.output<typeof scimConfigurationSchema>;

export const createScimConfigurationRequestSchema = z.strictObject({
  organizationId: uuid(),
  ssoConfigurationId: uuid(),
  name: z.optional(name()),
  tokenExpiresIn: z.optional(tokenLifetime()),
  allowUnverifiedEmailAccountLinking: z.optional(z.boolean()),
});
export type CreateScimConfigurationRequest = z.infer<typeof createScimConfigurationRequestSchema>;

export const createScimConfigurationResponseSchema = z.object({
  scimConfiguration: scimConfigurationSchema,
  token: z.string().check(z.minLength(1)),
  tokenExpiresAt: timestamp(),
});
export type CreateScimConfigurationResponse = z.output<
  typeof createScimConfigurationResponseSchema
>;

export const getScimConfigurationRequestSchema = z.strictObject({
  scimConfigurationId: uuid(),
});
export type GetScimConfigurationRequest = z.infer<typeof getScimConfigurationRequestSchema>;

export const getScimConfigurationResponseSchema = z.object({
  scimConfiguration: scimConfigurationSchema,
});
export type GetScimConfigurationResponse = z.output<typeof getScimConfigurationResponseSchema>;

export const listScimConfigurationsRequestSchema = z.strictObject({
  pagination: z.optional(paginationRequestSchema),
});
export type ListScimConfigurationsRequest = z.infer<typeof listScimConfigurationsRequestSchema>;

export const listScimConfigurationsResponseSchema = z.object({
  pagination: z._default(paginationResponseSchema, () => ({ nextToken: '' })),
  scimConfigurations: defaulted.array(scimConfigurationSchema),
});
export type ListScimConfigurationsResponse = z.output<typeof listScimConfigurationsResponseSchema>;

export const updateScimConfigurationRequestSchema = z.strictObject({
  scimConfigurationId: uuid(),
  name: z.optional(name()),
  enabled: z.optional(z.boolean()),
  ssoConfigurationId: z.optional(uuid()),
  allowUnverifiedEmailAccountLinking: z.optional(z.boolean()),
});
export type UpdateScimConfigurationRequest = z.infer<typeof updateScimConfigurationRequestSchema>;

export const updateScimConfigurationResponseSchema = getScimConfigurationResponseSchema;
export type UpdateScimConfigurationResponse = GetScimConfigurationResponse;

export const deleteScimConfigurationRequestSchema = getScimConfigurationRequestSchema;
export type DeleteScimConfigurationRequest = GetScimConfigurationRequest;

export const deleteScimConfigurationResponseSchema = z.object({});

export const regenerateScimTokenRequestSchema = z.strictObject({
  scimConfigurationId: uuid(),
  tokenExpiresIn: z.optional(tokenLifetime()),
});
export type RegenerateScimTokenRequest = z.infer<typeof regenerateScimTokenRequestSchema>;

export const regenerateScimTokenResponseSchema = z.object({
  token: z.string().check(z.minLength(1)),
  tokenExpiresAt: timestamp(),
});
export type RegenerateScimTokenResponse = z.output<typeof regenerateScimTokenResponseSchema>;
