// The real backend in-process for component tests: MSW hands every request the SPA makes (API,
// runtime config, SCIM endpoint) to the server's app, on a fresh SQLite database per test. Tests
// add MSW handlers (`failing`, `server.use`) only to inject failures in front of it.
import { type HttpHandler, http } from 'msw';
import { DEFAULT_TOKEN_LIFETIME_SECONDS } from '#contracts/duration.ts';
import type { ScimConfiguration } from '#contracts/scim-configurations.ts';
import type { SsoConfigurationState } from '#contracts/sso-configurations.ts';
import { type SeededOrganization, type SeedSpec, seedOrganizations } from '../../server/db/seed.ts';
import { uuidv7 } from '../../server/ids.ts';
import type { NewScimConfiguration } from '../../server/repositories/scim-configuration-repository.ts';
import type { RequestOutcome } from '../../server/repositories/scim-request-count-repository.ts';
import { hashToken, newScimToken } from '../../server/security/tokens.ts';
import { recordRequest } from '../../server/services/scim/scim-authentication.ts';
import { createTestBackend, type TestBackend } from '../../server/testing/test-backend.ts';

export const ADMIN_TOKEN = 'test-admin-token';
export const MEMBER_TOKEN = 'test-member-token';

const DAY_MS = 86_400_000;

/** The organization the component tests sign in to (next to the server tests' own seed). */
const componentSeed: SeedSpec = {
  organizations: [
    {
      name: 'Acme Corp',
      ssoConfigurations: [
        { displayName: 'Okta Workforce', issuerUrl: 'https://acme.okta.com' },
        // No display name: the UI names it by its issuer URL.
        { issuerUrl: 'https://login.microsoftonline.com/acme/v2.0' },
        {
          displayName: 'Legacy Google',
          issuerUrl: 'https://accounts.google.com',
          state: 'SSO_CONFIGURATION_STATE_INACTIVE',
        },
      ],
      members: [
        {
          name: 'Ada Admin',
          email: 'ada@acme.test',
          role: 'ORGANIZATION_ROLE_ADMIN',
          token: ADMIN_TOKEN,
        },
        {
          name: 'Max Member',
          email: 'max@acme.test',
          role: 'ORGANIZATION_ROLE_MEMBER',
          token: MEMBER_TOKEN,
        },
      ],
    },
  ],
};

export interface RecordedCall {
  /** The RPC's method name, e.g. `ListSCIMConfigurations`. */
  method: string;
  body: Record<string, unknown>;
}

interface Current {
  backend: TestBackend;
  org: SeededOrganization;
  calls: RecordedCall[];
  /** createdAt of the last configuration `addConfiguration` inserted (list order is createdAt). */
  clock: number;
}
let current: Current | undefined;

function state(): Current {
  if (!current) throw new Error('the test backend is not running (see setup-tests.ts)');
  return current;
}

export async function startBackend(): Promise<void> {
  const backend = await createTestBackend({ scim: true });
  const [org] = await seedOrganizations(backend.storage, componentSeed);
  if (!org) throw new Error('the component seed created no organization');
  current = { backend, org, calls: [], clock: Date.now() - 30 * DAY_MS };
}

export async function stopBackend(): Promise<void> {
  await current?.backend.close();
  current = undefined;
}

/** The organization of ADMIN_TOKEN: its id and its SSO configurations' ids, in seed order. */
export function acme() {
  const { org } = state();
  const [okta = '', entra = '', legacyGoogle = ''] = org.ssoConfigurationIds;
  return { id: org.id, okta, entra, legacyGoogle };
}

function methodOf(url: string): string {
  return new URL(url).pathname.split('/').pop() ?? '';
}

/** Notes what the SPA sent, for assertions on the wire (`requestsTo`). */
export async function recordCall(request: Request): Promise<void> {
  // The calls of the test that sent it, even if that test ends while the body is read.
  const { calls } = state();
  const body = (await request
    .clone()
    .json()
    .catch(() => ({}))) as Record<string, unknown>;
  calls.push({ method: methodOf(request.url), body });
}

/** The bodies the SPA sent to `method`, in order (failed and injected calls included). */
export function requestsTo(method: string): Record<string, unknown>[] {
  return state()
    .calls.filter((call) => call.method === method)
    .map((call) => call.body);
}

export function recordedCalls(): readonly RecordedCall[] {
  return state().calls;
}

const answerWithBackend: Parameters<typeof http.all>[1] = async ({ request }) => {
  // A request still on its way when its test ended (unmounting aborts it, but MSW answers it
  // anyway) finds no backend: it fails as a network error, not as an exception in the next test.
  const running = current;
  if (!running) return Response.error();
  if (new URL(request.url).pathname.startsWith('/api/')) await recordCall(request);
  if (current !== running) return Response.error();
  return running.backend.app.fetch(request);
};

export const backendHandlers: HttpHandler[] = [
  http.all('*/api/*', answerWithBackend),
  http.get('*/runtime-config.json', answerWithBackend),
  http.all('*/scim/v2/*', answerWithBackend),
];

export interface ConfigurationSeed {
  name?: string;
  enabled?: boolean;
  /** Default: Okta Workforce. */
  ssoConfigurationId?: string;
  /** Days until the token expires; negative: expired that many days ago. Default 200. */
  expiresInDays?: number;
  /** Default: one second after the previous one this helper inserted, a month ago. */
  createdAt?: string;
}

export interface SeededConfiguration extends ScimConfiguration {
  /** Its SCIM bearer token, for calls to the SCIM endpoint. */
  token: string;
}

function newConfiguration(seed: ConfigurationSeed): SeededConfiguration & NewScimConfiguration {
  const s = state();
  s.clock += 1000;
  const createdAt = seed.createdAt ?? new Date(s.clock).toISOString();
  const created = Date.parse(createdAt);
  const token = newScimToken();
  const configuration = {
    id: uuidv7(created),
    organizationId: s.org.id,
    name: seed.name ?? 'Okta production',
    enabled: seed.enabled ?? true,
    ssoConfigurationId: seed.ssoConfigurationId ?? acme().okta,
    createdAt,
    updatedAt: createdAt,
    tokenExpiresAt: new Date(Date.now() + (seed.expiresInDays ?? 200) * DAY_MS).toISOString(),
    allowUnverifiedEmailAccountLinking: false,
  };
  return {
    ...configuration,
    token,
    tokenHash: hashToken(token),
    tokenLifetimeSeconds: DEFAULT_TOKEN_LIFETIME_SECONDS,
  };
}

/** Inserts configurations into the admin's organization, in list order. */
export async function addConfigurations(
  ...seeds: ConfigurationSeed[]
): Promise<SeededConfiguration[]> {
  const configurations = seeds.map(newConfiguration);
  await state().backend.repos.scimConfigurations.insert(...configurations);
  return configurations.map(
    ({ tokenHash: _hash, tokenLifetimeSeconds: _lifetime, ...configuration }) => configuration,
  );
}

export async function addConfiguration(seed: ConfigurationSeed = {}): Promise<SeededConfiguration> {
  const [configuration] = await addConfigurations(seed);
  if (!configuration) throw new Error('no configuration was inserted');
  return configuration;
}

/** `count` configurations named "Config 0001"…, oldest first. */
export function seedConfigurations(count: number): Promise<SeededConfiguration[]> {
  return addConfigurations(
    ...Array.from({ length: count }, (_, i) => ({
      name: `Config ${String(i + 1).padStart(4, '0')}`,
    })),
  );
}

/** What the SCIM endpoint records for each request it answers (the activity the SPA shows). */
export function recordScimRequests(
  configurationId: string,
  {
    at,
    outcome = 'authenticated',
    count = 1,
  }: { at: string; outcome?: RequestOutcome; count?: number },
): Promise<void> {
  return state().backend.storage.transaction(async (repos) => {
    for (let i = 0; i < count; i++)
      await recordRequest(repos, configurationId, new Date(at), outcome);
  });
}

/** Rotates the configuration's token through the API, as an admin would; answers the new one. */
export async function rotateToken(id: string): Promise<string> {
  const answer = await state().backend.call(
    'regenerateScimToken',
    { scimConfigurationId: id },
    { token: ADMIN_TOKEN },
  );
  return answer.token;
}

/** A configuration as the API now has it (e.g. after the SPA changed it). */
export async function storedConfiguration(id: string): Promise<ScimConfiguration> {
  const answer = await state().backend.call(
    'getScimConfiguration',
    { scimConfigurationId: id },
    { token: ADMIN_TOKEN },
  );
  return answer.scimConfiguration;
}

/** The names of the admin's configurations as the API lists them (first page). */
export async function storedConfigurationNames(): Promise<string[]> {
  const answer = await state().backend.call(
    'listScimConfigurations',
    { pagination: { pageSize: 100 } },
    { token: ADMIN_TOKEN },
  );
  return answer.scimConfigurations.map((c) => c.name);
}

// The API has no RPC that changes SSO configurations (they are managed in the identity provider's
// setup); these stand in for an admin changing one elsewhere while the console is open.
export function setSsoState(id: string, ssoState: SsoConfigurationState): Promise<void> {
  return state().backend.repos.ssoConfigurations.setState(acme().id, id, ssoState);
}

export function deleteSso(id: string): Promise<void> {
  return state().backend.repos.ssoConfigurations.delete(acme().id, id);
}

/** The SCIM base URL the backend tells the SPA (its own origin, as with `npm start`). */
export const SCIM_BASE_URL = `${window.location.origin}/scim/v2`;

/** A request to the SCIM endpoint as an identity provider would send it with `token`. */
export function scimRequest(
  token: string,
  method: string,
  path: string,
  body?: Record<string, unknown>,
): Promise<Response> {
  return Promise.resolve(
    state().backend.app.request(`/scim/v2${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body && { 'content-type': 'application/scim+json' }),
      },
      ...(body && { body: JSON.stringify(body) }),
    }),
  );
}

/** The HTTP status the SCIM endpoint answers a request with `token` (200 accepted, 401 refused). */
export async function scimStatus(token: string): Promise<number> {
  return (await scimRequest(token, 'GET', '/Users?count=1')).status;
}
