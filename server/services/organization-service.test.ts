// Identity, user, organization, members and SSO configuration RPCs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBackend, type TestBackend, tokens } from '../testing/test-backend.ts';

let backend: TestBackend;
beforeAll(async () => {
  backend = await createTestBackend();
});
afterAll(() => backend.close());

describe('GetAuthenticatedIdentity', () => {
  it('names the organization and the user behind the token', async () => {
    const { json } = await backend.raw('getAuthenticatedIdentity', {});
    expect(json).toEqual({
      organizationId: backend.acme.id,
      organizationTier: 'ORGANIZATION_TIER_ENTERPRISE',
      subject: { id: backend.acme.adminId, principal: 'PRINCIPAL_USER' },
    });
  });

  it('accepts the Stainless { empty: true } body', async () => {
    const identity = await backend.call(
      'getAuthenticatedIdentity',
      { empty: true },
      { token: tokens.acmeMember },
    );
    expect(identity.subject.id).toBe(backend.acme.memberId);
  });
});

describe('GetAuthenticatedUser', () => {
  it('returns the user', async () => {
    const { user } = await backend.call('getAuthenticatedUser', {}, { token: tokens.acmeMember });
    expect(user).toMatchObject({
      id: backend.acme.memberId,
      organizationId: backend.acme.id,
      name: 'Max Member',
      email: 'max@acme.test',
      status: 'USER_STATUS_ACTIVE',
    });
  });
});

describe('GetOrganization', () => {
  it('returns the caller organization to members too', async () => {
    const { organization } = await backend.call(
      'getOrganization',
      { organizationId: backend.acme.id },
      { token: tokens.acmeMember },
    );
    expect(organization).toMatchObject({ id: backend.acme.id, name: 'Acme Corp' });
  });

  it('answers not_found for another organization', async () => {
    const answer = await backend.fail('getOrganization', { organizationId: backend.globex.id });
    expect(answer).toMatchObject({ status: 404, code: 'not_found' });
  });
});

describe('ListMembers', () => {
  it('lists members with their roles for an admin', async () => {
    const { members, pagination } = await backend.call('listMembers', {
      organizationId: backend.acme.id,
    });
    expect(members.map((member) => [member.fullName, member.role])).toEqual([
      ['Ada Admin', 'ORGANIZATION_ROLE_ADMIN'],
      ['Max Member', 'ORGANIZATION_ROLE_MEMBER'],
      ['Eve Expired', 'ORGANIZATION_ROLE_ADMIN'],
    ]);
    expect(pagination.nextToken).toBe('');
  });

  it('filters by user ids and by search text, and pages', async () => {
    const byId = await backend.call('listMembers', {
      organizationId: backend.acme.id,
      filter: { userIds: [backend.acme.memberId] },
    });
    expect(byId.members.map((member) => member.userId)).toEqual([backend.acme.memberId]);
    const bySearch = await backend.call('listMembers', {
      organizationId: backend.acme.id,
      filter: { search: 'EVE@' },
    });
    expect(bySearch.members.map((member) => member.email)).toEqual(['eve@acme.test']);
    const first = await backend.call('listMembers', {
      organizationId: backend.acme.id,
      pagination: { pageSize: 2 },
    });
    expect(first.members).toHaveLength(2);
    const second = await backend.call('listMembers', {
      organizationId: backend.acme.id,
      pagination: { pageSize: 2, token: first.pagination.nextToken },
    });
    expect(second.members.map((member) => member.fullName)).toEqual(['Eve Expired']);
    expect(second.pagination.nextToken).toBe('');
  });

  it('is permission_denied for a member and not_found for another organization', async () => {
    const member = await backend.fail(
      'listMembers',
      { organizationId: backend.acme.id },
      { token: tokens.acmeMember },
    );
    expect(member).toMatchObject({ status: 403, code: 'permission_denied' });
    const foreign = await backend.fail('listMembers', { organizationId: backend.globex.id });
    expect(foreign).toMatchObject({ status: 404, code: 'not_found' });
  });
});

describe('SSO configurations', () => {
  it('lists them for a member, in creation order, omitting empty fields', async () => {
    const { json } = await backend.raw(
      'listSsoConfigurations',
      { organizationId: backend.acme.id },
      { token: tokens.acmeMember },
    );
    const list = json as { ssoConfigurations: Record<string, unknown>[]; pagination: object };
    expect(list.pagination).toEqual({});
    expect(list.ssoConfigurations.map((sso) => [sso.displayName, sso.state])).toEqual([
      ['Okta', 'SSO_CONFIGURATION_STATE_ACTIVE'],
      ['Entra', 'SSO_CONFIGURATION_STATE_ACTIVE'],
      [undefined, 'SSO_CONFIGURATION_STATE_INACTIVE'],
    ]);
    expect(list.ssoConfigurations[2]).toEqual({
      id: backend.acme.inactive,
      organizationId: backend.acme.id,
      issuerUrl: 'https://accounts.google.com',
      state: 'SSO_CONFIGURATION_STATE_INACTIVE',
      providerType: 'PROVIDER_TYPE_CUSTOM',
    });
  });

  it('pages them', async () => {
    const first = await backend.call('listSsoConfigurations', {
      organizationId: backend.acme.id,
      pagination: { pageSize: 2 },
    });
    expect(first.ssoConfigurations).toHaveLength(2);
    const rest = await backend.call(
      'listSsoConfigurations',
      { organizationId: backend.acme.id },
      { query: `?token=${encodeURIComponent(first.pagination.nextToken)}&pageSize=2` },
    );
    expect(rest.ssoConfigurations.map((sso) => sso.id)).toEqual([backend.acme.inactive]);
  });

  it('answers not_found for another organization, for listing and for getting', async () => {
    const list = await backend.fail('listSsoConfigurations', { organizationId: backend.globex.id });
    expect(list).toMatchObject({ status: 404, code: 'not_found' });
    const get = await backend.fail('getSsoConfiguration', {
      ssoConfigurationId: backend.globex.sso,
    });
    expect(get).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('gets one by id', async () => {
    const { ssoConfiguration } = await backend.call('getSsoConfiguration', {
      ssoConfigurationId: backend.acme.okta,
    });
    expect(ssoConfiguration).toMatchObject({
      id: backend.acme.okta,
      displayName: 'Okta',
      issuerUrl: 'https://acme.okta.com',
    });
  });
});
