// The ProvisioningActivityService as the app serves it, wired like server/index.ts.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { procedures } from '../../contracts/procedures.ts';
import { createTestBackend, type TestBackend, tokens } from '../testing/test-backend.ts';

let backend: TestBackend | undefined;
afterEach(() => {
  vi.restoreAllMocks();
  backend?.close();
  backend = undefined;
});

/** A fetch that fails the test if the server ever reaches for the network. */
function forbiddenFetch(): typeof fetch & { urls: string[] } {
  const urls: string[] = [];
  const stub = (input: string | URL | Request) => {
    urls.push(String(input instanceof Request ? input.url : input));
    return Promise.reject(new Error('the connection test must not fetch'));
  };
  return Object.assign(stub, { urls });
}

/** POSTs TestConnection to `origin` with the given Host header, as a reverse proxy would pass it. */
async function testConnectionAt(b: TestBackend, origin: string, host: string, token: string) {
  const response = await b.app.request(`${origin}/api/${procedures.testConnection.path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${tokens.acmeAdmin}`,
      host,
    },
    body: JSON.stringify({ token }),
  });
  expect(response.status).toBe(200);
  return procedures.testConnection.response.parse(await response.json());
}

async function newScimToken(b: TestBackend): Promise<string> {
  const created = await b.call('createScimConfiguration', {
    organizationId: b.acme.id,
    ssoConfigurationId: b.acme.okta,
  });
  return created.token;
}

describe('TestConnection', () => {
  it('tests this server’s own endpoint in-process: a forged Host header fetches nothing', async () => {
    const recorder = forbiddenFetch();
    const globalFetch = vi.spyOn(globalThis, 'fetch');
    backend = await createTestBackend({ scim: { fetch: recorder } });
    const token = await newScimToken(backend);

    // Before: the server fetched http://127.0.0.1:1/scim/v2/... and echoed ECONNREFUSED.
    expect(await testConnectionAt(backend, 'http://127.0.0.1:1', '127.0.0.1:1', token)).toEqual({
      ok: true,
      status: 200,
      detail: '',
      url: 'http://127.0.0.1:1/scim/v2/ServiceProviderConfig',
    });
    expect(await testConnectionAt(backend, 'http://example.com', 'example.com', token)).toEqual({
      ok: true,
      status: 200,
      detail: '',
      url: 'http://example.com/scim/v2/ServiceProviderConfig',
    });
    expect(recorder.urls).toEqual([]);
    expect(globalFetch).not.toHaveBeenCalled();
  });

  it('tests only tokens of the caller’s own configurations: others are not_found and touch nothing', async () => {
    const external = forbiddenFetch();
    for (const config of [{}, { scimBaseUrl: 'https://scim.example.com/scim/v2' }]) {
      backend = await createTestBackend({ config, scim: { fetch: external } });
      const theirs = await backend.call(
        'createScimConfiguration',
        { organizationId: backend.globex.id, ssoConfigurationId: backend.globex.sso },
        { token: tokens.globexAdmin },
      );
      const activity = async () =>
        (
          await backend?.call(
            'getActivity',
            { scimConfigurationIds: [theirs.scimConfiguration.id] },
            { token: tokens.globexAdmin },
          )
        )?.activities[0];
      const before = await activity();
      for (const token of [theirs.token, 'scim_never_issued']) {
        expect(await backend.fail('testConnection', { token })).toEqual({
          status: 404,
          code: 'not_found',
          message: 'No SCIM configuration of this organization has this token',
        });
      }
      expect(await activity()).toEqual(before);
      expect(before?.requestsLast24h).toBe(0);
      // Their own admin may test it.
      const own = await backend.call(
        'testConnection',
        { token: theirs.token },
        {
          token: tokens.globexAdmin,
        },
      );
      // In-process it answers ok; the external endpoint here is a fetch that always fails.
      expect(own.ok).toBe(!('scimBaseUrl' in config));
      backend.close();
      backend = undefined;
    }
    // Only the globex admin's own external test reached for the network.
    expect(external.urls).toEqual(['https://scim.example.com/scim/v2/ServiceProviderConfig']);
  });

  it('counts the in-process test as a request of the configuration', async () => {
    backend = await createTestBackend({ scim: { fetch: forbiddenFetch() } });
    const created = await backend.call('createScimConfiguration', {
      organizationId: backend.acme.id,
      ssoConfigurationId: backend.acme.okta,
    });
    await testConnectionAt(backend, 'http://admin.test', 'admin.test', created.token);
    const { activities } = await backend.call('getActivity', {
      scimConfigurationIds: [created.scimConfiguration.id],
    });
    expect(activities[0]?.requestsLast24h).toBe(1);
  });

  it('fetches only the configured SCIM_BASE_URL, whatever the Host header says', async () => {
    const urls: string[] = [];
    const external: typeof fetch = (input) => {
      urls.push(String(input));
      return Promise.resolve(
        Response.json({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'] }),
      );
    };
    backend = await createTestBackend({
      config: { scimBaseUrl: 'https://scim.example.com/scim/v2' },
      scim: { fetch: external },
    });
    const token = await newScimToken(backend);
    const result = await testConnectionAt(backend, 'http://127.0.0.1:1', '127.0.0.1:1', token);
    expect(result).toEqual({
      ok: true,
      status: 200,
      detail: '',
      url: 'https://scim.example.com/scim/v2/ServiceProviderConfig',
    });
    expect(urls).toEqual(['https://scim.example.com/scim/v2/ServiceProviderConfig']);
  });

  it('tests in-process when SCIM_BASE_URL names this server’s own endpoint', async () => {
    const recorder = forbiddenFetch();
    backend = await createTestBackend({
      config: { scimBaseUrl: 'http://admin.test/scim/v2/' },
      scim: { fetch: recorder },
    });
    const token = await newScimToken(backend);
    expect(await testConnectionAt(backend, 'http://admin.test', 'admin.test', token)).toEqual({
      ok: true,
      status: 200,
      detail: '',
      url: 'http://admin.test/scim/v2/ServiceProviderConfig',
    });
    expect(recorder.urls).toEqual([]);
  });
});

describe('GetActivity', () => {
  it('finds ids given in any case and answers with them in lowercase, once each', async () => {
    backend = await createTestBackend({ scim: true });
    const created = await backend.call('createScimConfiguration', {
      organizationId: backend.acme.id,
      ssoConfigurationId: backend.acme.okta,
    });
    const id = created.scimConfiguration.id;
    expect(id).toBe(id.toLowerCase());
    const upper = await backend.call('getActivity', { scimConfigurationIds: [id.toUpperCase()] });
    expect(upper.activities.map((activity) => activity.scimConfigurationId)).toEqual([id]);
    const both = await backend.call('getActivity', {
      scimConfigurationIds: [id.toUpperCase(), id],
    });
    expect(both.activities.map((activity) => activity.scimConfigurationId)).toEqual([id]);
  });

  it('counts the caller organization’s configurations only, whichever ids it asks about', async () => {
    backend = await createTestBackend({ scim: true });
    const b = backend;
    const create = (organizationId: string, ssoConfigurationId: string, token: string) =>
      b.call('createScimConfiguration', { organizationId, ssoConfigurationId }, { token });
    const ours = await create(b.acme.id, b.acme.okta, tokens.acmeAdmin);
    await create(b.acme.id, b.acme.entra, tokens.acmeAdmin);
    const theirs = await create(b.globex.id, b.globex.sso, tokens.globexAdmin);
    for (let i = 0; i < 2; i++) await create(b.globex.id, b.globex.sso, tokens.globexAdmin);
    const count = async (ids: string[], token: string) =>
      (await b.call('getActivity', { scimConfigurationIds: ids }, { token }))
        .scimConfigurationCount;

    expect(await count([ours.scimConfiguration.id], tokens.acmeAdmin)).toBe(2);
    // Another organization's id is left out of the answer, and its organization out of the count.
    expect(await count([theirs.scimConfiguration.id], tokens.acmeAdmin)).toBe(2);
    expect(await count([theirs.scimConfiguration.id], tokens.globexAdmin)).toBe(3);

    await b.call('deleteScimConfiguration', { scimConfigurationId: ours.scimConfiguration.id });
    expect(await count([ours.scimConfiguration.id], tokens.acmeAdmin)).toBe(1);
    expect(await count([theirs.scimConfiguration.id], tokens.globexAdmin)).toBe(3);
  });
});
