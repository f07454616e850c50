// Who-am-I and organization messages (IdentityService, UserService, OrganizationService).
import * as z from 'zod/mini';
import { defaulted, timestamp, uuid } from './common.ts';
import { paginationRequestSchema, paginationResponseSchema } from './pagination.ts';

// Stainless SDKs type this request as `{ empty?: boolean }`; accept and ignore it.
export const getAuthenticatedIdentityRequestSchema = z.strictObject({
  empty: z.optional(z.boolean()),
});

export const getAuthenticatedIdentityResponseSchema = z.object({
  organizationId: defaulted.string(),
  organizationTier: defaulted.string(),
  subject: z._default(
    z.object({
      id: defaulted.string(),
      principal: z._default(z.string(), 'PRINCIPAL_UNSPECIFIED'),
    }),
    () => ({ id: '', principal: 'PRINCIPAL_UNSPECIFIED' }),
  ),
});
export type GetAuthenticatedIdentityResponse = z.output<
  typeof getAuthenticatedIdentityResponseSchema
>;

export const getAuthenticatedUserRequestSchema = getAuthenticatedIdentityRequestSchema;

export const userSchema = z.object({
  id: uuid(),
  organizationId: defaulted.string(),
  name: defaulted.string(),
  email: defaulted.string(),
  avatarUrl: defaulted.string(),
  createdAt: z.optional(timestamp()),
  status: z._default(z.string(), 'USER_STATUS_UNSPECIFIED'),
});
export type User = z.output<typeof userSchema>;

export const getAuthenticatedUserResponseSchema = z.object({ user: userSchema });
export type GetAuthenticatedUserResponse = z.output<typeof getAuthenticatedUserResponseSchema>;

export const getOrganizationRequestSchema = z.strictObject({ organizationId: uuid() });
export type GetOrganizationRequest = z.infer<typeof getOrganizationRequestSchema>;

export const organizationSchema = z.object({
  id: uuid(),
  name: defaulted.string(),
  createdAt: z.optional(timestamp()),
  updatedAt: z.optional(timestamp()),
  inviteDomains: z.optional(z.object({ domains: defaulted.array(z.string()) })),
  tier: z._default(z.string(), 'ORGANIZATION_TIER_UNSPECIFIED'),
});
export type Organization = z.output<typeof organizationSchema>;

export const getOrganizationResponseSchema = z.object({ organization: organizationSchema });
export type GetOrganizationResponse = z.output<typeof getOrganizationResponseSchema>;

export const organizationRoles = [
  'ORGANIZATION_ROLE_UNSPECIFIED',
  'ORGANIZATION_ROLE_ADMIN',
  'ORGANIZATION_ROLE_MEMBER',
] as const;
export type OrganizationRole = (typeof organizationRoles)[number];

export const listMembersRequestSchema = z.strictObject({
  organizationId: uuid(),
  pagination: z.optional(paginationRequestSchema),
  filter: z.optional(
    z.strictObject({
      userIds: z.optional(
        z.array(uuid()).check(z.maxLength(25, { error: 'must list at most 25 user ids' })),
      ),
      search: z.optional(z.string()),
      // Ona's filter also has these; accepted, not acted on by this backend.
      statuses: z.optional(z.array(z.string())),
      roles: z.optional(z.array(z.string())),
      excludeGroupIds: z.optional(z.array(z.string())),
      excludeMembersInAnyTeam: z.optional(z.boolean()),
    }),
  ),
  // Accepted, not acted on: members come in the order Ona uses when no sort is given.
  sort: z.optional(
    z.strictObject({ field: z.optional(z.string()), order: z.optional(z.string()) }),
  ),
  // Accepted, not acted on: no bounded count is returned.
  count: z.optional(z.strictObject({ include: z.optional(z.boolean()) })),
});
export type ListMembersRequest = z.infer<typeof listMembersRequestSchema>;

export const memberSchema = z.object({
  userId: uuid(),
  email: defaulted.string(),
  fullName: defaulted.string(),
  avatarUrl: defaulted.string(),
  role: z._default(z.string(), 'ORGANIZATION_ROLE_UNSPECIFIED'),
  memberSince: z.optional(timestamp()),
  status: z._default(z.string(), 'USER_STATUS_UNSPECIFIED'),
  loginProvider: defaulted.string(),
});
export type Member = z.output<typeof memberSchema>;

export const listMembersResponseSchema = z.object({
  pagination: z._default(paginationResponseSchema, () => ({ nextToken: '' })),
  members: defaulted.array(memberSchema),
  // Only when the request asked for it; this backend never counts.
  count: z.optional(
    z.object({ value: z._default(z.int(), 0), relation: z._default(z.string(), '') }),
  ),
});
export type ListMembersResponse = z.output<typeof listMembersResponseSchema>;
