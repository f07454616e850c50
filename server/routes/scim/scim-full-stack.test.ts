// The whole product in-process: the admin API creates a configuration, the identity provider
// provisions with its token through /scim/v2, the dashboard reads the activity, rotation locks out
// the old token.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { procedures } from '../../../contracts/procedures.ts';
import { createApp } from '../../app.ts';
import { openDatabase } from '../../db/database.ts';
import { migrate } from '../../db/migrate.ts';
import { seedOrganizations } from '../../db/seed.ts';
import { silentLog } from '../../log.ts';
import { createStorage } from '../../repositories/repositories.ts';
import { authenticationDetails } from '../../services/scim/scim-authentication.ts';
import { scimClient, USER_SCHEMA } from '../../testing/scim/scim-test-client.ts';

const ORIGIN = 'http://admin.test';
const ADMIN = 'full-stack-admin-token';
const MEMBER = 'full-stack-member-token';

let dir: string;
let app: Hono;
let organizationId: string;
let ssoConfigurationId: string;
let close: () => Promise<void>;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'scim-full-stack-'));
  const database = openDatabase({ kind: 'sqlite', path: join(dir, 'test.sqlite') });
  await migrate(database);
  const [acme] = await seedOrganizations(createStorage(database), {
    organizations: [
      {
        name: 'Acme Corp',
        ssoConfigurations: [{ displayName: 'Okta', issuerUrl: 'https://acme.okta.com' }],
        members: [
          {
            name: 'Ada Admin',
            email: 'ada@acme.test',
            role: 'ORGANIZATION_ROLE_ADMIN',
            token: ADMIN,
          },
          {
            name: 'Max Member',
            email: 'max@acme.test',
            role: 'ORGANIZATION_ROLE_MEMBER',
            token: MEMBER,
          },
        ],
      },
    ],
  });
  if (!acme?.ssoConfigurationIds[0]) throw new Error('seed failed');
  organizationId = acme.id;
  ssoConfigurationId = acme.ssoConfigurationIds[0];
  // The whole server, as server/index.ts builds it.
  app = createApp({ database, config: {}, log: silentLog, logRequests: false });
  close = async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  };
});
afterEach(() => close());

async function rpc(path: string, body: unknown, token = ADMIN) {
  const response = await app.request(`${ORIGIN}/api/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

it('provisions with a dashboard-minted token, reports activity, and refuses it after rotation', async () => {
  const created = await rpc(procedures.createScimConfiguration.path, {
    organizationId,
    ssoConfigurationId,
    name: 'Okta',
  });
  expect(created.status).toBe(200);
  const token = String(created.body.token);
  const scimConfigurationId = String((created.body.scimConfiguration as { id: string }).id);

  const tested = await rpc(procedures.testConnection.path, { token });
  expect(tested).toEqual({
    status: 200,
    body: { ok: true, status: 200, url: `${ORIGIN}/scim/v2/ServiceProviderConfig` },
  });
  // A token of no configuration of ours is not tested at all.
  const wrong = await rpc(procedures.testConnection.path, { token: 'scim_wrong' });
  expect(wrong).toMatchObject({ status: 404, body: { code: 'not_found' } });

  const idp = scimClient(app, token, `${ORIGIN}/scim/v2`);
  const user = await idp.post('/Users', { schemas: [USER_SCHEMA], userName: 'grace@acme.test' });
  expect(user.status).toBe(201);
  expect(user.headers.get('Content-Type')).toBe('application/scim+json');

  const activity = await rpc(procedures.getActivity.path, {
    scimConfigurationIds: [scimConfigurationId],
  });
  expect(activity.status).toBe(200);
  const [entry] = procedures.getActivity.response.parse(activity.body).activities;
  expect(entry).toMatchObject({
    scimConfigurationId,
    requestsLast24h: 2,
    provisionedUsers: 1,
    provisionedGroups: 0,
  });
  expect(entry?.lastRequestAt).toBeDefined();

  const rotated = await rpc(procedures.regenerateScimToken.path, { scimConfigurationId });
  expect(rotated.status).toBe(200);
  const refused = await idp.get('/Users');
  expect(refused.status).toBe(401);
  expect(refused.body.detail).toBe(authenticationDetails.unknown);
  const fresh = scimClient(app, String(rotated.body.token), `${ORIGIN}/scim/v2`);
  expect((await fresh.get('/Users')).body.totalResults).toBe(1);

  const disabled = await rpc(procedures.updateScimConfiguration.path, {
    scimConfigurationId,
    enabled: false,
  });
  expect(disabled.status).toBe(200);
  expect((await fresh.get('/Users')).body.detail).toBe(authenticationDetails.disabled);
  const after = procedures.getActivity.response.parse(
    (await rpc(procedures.getActivity.path, { scimConfigurationIds: [scimConfigurationId] })).body,
  ).activities[0];
  // The request with the rotated-away token counts against this configuration too.
  expect(after).toMatchObject({
    rejectedLast24h: 2,
    rejectedByReasonLast24h: { unknownToken: 1, provisioningDisabled: 1 },
  });
});

it('keeps activity and connection tests to organization admins', async () => {
  for (const path of [procedures.getActivity.path, procedures.testConnection.path]) {
    const body =
      path === procedures.getActivity.path
        ? { scimConfigurationIds: ['00000000-0000-7000-8000-000000000000'] }
        : { token: 'x' };
    const answer = await rpc(path, body, MEMBER);
    expect(answer.status).toBe(403);
    expect(answer.body.code).toBe('permission_denied');
  }
  const invalid = await rpc(procedures.getActivity.path, { scimConfigurationIds: [] });
  expect(invalid).toMatchObject({ status: 400, body: { code: 'invalid_argument' } });
});
