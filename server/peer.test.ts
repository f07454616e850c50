// A Connect-ES peer over a real loopback socket: every RPC over Connect binary, Connect JSON,
// Connect GET (the NO_SIDE_EFFECTS methods, JSON and binary) and gRPC-web, as the official SDKs
// call it.
import type { AddressInfo } from 'node:net';
import { Code, ConnectError, createClient, type Interceptor } from '@connectrpc/connect';
import { createConnectTransport, createGrpcWebTransport } from '@connectrpc/connect-node';
import { type ServerType, serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdentityService, Principal } from './gen/gitpod/v1/identity_pb.ts';
import {
  OrganizationRole,
  OrganizationService,
  SSOConfigurationState,
} from './gen/gitpod/v1/organization_pb.ts';
import { UserService, UserStatus } from './gen/gitpod/v1/user_pb.ts';
import { ProvisioningActivityService } from './gen/scimadmin/v1/provisioning_activity_pb.ts';
import { createTestBackend, type TestBackend, tokens } from './testing/test-backend.ts';

let backend: TestBackend;
let server: ServerType;
let baseUrl: string;

beforeAll(async () => {
  backend = await createTestBackend({ scim: true });
  server = await new Promise<ServerType>((resolve) => {
    const fetch = (request: Request) => {
      sent.push(`${request.method} ${request.headers.get('content-type') ?? ''}`);
      return backend.app.fetch(request);
    };
    const started = serve({ fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(started));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  backend.close();
});

const kinds = [
  'connect-binary',
  'connect-json',
  'connect-get',
  'connect-get-binary',
  'grpc-web',
] as const;
type Kind = (typeof kinds)[number];

/** `METHOD content-type` of every request the server received, to prove what was on the wire. */
let sent: string[] = [];

function clients(kind: Kind, token: string | null = tokens.acmeAdmin) {
  const interceptors: Interceptor[] = [
    (next) => (request) => {
      if (token !== null) request.header.set('authorization', `Bearer ${token}`);
      return next(request);
    },
  ];
  const common = { baseUrl, httpVersion: '1.1' as const, interceptors };
  const transport =
    kind === 'grpc-web'
      ? createGrpcWebTransport(common)
      : createConnectTransport({
          ...common,
          useBinaryFormat: kind === 'connect-binary' || kind === 'connect-get-binary',
          useHttpGet: kind === 'connect-get' || kind === 'connect-get-binary',
        });
  return {
    organizations: createClient(OrganizationService, transport),
    identity: createClient(IdentityService, transport),
    users: createClient(UserService, transport),
    activity: createClient(ProvisioningActivityService, transport),
  };
}

async function codeOf(call: Promise<unknown>): Promise<Code> {
  try {
    await call;
  } catch (error) {
    return ConnectError.from(error).code;
  }
  throw new Error('the call succeeded');
}

const unknownId = '01980ed3-a090-7b5b-8000-000000000000';

describe.each(kinds)('over %s', (kind) => {
  it('serves every RPC with the values the backend holds', async () => {
    sent = [];
    const { organizations, identity, users, activity } = clients(kind);

    const me = await identity.getAuthenticatedIdentity({});
    expect(me.organizationId).toBe(backend.acme.id);
    expect(me.subject?.principal).toBe(Principal.USER);
    const user = await users.getAuthenticatedUser({});
    expect(user.user?.email).toBe('ada@acme.test');
    const org = await organizations.getOrganization({ organizationId: backend.acme.id });
    expect(org.organization?.name).toBe('Acme Corp');
    const members = await organizations.listMembers({
      organizationId: backend.acme.id,
      filter: { userIds: [backend.acme.adminId], roles: [OrganizationRole.ADMIN] },
      sort: {},
      count: { include: true },
    });
    expect(members.members.map((member) => member.role)).toEqual([OrganizationRole.ADMIN]);
    expect(members.members[0]?.status).not.toBe(UserStatus.LEFT);

    const sso = await organizations.listSSOConfigurations({
      organizationId: backend.acme.id,
      pagination: { pageSize: 2 },
    });
    expect(sso.ssoConfigurations).toHaveLength(2);
    expect(sso.pagination?.nextToken).not.toBe('');
    const okta = await organizations.getSSOConfiguration({ ssoConfigurationId: backend.acme.okta });
    expect(okta.ssoConfiguration?.state).toBe(SSOConfigurationState.SSO_CONFIGURATION_STATE_ACTIVE);

    const created = await organizations.createSCIMConfiguration({
      organizationId: backend.acme.id,
      ssoConfigurationId: backend.acme.okta,
      name: `peer ${kind}`,
      tokenExpiresIn: { seconds: 86_400n },
    });
    const id = created.scimConfiguration?.id ?? '';
    expect(created.token).not.toBe('');
    const expiresIn = Number(created.tokenExpiresAt?.seconds) - Date.now() / 1000;
    expect(Math.round(expiresIn / 3600)).toBe(24);
    const read = await organizations.getSCIMConfiguration({ scimConfigurationId: id });
    expect(read.scimConfiguration?.name).toBe(`peer ${kind}`);
    const listed = await organizations.listSCIMConfigurations({ pagination: { pageSize: 100 } });
    // The list's rows (encoded by the edge from the database's JSON) read as Get's message does.
    expect(listed.scimConfigurations.find((config) => config.id === id)).toEqual(
      read.scimConfiguration,
    );
    const updated = await organizations.updateSCIMConfiguration({
      scimConfigurationId: id,
      enabled: false,
    });
    expect(updated.scimConfiguration?.enabled).toBe(false);
    const rotated = await organizations.regenerateSCIMToken({ scimConfigurationId: id });
    expect(rotated.token).not.toBe(created.token);
    const test = await activity.testConnection({ token: rotated.token });
    // Provisioning is disabled above, so the endpoint refuses the (valid) token.
    expect(test.ok).toBe(false);
    expect(test.status).toBe(401);
    const seen = await activity.getActivity({ scimConfigurationIds: [id] });
    expect(seen.activities.map((entry) => entry.scimConfigurationId)).toEqual([id]);
    await organizations.deleteSCIMConfiguration({ scimConfigurationId: id });
    expect(await codeOf(organizations.getSCIMConfiguration({ scimConfigurationId: id }))).toBe(
      Code.NotFound,
    );

    const contentType = {
      'connect-binary': 'application/proto',
      'connect-json': 'application/json',
      'connect-get': 'application/json',
      'connect-get-binary': 'application/proto',
      'grpc-web': 'application/grpc-web+proto',
    }[kind];
    // Connect GET carries no body, so no content type: the safe methods went as GET, the rest POST.
    const expected = kind.startsWith('connect-get')
      ? ['GET ', `POST ${contentType}`]
      : [`POST ${contentType}`];
    expect([...new Set(sent)].sort()).toEqual(expected);
  });

  it('answers not_found, invalid_argument, unauthenticated and permission_denied', async () => {
    const { organizations } = clients(kind);
    expect(
      await codeOf(organizations.getSCIMConfiguration({ scimConfigurationId: unknownId })),
    ).toBe(Code.NotFound);
    expect(await codeOf(organizations.getSCIMConfiguration({ scimConfigurationId: 'nope' }))).toBe(
      Code.InvalidArgument,
    );
    expect(
      await codeOf(organizations.listSCIMConfigurations({ pagination: { pageSize: 101 } })),
    ).toBe(Code.InvalidArgument);
    expect(
      await codeOf(
        organizations.createSCIMConfiguration({
          organizationId: backend.acme.id,
          ssoConfigurationId: backend.acme.okta,
          name: 'x'.repeat(129),
        }),
      ),
    ).toBe(Code.InvalidArgument);
    const anonymous = clients(kind, null).organizations;
    expect(await codeOf(anonymous.listSCIMConfigurations({}))).toBe(Code.Unauthenticated);
    const wrongToken = clients(kind, 'not-a-token').organizations;
    expect(await codeOf(wrongToken.getSCIMConfiguration({ scimConfigurationId: 'nope' }))).toBe(
      Code.Unauthenticated,
    );
    const member = clients(kind, tokens.acmeMember).organizations;
    expect(await codeOf(member.listSCIMConfigurations({}))).toBe(Code.PermissionDenied);
  });
});
