// An in-memory organization that the MSW handlers serve like the reference backend would.
import type { ProvisioningActivity } from '#contracts/provisioning-activity.ts';
import type { ScimConfiguration } from '#contracts/scim-configurations.ts';
import type { SsoConfiguration } from '#contracts/sso-configurations.ts';

export const ADMIN_TOKEN = 'test-admin-token';
export const MEMBER_TOKEN = 'test-member-token';
export const SCIM_BASE_URL = 'https://scim.example.test/scim/v2';

export interface FakeUser {
  id: string;
  name: string;
  email: string;
  role: 'ORGANIZATION_ROLE_ADMIN' | 'ORGANIZATION_ROLE_MEMBER';
  token: string;
}

export interface FakeOrg {
  id: string;
  name: string;
  users: FakeUser[];
  ssoConfigurations: SsoConfiguration[];
  scimConfigurations: ScimConfiguration[];
  /** Tokens handed out by create/regenerate, by configuration id (to check rotation). */
  tokens: Map<string, string>;
  /** What the SCIM endpoint saw, by configuration id; absent = never used. */
  activity: Map<string, Partial<ProvisioningActivity>>;
  /** Every request body the handlers received, by method name. */
  requests: { method: string; body: Record<string, unknown> }[];
}

const DAY = 86_400_000;
let counter = 0;

export function uuid(): string {
  counter += 1;
  const hex = counter.toString(16).padStart(12, '0');
  return `0198a000-0000-7000-8000-${hex}`;
}

export function makeSso(overrides: Partial<SsoConfiguration> = {}): SsoConfiguration {
  return {
    id: uuid(),
    organizationId: fakeOrg.id,
    clientId: 'client',
    issuerUrl: 'https://idp.example.test',
    state: 'SSO_CONFIGURATION_STATE_ACTIVE',
    providerType: 'PROVIDER_TYPE_CUSTOM',
    claims: {},
    emailDomain: '',
    emailDomains: [],
    displayName: 'Okta Workforce',
    additionalScopes: [],
    claimsExpression: '',
    ...overrides,
  };
}

export function makeScimConfiguration(
  overrides: Partial<ScimConfiguration> = {},
  expiresInDays = 200,
): ScimConfiguration {
  const now = Date.now();
  return {
    id: uuid(),
    organizationId: fakeOrg.id,
    name: 'Okta production',
    enabled: true,
    ssoConfigurationId: fakeOrg.ssoConfigurations[0]?.id ?? '',
    createdAt: new Date(now - 30 * DAY).toISOString(),
    updatedAt: new Date(now - 3 * DAY).toISOString(),
    tokenExpiresAt: new Date(now + expiresInDays * DAY).toISOString(),
    allowUnverifiedEmailAccountLinking: false,
    ...overrides,
  };
}

export const fakeOrg: FakeOrg = {
  id: '0198a000-0000-7000-8000-00000000a000',
  name: 'Acme Corp',
  users: [],
  ssoConfigurations: [],
  scimConfigurations: [],
  tokens: new Map(),
  activity: new Map(),
  requests: [],
};

/** A fresh organization: an admin, a member, two active and one inactive SSO configuration. */
export function resetFakeOrg(): void {
  counter = 0;
  fakeOrg.users = [
    {
      id: uuid(),
      name: 'Ada Admin',
      email: 'ada@acme.test',
      role: 'ORGANIZATION_ROLE_ADMIN',
      token: ADMIN_TOKEN,
    },
    {
      id: uuid(),
      name: 'Max Member',
      email: 'max@acme.test',
      role: 'ORGANIZATION_ROLE_MEMBER',
      token: MEMBER_TOKEN,
    },
  ];
  fakeOrg.ssoConfigurations = [];
  fakeOrg.ssoConfigurations.push(
    makeSso({ displayName: 'Okta Workforce', issuerUrl: 'https://acme.okta.com' }),
    makeSso({ displayName: '', issuerUrl: 'https://login.microsoftonline.com/acme/v2.0' }),
    makeSso({
      displayName: 'Legacy Google',
      issuerUrl: 'https://accounts.google.com',
      state: 'SSO_CONFIGURATION_STATE_INACTIVE',
    }),
  );
  fakeOrg.scimConfigurations = [];
  fakeOrg.tokens = new Map();
  fakeOrg.activity = new Map();
  fakeOrg.requests = [];
}

/** `count` configurations named "Config 0001"…, oldest first. */
export function seedConfigurations(count: number): ScimConfiguration[] {
  const start = Date.now() - count * 1000;
  const created: ScimConfiguration[] = [];
  for (let i = 0; i < count; i++) {
    const config = makeScimConfiguration({
      name: `Config ${String(i + 1).padStart(4, '0')}`,
      createdAt: new Date(start + i * 1000).toISOString(),
    });
    created.push(config);
  }
  fakeOrg.scimConfigurations.push(...created);
  return created;
}

export function requestsTo(method: string): Record<string, unknown>[] {
  return fakeOrg.requests.filter((r) => r.method === method).map((r) => r.body);
}
