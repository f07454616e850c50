// Who am I, my organization and its members.
import { ConnectError } from '../../contracts/connect.ts';
import type {
  GetAuthenticatedIdentityResponse,
  GetOrganizationRequest,
  ListMembersRequest,
  Member,
  Organization,
  User,
} from '../../contracts/identity.ts';
import { procedures } from '../../contracts/procedures.ts';
import type { UserRecord } from '../repositories/user-repository.ts';
import { finishPage, resolvePage } from './pagination.ts';
import type { Caller } from './service-context.ts';
import { requireAdmin, requireOwnOrganization, type ServiceContext } from './service-context.ts';

async function requireOrganization(ctx: ServiceContext, caller: Caller) {
  const organization = await ctx.repos.organizations.findById(caller.organizationId);
  if (!organization) throw new ConnectError('not_found', 'organization not found');
  return organization;
}

export async function getAuthenticatedIdentity(
  ctx: ServiceContext,
  caller: Caller,
): Promise<GetAuthenticatedIdentityResponse> {
  const organization = await requireOrganization(ctx, caller);
  return {
    organizationId: organization.id,
    organizationTier: organization.tier,
    subject: { id: caller.userId, principal: 'PRINCIPAL_USER' },
  };
}

export async function getAuthenticatedUser(
  ctx: ServiceContext,
  caller: Caller,
): Promise<{ user: User }> {
  const user = await ctx.repos.users.findById(caller.userId);
  if (!user) throw new ConnectError('unauthenticated', 'the user of this token no longer exists');
  return {
    user: {
      id: user.id,
      organizationId: user.organizationId,
      name: user.name,
      email: user.email,
      avatarUrl: '',
      createdAt: user.createdAt,
      status: user.status,
    },
  };
}

export async function getOrganization(
  ctx: ServiceContext,
  caller: Caller,
  input: GetOrganizationRequest,
): Promise<{ organization: Organization }> {
  requireOwnOrganization(caller, input.organizationId);
  const organization = await requireOrganization(ctx, caller);
  return {
    organization: {
      id: organization.id,
      name: organization.name,
      createdAt: organization.createdAt,
      updatedAt: organization.updatedAt,
      tier: organization.tier,
    },
  };
}

function toMember(user: UserRecord): Member {
  return {
    userId: user.id,
    email: user.email,
    fullName: user.name,
    avatarUrl: '',
    role: user.role,
    memberSince: user.createdAt,
    status: user.status,
    // This backend signs members in with access tokens only: no login provider to name.
    loginProvider: '',
  };
}

export async function listMembers(
  ctx: ServiceContext,
  caller: Caller,
  input: ListMembersRequest,
): Promise<{ members: Member[]; pagination: { nextToken?: string } }> {
  requireAdmin(caller, 'list members');
  requireOwnOrganization(caller, input.organizationId);
  const codec = await ctx.pageTokens();
  const page = resolvePage(codec, procedures.listMembers, caller, input.pagination);
  const filter = {
    ...(input.filter?.userIds && { userIds: input.filter.userIds }),
    ...(input.filter?.search && { search: input.filter.search }),
  };
  const rows = await ctx.repos.users.pageMembers(caller.organizationId, filter, page.query);
  const { items, pagination } = finishPage(codec, page, rows);
  return { members: items.map(toMember), pagination };
}
