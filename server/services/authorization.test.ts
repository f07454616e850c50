import { sql } from 'kysely';
// Authentication, the admin role and organization isolation, for every SCIM RPC.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcedureName } from '../../contracts/procedures.ts';
import { hashToken } from '../security/tokens.ts';
import { createTestBackend, type TestBackend, tokens } from '../testing/test-backend.ts';
import { columnValues } from '../testing/test-database.ts';

let backend: TestBackend;
let acmeConfigId: string;
beforeAll(async () => {
  backend = await createTestBackend();
  const created = await backend.call('createScimConfiguration', {
    organizationId: backend.acme.id,
    ssoConfigurationId: backend.acme.okta,
    name: 'acme',
  });
  acmeConfigId = created.scimConfiguration.id;
});
afterAll(() => backend.close());

/** A valid request body for each SCIM RPC, aimed at Acme's configuration. */
const scimRequests: Record<string, () => { name: ProcedureName; body: unknown }> = {
  CreateSCIMConfiguration: () => ({
    name: 'createScimConfiguration',
    body: { organizationId: backend.acme.id, ssoConfigurationId: backend.acme.okta },
  }),
  GetSCIMConfiguration: () => ({
    name: 'getScimConfiguration',
    body: { scimConfigurationId: acmeConfigId },
  }),
  ListSCIMConfigurations: () => ({ name: 'listScimConfigurations', body: {} }),
  UpdateSCIMConfiguration: () => ({
    name: 'updateScimConfiguration',
    body: { scimConfigurationId: acmeConfigId, name: 'hijacked' },
  }),
  RegenerateSCIMToken: () => ({
    name: 'regenerateScimToken',
    body: { scimConfigurationId: acmeConfigId },
  }),
  DeleteSCIMConfiguration: () => ({
    name: 'deleteScimConfiguration',
    body: { scimConfigurationId: acmeConfigId },
  }),
};
const rpcNames = Object.keys(scimRequests);

function request(rpc: string) {
  const make = scimRequests[rpc];
  if (!make) throw new Error(rpc);
  return make();
}

describe.each(rpcNames)('%s', (rpc) => {
  it('is unauthenticated without an Authorization header', async () => {
    const { name, body } = request(rpc);
    const answer = await backend.fail(name, body, { token: null });
    expect(answer).toMatchObject({ status: 401, code: 'unauthenticated' });
    expect(answer.message).toContain('missing');
  });

  it('is unauthenticated with an unknown token, without echoing it', async () => {
    const { name, body } = request(rpc);
    const answer = await backend.fail(name, body, { token: 'ona_pat_not-a-real-token' });
    expect(answer).toMatchObject({ status: 401, code: 'unauthenticated' });
    expect(answer.message).toContain('unknown');
    expect(answer.message).not.toContain('not-a-real-token');
  });

  it('is unauthenticated with an expired token', async () => {
    const { name, body } = request(rpc);
    const answer = await backend.fail(name, body, { token: tokens.acmeExpired });
    expect(answer).toMatchObject({ status: 401, code: 'unauthenticated' });
    expect(answer.message).toContain('expired');
  });

  it('is unauthenticated with a malformed Authorization header', async () => {
    const { name, body } = request(rpc);
    const answer = await backend.fail(name, body, {
      token: null,
      headers: { authorization: `Basic ${tokens.acmeAdmin}` },
    });
    expect(answer).toMatchObject({ status: 401, code: 'unauthenticated' });
  });

  it('is permission_denied for a member', async () => {
    const { name, body } = request(rpc);
    const answer = await backend.fail(name, body, { token: tokens.acmeMember });
    expect(answer).toMatchObject({ status: 403, code: 'permission_denied' });
  });
});

describe.each(rpcNames.filter((rpc) => rpc !== 'ListSCIMConfigurations'))(
  '%s across organizations',
  (rpc) => {
    it('is not_found for the admin of another organization', async () => {
      const { name, body } = request(rpc);
      const answer = await backend.fail(name, body, { token: tokens.globexAdmin });
      expect(answer).toMatchObject({ status: 404, code: 'not_found' });
    });
  },
);

describe('isolation leaves the other organization untouched', () => {
  it('lists only the caller organization and kept Acme configuration intact', async () => {
    const globexList = await backend.call(
      'listScimConfigurations',
      {},
      {
        token: tokens.globexAdmin,
      },
    );
    expect(globexList.scimConfigurations).toEqual([]);
    const config = await backend.call('getScimConfiguration', {
      scimConfigurationId: acmeConfigId,
    });
    expect(config.scimConfiguration.name).toBe('acme');
    const [hash] = await columnValues(
      backend.database,
      sql`SELECT token_hash FROM scim_configurations WHERE id = ${acmeConfigId}`,
    );
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('an unknown id and a foreign id get the same answer', async () => {
    const foreign = await backend.fail(
      'getScimConfiguration',
      { scimConfigurationId: acmeConfigId },
      { token: tokens.globexAdmin },
    );
    const unknown = await backend.fail(
      'getScimConfiguration',
      { scimConfigurationId: '01980ed3-a090-7b5b-8000-000000000000' },
      { token: tokens.globexAdmin },
    );
    expect(foreign.status).toBe(unknown.status);
    expect(foreign.code).toBe(unknown.code);
  });

  it('a suspended user is unauthenticated', async () => {
    await sql`UPDATE users SET status = 'USER_STATUS_SUSPENDED' WHERE id = ${backend.acme.memberId}`.execute(
      backend.database.db,
    );
    try {
      const answer = await backend.fail(
        'getAuthenticatedIdentity',
        {},
        {
          token: tokens.acmeMember,
        },
      );
      expect(answer.code).toBe('unauthenticated');
    } finally {
      await sql`UPDATE users SET status = 'USER_STATUS_ACTIVE' WHERE id = ${backend.acme.memberId}`.execute(
        backend.database.db,
      );
    }
  });

  it('personal access tokens are stored as SHA-256 digests', async () => {
    const stored = await columnValues(
      backend.database,
      sql`SELECT token_hash FROM personal_access_tokens`,
    );
    expect(stored).toContain(hashToken(tokens.acmeAdmin));
    expect(stored).not.toContain(tokens.acmeAdmin);
  });
});
