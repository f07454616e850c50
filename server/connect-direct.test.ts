// The edge's direct path answers a Connect unary POST of a read exactly as connect-es's universal
// handler does: the same status, content type, encoding and bytes. A `connect-timeout-ms` header
// sends the same request through the universal handler, which is the reference.
import { create, toBinary } from '@bufbuild/protobuf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { procedures } from '../contracts/procedures.ts';
import { ListSCIMConfigurationsRequestSchema } from './gen/gitpod/v1/organization_pb.ts';
import { createTestBackend, type TestBackend, tokens } from './testing/test-backend.ts';

let backend: TestBackend;
const direct: string[] = [];
beforeAll(async () => {
  backend = await createTestBackend({ onDirectAnswer: (path) => direct.push(path) });
  // Enough SSO configurations for ListSSOConfigurations to be answered compressed (1 KiB or more).
  for (let index = 0; index < 8; index++) {
    await backend.repos.ssoConfigurations.insert({
      id: `0190a000-0000-7000-8000-00000000010${index}`,
      organizationId: backend.acme.id,
      displayName: `Okta ${index}`,
      issuerUrl: `https://acme-${index}.okta.com`,
      clientId: `client-${index}`,
      state: 'SSO_CONFIGURATION_STATE_ACTIVE',
      providerType: 'PROVIDER_TYPE_CUSTOM',
      emailDomains: ['acme.test'],
      createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, index)).toISOString(),
    });
  }
  for (let index = 0; index < 5; index++) {
    await backend.call('createScimConfiguration', {
      organizationId: backend.acme.id,
      ssoConfigurationId: backend.acme.okta,
      name: `Direct ${index} "quoted" Zürich`,
    });
  }
});
afterAll(() => backend.close());

interface Sent {
  path: string;
  body: string | Uint8Array<ArrayBuffer>;
  contentType?: string;
  query?: string;
  headers?: Record<string, string>;
}

async function send(request: Sent, extra: Record<string, string> = {}) {
  const response = await backend.app.request(`/api/${request.path}${request.query ?? ''}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${tokens.acmeAdmin}`,
      'content-type': request.contentType ?? 'application/json',
      ...request.headers,
      ...extra,
    },
    body: request.body,
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    contentEncoding: response.headers.get('content-encoding'),
    body: Buffer.from(await response.arrayBuffer()).toString('base64'),
  };
}

/** Sends `request` both ways; returns whether the plain one took the direct path. */
async function expectSameAnswer(request: Sent): Promise<boolean> {
  const before = direct.length;
  const answer = await send(request);
  const tookDirectPath = direct.length > before;
  const reference = await send(request, { 'connect-timeout-ms': '60000' });
  expect(direct.length).toBe(before + (tookDirectPath ? 1 : 0));
  expect(answer).toEqual(reference);
  return tookDirectPath;
}

const json = (value: unknown) => JSON.stringify(value);
const list = procedures.listScimConfigurations.path;

describe('the direct path', () => {
  it('answers list pages as the universal handler does, JSON and binary, every page', async () => {
    expect(await expectSameAnswer({ path: list, body: json({}) })).toBe(true);
    const first = await send({ path: list, body: json({ pagination: { pageSize: 2 } }) });
    const { pagination } = JSON.parse(Buffer.from(first.body, 'base64').toString()) as {
      pagination: { nextToken: string };
    };
    for (const request of [
      { path: list, body: json({ pagination: { pageSize: 2 } }) },
      { path: list, body: json({ pagination: { pageSize: 2, token: pagination.nextToken } }) },
      { path: list, body: json({}), query: `?token=${pagination.nextToken}&pageSize=2` },
      { path: list, body: json({ pagination: { page_size: 2 } }) },
      { path: list, body: json({}), contentType: 'application/json; charset=utf-8' },
      { path: list, body: json({}), headers: { 'accept-encoding': 'gzip, br' } },
      {
        path: list,
        contentType: 'application/proto',
        body: toBinary(
          ListSCIMConfigurationsRequestSchema,
          create(ListSCIMConfigurationsRequestSchema, { pagination: { pageSize: 3 } }),
        ),
      },
    ]) {
      expect(await expectSameAnswer(request)).toBe(true);
    }
  });

  it('answers every other read as the universal handler does', async () => {
    const [configuration] = (await backend.call('listScimConfigurations', {})).scimConfigurations;
    const reads: Sent[] = [
      {
        path: procedures.getScimConfiguration.path,
        body: json({ scimConfigurationId: configuration?.id }),
      },
      { path: procedures.getOrganization.path, body: json({ organizationId: backend.acme.id }) },
      { path: procedures.listMembers.path, body: json({ organizationId: backend.acme.id }) },
      {
        path: procedures.listSsoConfigurations.path,
        body: json({ organizationId: backend.acme.id }),
      },
      {
        path: procedures.getSsoConfiguration.path,
        body: json({ ssoConfigurationId: backend.acme.okta }),
      },
      { path: procedures.getAuthenticatedIdentity.path, body: json({}) },
      { path: procedures.getAuthenticatedUser.path, body: json({}) },
    ];
    for (const read of reads) {
      expect(await expectSameAnswer(read)).toBe(true);
      await expectSameAnswer({ ...read, headers: { 'accept-encoding': 'gzip' } });
    }
    // An answer connect-es compresses (1 KiB or more, gzip accepted) is left to it, compressed.
    const sso = reads.find((read) => read.path === procedures.listSsoConfigurations.path);
    if (!sso) throw new Error('no ListSSOConfigurations case');
    const gzip = { ...sso, headers: { 'accept-encoding': 'gzip' } };
    expect(await expectSameAnswer(gzip)).toBe(false);
    expect((await send(gzip)).contentEncoding).toBe('gzip');
  });

  it('leaves refusals, compressed bodies, other content types and writes to connect-es', async () => {
    const get = procedures.getScimConfiguration.path;
    const cases: Sent[] = [
      // not_found, invalid_argument (unknown field, bad page token, bad uuid), a broken body.
      { path: get, body: json({ scimConfigurationId: '0190a000-0000-7000-8000-000000000000' }) },
      { path: list, body: json({ nope: 1 }) },
      { path: list, body: json({ pagination: { token: 'forged' } }) },
      { path: get, body: json({ scimConfigurationId: 'not-a-uuid' }) },
      { path: list, body: '{' },
      { path: list, body: new Uint8Array([0x0a, 0x02, 0x12]), contentType: 'application/proto' },
      // Content types connect-es refuses or routes elsewhere.
      { path: list, body: json({}), contentType: 'application/json; foo=bar' },
      { path: list, body: json({}), contentType: 'application/connect+json' },
      // A compressed request body.
      { path: list, body: json({}), headers: { 'content-encoding': 'gzip' } },
      // A write.
      {
        path: procedures.updateScimConfiguration.path,
        body: json({ scimConfigurationId: '0190a000-0000-7000-8000-000000000000', name: 'x' }),
      },
    ];
    for (const request of cases) expect(await expectSameAnswer(request)).toBe(false);
  });

  it('is taken by reads only', async () => {
    const before = direct.length;
    await backend.call('createScimConfiguration', {
      organizationId: backend.acme.id,
      ssoConfigurationId: backend.acme.okta,
    });
    expect(direct.length).toBe(before);
  });
});
