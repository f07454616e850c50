import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testConnectionResponseSchema } from '../../contracts/provisioning-activity.ts';
import { ORIGIN, type ScimFixture, scimFixture } from '../testing/scim/scim-fixture.ts';
import { T0 } from '../testing/scim/scim-seed.ts';
import { GROUP_SCHEMA, USER_SCHEMA } from '../testing/scim/scim-test-client.ts';
import {
  getActivity,
  TEST_CONNECTION_TIMEOUT_MS,
  testConnection,
} from './provisioning-activity-service.ts';
import { authenticationDetails } from './scim/scim-authentication.ts';

let f: ScimFixture;
beforeEach(async () => {
  f = await scimFixture();
});
afterEach(() => f.close());

const HOUR = 60 * 60 * 1000;

describe('getActivity', () => {
  it('reports a configuration that was never used', async () => {
    expect(await getActivity(f.repos, f.orgA, [f.configA.id], f.now())).toEqual([
      {
        scimConfigurationId: f.configA.id,
        requestsLast24h: 0,
        rejectedLast24h: 0,
        rejectedByReasonLast24h: { unknownToken: 0, expiredToken: 0, provisioningDisabled: 0 },
        provisionedUsers: 0,
        provisionedGroups: 0,
      },
    ]);
  });

  it('omits ids of other organizations and unknown ids, keeps request order, ignores repeats', async () => {
    const second = await f.configuration(f.orgA);
    const activities = await getActivity(
      f.repos,
      f.orgA,
      [second.id, f.configB.id, '00000000-0000-7000-8000-000000000000', f.configA.id, second.id],
      f.now(),
    );
    expect(activities.map((activity) => activity.scimConfigurationId)).toEqual([
      second.id,
      f.configA.id,
    ]);
  });

  it('counts requests of the last 24 hours only, and keeps the last request time after pruning', async () => {
    await f.a.get('/Users');
    f.advance(23 * HOUR);
    await f.a.get('/Users');
    f.advance(2 * HOUR);
    const lastRequestAt = new Date(T0.getTime() + 23 * HOUR).toISOString();
    expect((await getActivity(f.repos, f.orgA, [f.configA.id], f.now()))[0]).toMatchObject({
      lastRequestAt,
      requestsLast24h: 1,
    });
    // Three days later a request from another configuration prunes the log.
    f.advance(72 * HOUR);
    await f.b.get('/Users');
    const remaining = await f.value(
      sql`SELECT count(*) FROM scim_request_counts WHERE scim_configuration_id = ${f.configA.id}`,
    );
    expect(remaining).toBe(0);
    expect((await getActivity(f.repos, f.orgA, [f.configA.id], f.now()))[0]).toMatchObject({
      lastRequestAt,
      requestsLast24h: 0,
    });
  });

  it('counts provisioned users and groups per creating configuration', async () => {
    const second = await f.configuration(f.orgA);
    const other = f.client(second.token);
    await f.a.post('/Users', { schemas: [USER_SCHEMA], userName: 'a1' });
    await f.a.post('/Users', { schemas: [USER_SCHEMA], userName: 'a2' });
    await other.post('/Users', { schemas: [USER_SCHEMA], userName: 'b1' });
    await other.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'G' });
    const [first, secondActivity] = await getActivity(
      f.repos,
      f.orgA,
      [f.configA.id, second.id],
      f.now(),
    );
    expect(first).toMatchObject({ provisionedUsers: 2, provisionedGroups: 0, requestsLast24h: 2 });
    expect(secondActivity).toMatchObject({
      provisionedUsers: 1,
      provisionedGroups: 1,
      requestsLast24h: 2,
    });
  });

  it('keeps users when their configuration is deleted', async () => {
    const created = await f.a.post('/Users', { schemas: [USER_SCHEMA], userName: 'stay' });
    await sql`DELETE FROM scim_configurations WHERE id = ${f.configA.id}`.execute(f.database.db);
    expect(await f.value(sql`SELECT count(*) FROM users WHERE id = ${created.body.id}`)).toBe(1);
    expect(await getActivity(f.repos, f.orgA, [f.configA.id], f.now())).toEqual([]);
  });
});

describe('testConnection', () => {
  const scimBaseUrl = `${ORIGIN}/scim/v2`;
  const inProcess: typeof fetch = (input, init) =>
    Promise.resolve(f.server.request(String(input), init));

  it('succeeds with a valid token and sends it only in the Authorization header', async () => {
    const seen: { url: string; headers: Headers }[] = [];
    const recording: typeof fetch = (input, init) => {
      seen.push({ url: String(input), headers: new Headers(init?.headers) });
      return inProcess(input, init);
    };
    const result = await testConnection({
      token: f.configA.token,
      scimBaseUrl: `${scimBaseUrl}/`,
      fetch: recording,
    });
    expect(result).toEqual({
      ok: true,
      status: 200,
      detail: '',
      url: `${scimBaseUrl}/ServiceProviderConfig`,
    });
    expect(testConnectionResponseSchema.parse(result)).toEqual(result);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.url).not.toContain(f.configA.token);
    expect(seen[0]?.headers.get('Authorization')).toBe(`Bearer ${f.configA.token}`);
    expect(seen[0]?.headers.get('Accept')).toBe('application/scim+json');
  });

  it('reports the status and SCIM detail of a refused token', async () => {
    const disabled = await f.configuration(f.orgA, { enabled: false });
    expect(await testConnection({ token: 'scim_wrong', scimBaseUrl, fetch: inProcess })).toEqual({
      ok: false,
      status: 401,
      detail: authenticationDetails.unknown,
      url: `${scimBaseUrl}/ServiceProviderConfig`,
    });
    expect(
      await testConnection({ token: disabled.token, scimBaseUrl, fetch: inProcess }),
    ).toMatchObject({
      ok: false,
      status: 401,
      detail: authenticationDetails.disabled,
    });
  });

  it('refuses a 200 that is not a ServiceProviderConfig, and describes non-SCIM errors', async () => {
    const html: typeof fetch = () =>
      Promise.resolve(new Response('<!doctype html>', { status: 200 }));
    expect(await testConnection({ token: 't', scimBaseUrl, fetch: html })).toMatchObject({
      ok: false,
      status: 200,
      detail: expect.stringContaining('not a SCIM ServiceProviderConfig'),
    });
    const gateway: typeof fetch = () =>
      Promise.resolve(new Response('upstream down', { status: 502, statusText: 'Bad Gateway' }));
    expect(await testConnection({ token: 't', scimBaseUrl, fetch: gateway })).toMatchObject({
      ok: false,
      status: 502,
      detail: 'HTTP 502 Bad Gateway',
    });
  });

  it('reports network failures and timeouts without a status', async () => {
    const refused = await testConnection({ token: 't', scimBaseUrl: 'http://127.0.0.1:1/scim/v2' });
    expect(refused.ok).toBe(false);
    expect(refused.status).toBeUndefined();
    expect(refused.detail).toMatch(/fetch failed|ECONNREFUSED/);
    const slow: typeof fetch = () =>
      Promise.reject(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    expect(await testConnection({ token: 't', scimBaseUrl, fetch: slow })).toEqual({
      ok: false,
      detail: `No answer within ${TEST_CONNECTION_TIMEOUT_MS / 1000} seconds`,
      url: `${scimBaseUrl}/ServiceProviderConfig`,
    });
    expect(
      await testConnection({ token: 't', scimBaseUrl: 'ftp://example.test/scim' }),
    ).toMatchObject({
      ok: false,
      detail: 'Unsupported URL scheme ftp:',
    });
  });

  it('passes an abort signal so a hung endpoint cannot hold the request', async () => {
    let signal: AbortSignal | undefined;
    const capture: typeof fetch = (_input, init) => {
      signal = init?.signal ?? undefined;
      return inProcess(`${scimBaseUrl}/ServiceProviderConfig`, {
        headers: { Authorization: `Bearer ${f.configA.token}` },
      });
    };
    await testConnection({ token: f.configA.token, scimBaseUrl, fetch: capture });
    expect(signal).toBeInstanceOf(AbortSignal);
  });
});
