// Who the signed-in caller is: identity, profile, organization and whether they are an org admin.
import { queryOptions } from '@tanstack/react-query';
import { ConnectError } from '#contracts/connect.ts';
import { procedures } from '#contracts/procedures.ts';
import { callUnary } from '../../../lib/connect-client.ts';

export interface SessionIdentity {
  organizationId: string;
  organizationName: string;
  userId: string;
  userName: string;
  userEmail: string;
  isAdmin: boolean;
}

async function fetchIsAdmin(organizationId: string, userId: string, signal: AbortSignal) {
  try {
    const { members } = await callUnary(
      procedures.listMembers,
      { organizationId, filter: { userIds: [userId] } },
      { signal },
    );
    return members.some((m) => m.userId === userId && m.role === 'ORGANIZATION_ROLE_ADMIN');
  } catch (error) {
    // Members may not list members: that answer itself says "not an admin".
    if (error instanceof ConnectError && error.code === 'permission_denied') return false;
    throw error;
  }
}

async function fetchSessionIdentity(signal: AbortSignal): Promise<SessionIdentity> {
  const identity = await callUnary(procedures.getAuthenticatedIdentity, {}, { signal });
  const { organizationId } = identity;
  const userId = identity.subject.id;
  const [{ user }, organizationName, isAdmin] = await Promise.all([
    callUnary(procedures.getAuthenticatedUser, {}, { signal }),
    callUnary(procedures.getOrganization, { organizationId }, { signal }).then(
      ({ organization }) => organization.name,
    ),
    fetchIsAdmin(organizationId, userId, signal),
  ]);
  return {
    organizationId,
    organizationName,
    userId,
    userName: user.name,
    userEmail: user.email,
    isAdmin,
  };
}

export const sessionQueries = {
  all: () => ['session'] as const,
  identity: () =>
    queryOptions({
      queryKey: [...sessionQueries.all(), 'identity'] as const,
      queryFn: ({ signal }) => fetchSessionIdentity(signal),
      staleTime: 5 * 60_000,
    }),
};
