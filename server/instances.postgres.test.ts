// Two backend processes on one PostgreSQL database, as behind a load balancer: what one instance
// did is what the other sees, whichever of them a request reaches.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { procedures } from '../contracts/procedures.ts';
import { migrationFiles } from './db/migrate.ts';
import type { SeedSpec } from './db/seed.ts';
import { hashToken } from './security/tokens.ts';
import { type SpawnedServer, spawnServer } from './testing/spawn-server.ts';
import { tempDir } from './testing/test-backend.ts';
import { columnValues, createTestDatabase, type TestDatabase } from './testing/test-database.ts';

const ADMIN_TOKEN = 'instances-admin-token-0d5a1f7e';

interface Configuration {
  id: string;
  name?: string;
  updatedAt: string;
  tokenExpiresAt: string;
}

/** A Connect call to one instance; resolves with the HTTP status and the JSON answer. */
async function rpc<T = Record<string, unknown>>(
  server: SpawnedServer,
  path: string,
  body: unknown,
): Promise<{ status: number; json: T }> {
  const response = await fetch(`${server.url}/api/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as T };
}

async function ok<T = Record<string, unknown>>(
  server: SpawnedServer,
  path: string,
  body: unknown,
): Promise<T> {
  const { status, json } = await rpc<T>(server, path, body);
  if (status !== 200) throw new Error(`${path} answered ${status}: ${JSON.stringify(json)}`);
  return json;
}

/** Every configuration of the caller's organization, page by page through `servers` in turn. */
async function listAll(servers: SpawnedServer[], pageSize: number): Promise<Configuration[]> {
  const all: Configuration[] = [];
  let token = '';
  for (let page = 0; page < 1000; page++) {
    const server = servers[page % servers.length] as SpawnedServer;
    const answer = await ok<{
      scimConfigurations: Configuration[];
      pagination?: { nextToken?: string };
    }>(server, procedures.listScimConfigurations.path, {
      pagination: { pageSize, ...(token && { token }) },
    });
    all.push(...answer.scimConfigurations);
    token = answer.pagination?.nextToken ?? '';
    if (!token) return all;
  }
  throw new Error('listing did not end');
}

/** A SCIM request with `token`; resolves with the status and the JSON answer (if any). */
async function scim(
  server: SpawnedServer,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${server.url}/scim/v2${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined && { 'content-type': 'application/scim+json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    json: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}

function seedSpec(configurations: number): SeedSpec {
  return {
    organizations: [
      {
        name: 'Twin Inc',
        ssoConfigurations: [{ displayName: 'Okta', issuerUrl: 'https://twin.okta.com' }],
        members: [
          {
            name: 'Tess',
            email: 'tess@twin.test',
            role: 'ORGANIZATION_ROLE_ADMIN',
            token: ADMIN_TOKEN,
          },
        ],
        scimConfigurations: { count: configurations },
      },
    ],
  };
}

/** Two instances started together on one new, unmigrated database seeded from one file. */
async function startPair(configurations: number) {
  const database = await createTestDatabase({ migrated: false });
  const dir = tempDir();
  const seedFile = join(dir, 'seed.json');
  writeFileSync(seedFile, JSON.stringify(seedSpec(configurations)));
  const env = { ...database.env, SEED_FILE: seedFile };
  const started = await Promise.allSettled([spawnServer(env), spawnServer(env)]);
  const servers = started.flatMap((result) =>
    result.status === 'fulfilled' ? [result.value] : [],
  );
  const stop = async () => {
    await Promise.all(servers.map((server) => server.kill()));
    await database.close();
  };
  const failed = started.find((result) => result.status === 'rejected');
  if (failed) {
    await stop();
    throw failed.reason;
  }
  const [a, b] = servers as [SpawnedServer, SpawnedServer];
  return { a, b, database, stop };
}

async function storedTokenHash(database: TestDatabase, id: string): Promise<unknown> {
  const [hash] = await columnValues(
    database.database,
    sql`SELECT token_hash FROM scim_configurations WHERE id = ${id}`,
  );
  return hash;
}

describe('two instances on one PostgreSQL database', () => {
  let a: SpawnedServer;
  let b: SpawnedServer;
  let database: TestDatabase;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ a, b, database, stop } = await startPair(5));
  }, 60_000);
  afterAll(() => stop?.());

  it('started together: migrated once and seeded once', async () => {
    const seeded = [a, b].filter((server) => server.stdout().includes('Seeded 1 organization(s)'));
    expect(seeded).toHaveLength(1);
    for (const server of [a, b]) {
      expect(server.stdout()).toMatch(/Database: PostgreSQL at 127\.0\.0\.1:\d+\/t_/);
    }
    const versions = await columnValues(
      database.database,
      sql`SELECT version FROM schema_migrations ORDER BY version`,
    );
    expect(versions).toEqual(migrationFiles('postgres'));
    const organizations = await columnValues(
      database.database,
      sql`SELECT count(*) FROM organizations`,
    );
    expect(organizations).toEqual([1]);
    // The seeding instance refreshed the planner's statistics (an ANALYZE, not autovacuum's).
    const analyzed = await columnValues(
      database.database,
      sql`SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'scim_configurations'`,
    );
    expect(analyzed).toEqual([true]);
  });

  it('accepts a page token issued by the other instance', async () => {
    const first = await ok<{
      scimConfigurations: Configuration[];
      pagination: { nextToken: string };
    }>(a, procedures.listScimConfigurations.path, { pagination: { pageSize: 2 } });
    expect(first.pagination.nextToken).toBeTruthy();
    const second = await rpc<{ scimConfigurations: Configuration[] }>(
      b,
      procedures.listScimConfigurations.path,
      { pagination: { pageSize: 2, token: first.pagination.nextToken } },
    );
    expect(second.status).toBe(200);
    const seen = [...first.scimConfigurations, ...second.json.scimConfigurations].map(
      (item) => item.id,
    );
    expect(new Set(seen).size).toBe(4);
    // Paging through both instances in turn lists every configuration exactly once.
    const all = await listAll([a, b], 2);
    expect(all.length).toBeGreaterThanOrEqual(5);
    expect(new Set(all.map((item) => item.id)).size).toBe(all.length);
  });

  it('leaves exactly one working token, the latest, after concurrent rotations through both', async () => {
    const [target] = await listAll([a], 100);
    const id = target?.id ?? '';
    const rotations = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        ok<{ token: string; tokenExpiresAt: string }>(
          i % 2 === 0 ? a : b,
          procedures.regenerateScimToken.path,
          { scimConfigurationId: id },
        ),
      ),
    );
    // The row lock puts the rotations in one order: every expiry differs, and the last one wins.
    const expiries = rotations.map((rotation) => rotation.tokenExpiresAt);
    expect(new Set(expiries).size).toBe(rotations.length);
    // By time, not by text: RFC 3339 leaves out a zero fraction ("…41Z" is before "…41.096Z").
    const latest = rotations.reduce((last, rotation) =>
      Date.parse(rotation.tokenExpiresAt) > Date.parse(last.tokenExpiresAt) ? rotation : last,
    );
    const stored = await storedTokenHash(database, id);
    const working = rotations.filter((rotation) => hashToken(rotation.token) === stored);
    expect(working).toEqual([latest]);
    const [configuration] = (await listAll([b], 100)).filter((item) => item.id === id);
    expect(configuration?.tokenExpiresAt).toBe(latest.tokenExpiresAt);
    // What an identity provider sees, on either instance: the latest token works, no other does.
    for (const server of [a, b]) {
      for (const rotation of rotations) {
        const { status } = await scim(server, rotation.token, 'GET', '/Users?count=1');
        expect(status).toBe(rotation === latest ? 200 : 401);
      }
    }
  });

  it('keeps updatedAt in commit order across instances: the last write is the newest', async () => {
    const [, target] = await listAll([a], 100);
    const id = target?.id ?? '';
    const updates = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        ok<{ scimConfiguration: Configuration }>(
          i % 2 === 0 ? a : b,
          procedures.updateScimConfiguration.path,
          { scimConfigurationId: id, name: `update ${i}` },
        ),
      ),
    );
    const stamps = updates.map((update) => update.scimConfiguration.updatedAt);
    expect(new Set(stamps).size).toBe(updates.length);
    const newest = updates.reduce((last, update) =>
      Date.parse(update.scimConfiguration.updatedAt) > Date.parse(last.scimConfiguration.updatedAt)
        ? update
        : last,
    );
    for (const server of [a, b]) {
      const [stored] = (await listAll([server], 100)).filter((item) => item.id === id);
      expect(stored).toMatchObject({
        name: newest.scimConfiguration.name,
        updatedAt: newest.scimConfiguration.updatedAt,
      });
    }
    // Never more than a second ahead of the clock, whichever instance wrote.
    expect(Date.parse(newest.scimConfiguration.updatedAt)).toBeLessThanOrEqual(Date.now() + 1000);
  });
});

describe('SCIM through two instances on one PostgreSQL database', () => {
  let a: SpawnedServer;
  let b: SpawnedServer;
  let stop: () => Promise<void>;
  let organizationId: string;
  let ssoConfigurationId: string;

  beforeAll(async () => {
    ({ a, b, stop } = await startPair(0));
    ({ organizationId } = await ok<{ organizationId: string }>(
      a,
      procedures.getAuthenticatedIdentity.path,
      {},
    ));
    const sso = await ok<{ ssoConfigurations: { id: string }[] }>(
      a,
      procedures.listSsoConfigurations.path,
      { organizationId },
    );
    ssoConfigurationId = sso.ssoConfigurations[0]?.id ?? '';
  }, 60_000);
  afterAll(() => stop?.());

  const newConfiguration = (name: string) =>
    ok<{ scimConfiguration: { id: string }; token: string }>(
      a,
      procedures.createScimConfiguration.path,
      { organizationId, ssoConfigurationId, name },
    );

  it('gives exactly one 201 and 409s to concurrent POST /Users with one userName', async () => {
    const { token } = await newConfiguration('one userName');
    const user = {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'twin@twin.test',
      emails: [{ value: 'twin@twin.test', primary: true }],
    };
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        scim(i % 2 === 0 ? a : b, token, 'POST', '/Users', user),
      ),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([201, ...Array.from({ length: 11 }, () => 409)]);
    for (const answer of answers.filter((item) => item.status === 409)) {
      expect(answer.json).toMatchObject({ scimType: 'uniqueness' });
    }
    // Both instances find the one user.
    for (const server of [a, b]) {
      const found = await scim(
        server,
        token,
        'GET',
        `/Users?filter=${encodeURIComponent('userName eq "twin@twin.test"')}`,
      );
      expect(found.json).toMatchObject({ totalResults: 1 });
    }
  });

  it('adds up activity counters written by both instances', async () => {
    const { scimConfiguration, token } = await newConfiguration('counted');
    const id = scimConfiguration.id;
    const requests = Array.from({ length: 20 }, (_, i) =>
      scim(i % 2 === 0 ? a : b, token, 'POST', '/Users', {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: `counted-${i}@twin.test`,
      }),
    );
    expect((await Promise.all(requests)).map((answer) => answer.status)).toEqual(
      Array.from({ length: 20 }, () => 201),
    );
    await ok(a, procedures.updateScimConfiguration.path, {
      scimConfigurationId: id,
      enabled: false,
    });
    const refused = await Promise.all(
      Array.from({ length: 10 }, (_, i) => scim(i % 2 === 0 ? a : b, token, 'GET', '/Users')),
    );
    expect(refused.map((answer) => answer.status)).toEqual(Array.from({ length: 10 }, () => 401));
    for (const server of [a, b]) {
      const { activities } = await ok<{ activities: Record<string, unknown>[] }>(
        server,
        procedures.getActivity.path,
        { scimConfigurationIds: [id] },
      );
      expect(activities).toEqual([
        expect.objectContaining({
          scimConfigurationId: id,
          requestsLast24h: 20,
          rejectedLast24h: 10,
          rejectedByReasonLast24h: expect.objectContaining({ provisioningDisabled: 10 }),
          provisionedUsers: 20,
        }),
      ]);
    }
  });
});

describe('kill -9 of one instance during writes', () => {
  it('loses no acknowledged write, and the other instance keeps serving', {
    timeout: 90_000,
  }, async () => {
    const { a, b, database, stop } = await startPair(1);
    try {
      const identity = await ok<{ organizationId: string }>(
        a,
        procedures.getAuthenticatedIdentity.path,
        {},
      );
      const sso = await ok<{ ssoConfigurations: { id: string }[] }>(
        a,
        procedures.listSsoConfigurations.path,
        { organizationId: identity.organizationId },
      );
      const [shared] = await listAll([a], 100);
      const sharedId = shared?.id ?? '';
      const acknowledged: string[] = [];
      const rotated: { token: string; tokenExpiresAt: string }[] = [];
      let killed = false;
      let beforeKill = new Set<string>();

      /** Creates and rotations through one instance until it stops answering or `until` holds. */
      async function lane(server: SpawnedServer, name: string, until: () => boolean) {
        const failures: unknown[] = [];
        for (let i = 0; i < 400 && !until(); i++) {
          try {
            const created = await ok<{ scimConfiguration: { id: string } }>(
              server,
              procedures.createScimConfiguration.path,
              {
                organizationId: identity.organizationId,
                ssoConfigurationId: sso.ssoConfigurations[0]?.id,
                name: `${name} ${i}`,
              },
            );
            acknowledged.push(created.scimConfiguration.id);
            // Rotations of one shared row: a lock the killed instance may hold must be released.
            rotated.push(
              await ok(server, procedures.regenerateScimToken.path, {
                scimConfigurationId: sharedId,
              }),
            );
          } catch (error) {
            failures.push(error);
            if (server === a && killed) return failures;
          }
        }
        return failures;
      }

      const ackedByBAfterKill = () => acknowledged.filter((id) => !beforeKill.has(id)).length;
      const laneA = lane(a, 'a', () => killed);
      const laneB = lane(b, 'b', () => killed && ackedByBAfterKill() >= 10);
      // Kill A mid-stream, once both have written.
      for (let i = 0; i < 200 && acknowledged.length < 20; i++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      a.child.kill('SIGKILL');
      killed = true;
      beforeKill = new Set(acknowledged);
      const [, failuresB] = await Promise.all([laneA, laneB]);
      await a.kill();

      // B answered every request, through the kill and after it.
      expect(failuresB).toEqual([]);
      expect(ackedByBAfterKill()).toBeGreaterThanOrEqual(10);
      const listed = new Set((await listAll([b], 100)).map((item) => item.id));
      const lost = acknowledged.filter((id) => !listed.has(id));
      expect(lost).toEqual([]);
      expect(acknowledged.length).toBeGreaterThanOrEqual(30);
      // The last acknowledged rotation (B's, after the kill) holds the working token.
      const latest = rotated.reduce((last, rotation) =>
        Date.parse(rotation.tokenExpiresAt) > Date.parse(last.tokenExpiresAt) ? rotation : last,
      );
      expect(await storedTokenHash(database, sharedId)).toBe(hashToken(latest.token));
    } finally {
      await stop();
    }
  });
});
