// Default handlers: the fake organization behind every RPC the SPA calls.
import { HttpResponse, http } from 'msw';
import { ConnectError } from '#contracts/connect.ts';
import { DEFAULT_TOKEN_LIFETIME_SECONDS, parseDurationSeconds } from '#contracts/duration.ts';
import { effectivePageSize } from '#contracts/pagination.ts';
import { procedures } from '#contracts/procedures.ts';
import type { ScimConfiguration } from '#contracts/scim-configurations.ts';
import { ssoConfigurationLabel } from '#contracts/sso-configurations.ts';
import { connectHandler } from './connect.ts';
import { type FakeUser, fakeOrg, SCIM_BASE_URL, uuid } from './fake-org.ts';

function paginate<T>(
  items: readonly T[],
  pagination: { token?: string | undefined; pageSize?: number | undefined } = {},
) {
  const offset = pagination.token ? Number(atob(pagination.token)) : 0;
  if (Number.isNaN(offset))
    throw new ConnectError('invalid_argument', 'pagination.token: invalid page token');
  const size = effectivePageSize(pagination.pageSize);
  const page = items.slice(offset, offset + size);
  const next = offset + size < items.length ? btoa(String(offset + size)) : '';
  return { page, pagination: next ? { nextToken: next } : {} };
}

function requireAdmin(caller: FakeUser) {
  if (caller.role !== 'ORGANIZATION_ROLE_ADMIN') {
    throw new ConnectError('permission_denied', 'organization admin role required');
  }
}

function findConfiguration(id: string): ScimConfiguration {
  const config = fakeOrg.scimConfigurations.find((c) => c.id === id);
  if (!config) throw new ConnectError('not_found', 'SCIM configuration not found');
  return config;
}

/** Worded like the reference backend (requireLinkableSso). */
function checkSso(id: string) {
  const sso = fakeOrg.ssoConfigurations.find((s) => s.id === id);
  if (!sso) throw new ConnectError('not_found', `SSO configuration ${id} not found`);
  if (sso.state !== 'SSO_CONFIGURATION_STATE_ACTIVE') {
    throw new ConnectError(
      'failed_precondition',
      `SSO configuration "${ssoConfigurationLabel(sso)}" is not active: activate it before linking SCIM provisioning to it`,
    );
  }
}

let tokenCounter = 0;
function newToken() {
  tokenCounter += 1;
  return `scim_test_token_${tokenCounter}_${Math.random().toString(36).slice(2, 10)}`;
}

function expiresAt(duration: string | undefined, fallbackSeconds: number) {
  const seconds = duration ? (parseDurationSeconds(duration) ?? fallbackSeconds) : fallbackSeconds;
  return new Date(Date.now() + seconds * 1000).toISOString();
}

const lifetimes = new Map<string, number>();

export const handlers = [
  connectHandler(procedures.getActivity, (req, caller) => {
    requireAdmin(caller);
    const activities = req.scimConfigurationIds
      .filter((id) => fakeOrg.scimConfigurations.some((c) => c.id === id))
      .map((id) => ({ scimConfigurationId: id, ...fakeOrg.activity.get(id) }));
    return { activities };
  }),
  connectHandler(procedures.testConnection, (req) => {
    const known = [...fakeOrg.tokens.values()].includes(req.token);
    const url = `${SCIM_BASE_URL}/ServiceProviderConfig`;
    return known
      ? { ok: true, status: 200, detail: '', url }
      : { ok: false, status: 401, detail: 'Bearer token is unknown', url };
  }),
  http.get('*/runtime-config.json', () =>
    HttpResponse.json({ scimBaseUrl: SCIM_BASE_URL, apiTarget: 'local', mode: 'local' }),
  ),
  connectHandler(procedures.getAuthenticatedIdentity, (_req, caller) => ({
    organizationId: fakeOrg.id,
    subject: { id: caller.id, principal: 'PRINCIPAL_USER' },
  })),
  connectHandler(procedures.getAuthenticatedUser, (_req, caller) => ({
    user: { id: caller.id, organizationId: fakeOrg.id, name: caller.name, email: caller.email },
  })),
  connectHandler(procedures.getOrganization, (req) => {
    if (req.organizationId !== fakeOrg.id)
      throw new ConnectError('not_found', 'no such organization');
    return { organization: { id: fakeOrg.id, name: fakeOrg.name } };
  }),
  connectHandler(procedures.listMembers, (req, caller) => {
    requireAdmin(caller);
    const ids = req.filter?.userIds;
    const members = fakeOrg.users
      .filter((u) => !ids || ids.includes(u.id))
      .map((u) => ({ userId: u.id, email: u.email, fullName: u.name, role: u.role }));
    return { pagination: {}, members };
  }),
  connectHandler(procedures.listSsoConfigurations, (req) => {
    const { page, pagination } = paginate(fakeOrg.ssoConfigurations, req.pagination);
    return { pagination, ssoConfigurations: page };
  }),
  connectHandler(procedures.listScimConfigurations, (req, caller) => {
    requireAdmin(caller);
    const { page, pagination } = paginate(fakeOrg.scimConfigurations, req.pagination);
    return { pagination, scimConfigurations: page };
  }),
  connectHandler(procedures.getScimConfiguration, (req, caller) => {
    requireAdmin(caller);
    return { scimConfiguration: findConfiguration(req.scimConfigurationId) };
  }),
  connectHandler(procedures.createScimConfiguration, (req, caller) => {
    requireAdmin(caller);
    checkSso(req.ssoConfigurationId);
    const now = new Date().toISOString();
    const token = newToken();
    const config: ScimConfiguration = {
      id: uuid(),
      organizationId: fakeOrg.id,
      name: req.name ?? '',
      enabled: true,
      ssoConfigurationId: req.ssoConfigurationId,
      createdAt: now,
      updatedAt: now,
      tokenExpiresAt: expiresAt(req.tokenExpiresIn, DEFAULT_TOKEN_LIFETIME_SECONDS),
      allowUnverifiedEmailAccountLinking: req.allowUnverifiedEmailAccountLinking ?? false,
    };
    lifetimes.set(
      config.id,
      parseDurationSeconds(req.tokenExpiresIn ?? '') ?? DEFAULT_TOKEN_LIFETIME_SECONDS,
    );
    fakeOrg.scimConfigurations.push(config);
    fakeOrg.tokens.set(config.id, token);
    return { scimConfiguration: config, token, tokenExpiresAt: config.tokenExpiresAt };
  }),
  connectHandler(procedures.updateScimConfiguration, (req, caller) => {
    requireAdmin(caller);
    const config = findConfiguration(req.scimConfigurationId);
    if (req.ssoConfigurationId !== undefined) checkSso(req.ssoConfigurationId);
    if (req.name !== undefined) config.name = req.name;
    if (req.enabled !== undefined) config.enabled = req.enabled;
    if (req.ssoConfigurationId !== undefined) config.ssoConfigurationId = req.ssoConfigurationId;
    if (req.allowUnverifiedEmailAccountLinking !== undefined) {
      config.allowUnverifiedEmailAccountLinking = req.allowUnverifiedEmailAccountLinking;
    }
    config.updatedAt = new Date().toISOString();
    return { scimConfiguration: { ...config } };
  }),
  connectHandler(procedures.deleteScimConfiguration, (req, caller) => {
    requireAdmin(caller);
    findConfiguration(req.scimConfigurationId);
    fakeOrg.scimConfigurations = fakeOrg.scimConfigurations.filter(
      (c) => c.id !== req.scimConfigurationId,
    );
    return {};
  }),
  connectHandler(procedures.regenerateScimToken, (req, caller) => {
    requireAdmin(caller);
    const config = findConfiguration(req.scimConfigurationId);
    const lifetime =
      parseDurationSeconds(req.tokenExpiresIn ?? '') ??
      lifetimes.get(config.id) ??
      DEFAULT_TOKEN_LIFETIME_SECONDS;
    lifetimes.set(config.id, lifetime);
    const token = newToken();
    config.tokenExpiresAt = expiresAt(undefined, lifetime);
    config.updatedAt = new Date().toISOString();
    fakeOrg.tokens.set(config.id, token);
    return { token, tokenExpiresAt: config.tokenExpiresAt };
  }),
];
