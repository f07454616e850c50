import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashToken } from '../../security/tokens.ts';
import { getActivity } from '../../services/provisioning-activity-service.ts';
import { authenticationDetails } from '../../services/scim/scim-authentication.ts';
import { ORIGIN, type ScimFixture, scimFixture } from '../../testing/scim/scim-fixture.ts';
import { T0 } from '../../testing/scim/scim-seed.ts';
import { ERROR_SCHEMA } from '../../testing/scim/scim-test-client.ts';

let f: ScimFixture;
beforeEach(async () => {
  f = await scimFixture();
});
afterEach(() => f.close());

async function expectUnauthorized(
  response: Promise<{ status: number; headers: Headers; body: unknown }>,
  detail: string,
) {
  const { status, headers, body } = await response;
  expect(status).toBe(401);
  expect(headers.get('Content-Type')).toBe('application/scim+json');
  expect(headers.get('WWW-Authenticate')).toBe('Bearer realm="SCIM"');
  expect(body).toEqual({ schemas: [ERROR_SCHEMA], status: '401', detail });
}

describe('SCIM bearer authentication', () => {
  it('accepts the configuration token on every route, discovery included', async () => {
    expect((await f.a.get('/ServiceProviderConfig')).status).toBe(200);
    expect((await f.a.get('/Users')).status).toBe(200);
  });

  it('refuses a request without Authorization header', async () => {
    await expectUnauthorized(f.client(undefined).get('/Users'), authenticationDetails.missing);
    await expectUnauthorized(
      f.client(undefined).get('/ServiceProviderConfig'),
      authenticationDetails.missing,
    );
  });

  it('refuses a malformed header and an unknown token without echoing it', async () => {
    const basic = f.client(undefined).send('/Users', {
      method: 'GET',
      headers: { Authorization: 'Basic dXNlcjpwYXNz' },
    });
    await expectUnauthorized(basic, authenticationDetails.malformed);
    const unknown = await f.client('scim_not-a-real-token').get('/Users');
    expect(unknown.body.detail).toBe(
      'Unknown SCIM bearer token: it was never issued or has been rotated',
    );
    expect(JSON.stringify(unknown.body)).not.toContain('not-a-real-token');
  });

  const DAY_MS = 24 * 3600 * 1000;
  const rotate = (configurationId: string, organizationId: string, token: string) =>
    f.repos.scimConfigurations.replaceToken(
      organizationId,
      configurationId,
      {
        tokenHash: hashToken(token),
        lifetimeSeconds: 31_536_000,
        expiresAt: new Date(f.now().getTime() + 365 * DAY_MS).toISOString(),
        updatedAt: f.now().toISOString(),
      },
      { keptUntil: new Date(f.now().getTime() + 30 * DAY_MS).toISOString(), keep: 3 },
    );
  const rotatedAway = async (organizationId: string, configurationId: string) =>
    (await getActivity(f.repos, organizationId, [configurationId], f.now()))[0]
      ?.rejectedByReasonLast24h.unknownToken;

  it('refuses a rotated-away token at once, and accepts the new one', async () => {
    await rotate(f.configA.id, f.orgA, 'scim_rotated');
    await expectUnauthorized(
      f.a.get('/Users'),
      'Unknown SCIM bearer token: it was never issued or has been rotated',
    );
    expect((await f.client('scim_rotated').get('/Users')).status).toBe(200);
  });

  it('counts requests bearing a rotated-away token against their configuration only', async () => {
    await rotate(f.configA.id, f.orgA, 'scim_rotated');
    await f.a.get('/Users');
    await f.a.get('/Groups');
    await f.client('scim_never-issued').get('/Users');
    const [activity] = await getActivity(f.repos, f.orgA, [f.configA.id], f.now());
    expect(activity?.rejectedLast24h).toBe(2);
    expect(activity?.rejectedByReasonLast24h).toEqual({
      unknownToken: 2,
      expiredToken: 0,
      provisioningDisabled: 0,
    });
    expect(activity?.requestsLast24h).toBe(0);
    // The other organization's configuration is untouched and cannot read A's.
    expect(await rotatedAway(f.orgB, f.configB.id)).toBe(0);
    expect(await getActivity(f.repos, f.orgB, [f.configA.id], f.now())).toEqual([]);
  });

  it('forgets a rotated-away token after its time, and keeps only the latest few', async () => {
    await rotate(f.configA.id, f.orgA, 'scim_second');
    f.advance(30 * DAY_MS);
    await expectUnauthorized(
      f.a.get('/Users'),
      'Unknown SCIM bearer token: it was never issued or has been rotated',
    );
    expect(await rotatedAway(f.orgA, f.configA.id)).toBe(0);

    for (const token of ['scim_third', 'scim_fourth', 'scim_fifth', 'scim_sixth']) {
      f.advance(1000);
      await rotate(f.configA.id, f.orgA, token);
    }
    // Retired in turn: second, third, fourth, fifth; only the latest 3 are kept.
    await f.client('scim_second').get('/Users');
    expect(await rotatedAway(f.orgA, f.configA.id)).toBe(0);
    await f.client('scim_third').get('/Users');
    await f.client('scim_fifth').get('/Users');
    expect(await rotatedAway(f.orgA, f.configA.id)).toBe(2);
    expect(Number(await f.value(sql`SELECT count(*) FROM scim_retired_tokens`))).toBe(3);
  });

  it('refuses an expired token and says so', async () => {
    const expired = await f.configuration(f.orgA, { expiresAt: T0 });
    await expectUnauthorized(f.client(expired.token).get('/Users'), authenticationDetails.expired);
    const future = await f.configuration(f.orgA, { expiresAt: new Date(T0.getTime() + 1000) });
    expect((await f.client(future.token).get('/Users')).status).toBe(200);
    f.advance(1000);
    await expectUnauthorized(f.client(future.token).get('/Users'), authenticationDetails.expired);
  });

  it('refuses the token of a disabled configuration and says so', async () => {
    const disabled = await f.configuration(f.orgA, { enabled: false });
    await expectUnauthorized(
      f.client(disabled.token).post('/Users', { userName: 'x' }),
      authenticationDetails.disabled,
    );
  });

  it('refuses before reading the body', async () => {
    const response = await f.client(undefined).post('/Users', '{not json');
    expect(response.status).toBe(401);
  });

  it('records authenticated and rejected requests against the configuration', async () => {
    const disabled = await f.configuration(f.orgA, { enabled: false });
    const expired = await f.configuration(f.orgA, { expiresAt: T0 });
    await f.a.get('/Users');
    f.advance(60_000);
    await f.a.get('/Groups');
    await f.client(disabled.token).get('/Users');
    await f.client(disabled.token).get('/Users');
    await f.client(expired.token).get('/Users');
    await f.client('scim_unknown').get('/Users');
    const activities = await getActivity(
      f.repos,
      f.orgA,
      [f.configA.id, disabled.id, expired.id],
      f.now(),
    );
    expect(activities).toEqual([
      {
        scimConfigurationId: f.configA.id,
        lastRequestAt: new Date(T0.getTime() + 60_000).toISOString(),
        requestsLast24h: 2,
        rejectedLast24h: 0,
        rejectedByReasonLast24h: { unknownToken: 0, expiredToken: 0, provisioningDisabled: 0 },
        provisionedUsers: 0,
        provisionedGroups: 0,
      },
      {
        scimConfigurationId: disabled.id,
        requestsLast24h: 0,
        rejectedLast24h: 2,
        rejectedByReasonLast24h: { unknownToken: 0, expiredToken: 0, provisioningDisabled: 2 },
        provisionedUsers: 0,
        provisionedGroups: 0,
      },
      {
        scimConfigurationId: expired.id,
        requestsLast24h: 0,
        rejectedLast24h: 1,
        rejectedByReasonLast24h: { unknownToken: 0, expiredToken: 1, provisioningDisabled: 0 },
        provisionedUsers: 0,
        provisionedGroups: 0,
      },
    ]);
  });

  it('serves the mounted endpoint with absolute locations under /scim/v2', async () => {
    const created = await f.a.post('/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'loc@acme.test',
    });
    expect(created.headers.get('Location')).toBe(`${ORIGIN}/scim/v2/Users/${created.body.id}`);
    expect(created.body.meta.location).toBe(`${ORIGIN}/scim/v2/Users/${created.body.id}`);
  });
});
