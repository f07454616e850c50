// Seed helpers for SCIM tests, through the repositories on the test project's database.
import { uuidv7 } from '../../ids.ts';
import type { Repositories } from '../../repositories/repositories.ts';
import { hashToken } from '../../security/tokens.ts';

export const T0 = new Date('2026-03-01T12:00:00.000Z');

export async function seedOrganization(repos: Repositories, name: string): Promise<string> {
  const id = uuidv7();
  const at = T0.toISOString();
  await repos.organizations.insert({ id, name, createdAt: at });
  await repos.users.insert({
    id: uuidv7(),
    organizationId: id,
    name: 'Admin',
    email: `admin@${name.toLowerCase().replace(/\W/g, '')}.example`,
    role: 'ORGANIZATION_ROLE_ADMIN',
    createdAt: at,
  });
  return id;
}

export interface SeededConfiguration {
  id: string;
  token: string;
}

export async function seedConfiguration(
  repos: Repositories,
  organizationId: string,
  options: { enabled?: boolean; expiresAt?: Date; token?: string } = {},
): Promise<SeededConfiguration> {
  const id = uuidv7();
  const token = options.token ?? `scim_test_${id}`;
  const at = T0.toISOString();
  const expiresAt = options.expiresAt ?? new Date(T0.getTime() + 365 * 24 * 3600 * 1000);
  await repos.scimConfigurations.insert({
    id,
    organizationId,
    name: 'Okta',
    enabled: options.enabled !== false,
    ssoConfigurationId: undefined,
    tokenHash: hashToken(token),
    tokenLifetimeSeconds: 31_536_000,
    tokenExpiresAt: expiresAt.toISOString(),
    allowUnverifiedEmailAccountLinking: false,
    createdAt: at,
    updatedAt: at,
  });
  return { id, token };
}
