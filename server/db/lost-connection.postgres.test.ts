// An instance whose PostgreSQL connection is cut: requests answer `unavailable` (503) within
// seconds, /healthz says 503 with the reason, and everything recovers by itself when the database
// returns. The cut is real: a loopback TCP relay between the instance and the server.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { procedures } from '../../contracts/procedures.ts';
import { createApp } from '../app.ts';
import { createStorage } from '../repositories/repositories.ts';
import { ensurePageTokenSecret } from '../services/page-tokens.ts';
import { startTcpRelay, type TcpRelay } from '../testing/tcp-relay.ts';
import { collectingLog, post, readError, testSeed } from '../testing/test-backend.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { DATABASE_UNAVAILABLE_MESSAGE } from './connection-errors.ts';
import { type Database, openDatabase } from './database.ts';
import { seedOrganizations } from './seed.ts';

let test: TestDatabase;
let relay: TcpRelay;
let relayed: Database;
let organizationId: string;
let ssoConfigurationId: string;

beforeEach(async () => {
  test = await createTestDatabase();
  const storage = createStorage(test.database);
  const [acme] = await seedOrganizations(storage, testSeed);
  await ensurePageTokenSecret(storage.repos.settings);
  organizationId = acme?.id ?? '';
  ssoConfigurationId = acme?.ssoConfigurationIds[0] ?? '';
  const url = test.env.DATABASE_URL ?? '';
  const { hostname, port } = new URL(url);
  relay = await startTcpRelay({ host: hostname, port: Number(port) });
  relayed = openDatabase({ kind: 'postgres', url: relay.relayed(url) }, { maxConnections: 4 });
});

afterEach(async () => {
  await relayed.close();
  await relay.close();
  await test.close();
});

const instance = () => createApp({ database: relayed, config: {}, log: collectingLog() });
type App = ReturnType<typeof instance>;

const list = (app: App) =>
  post(app, procedures.listScimConfigurations.path, { pagination: { pageSize: 10 } });
const create = (app: App, name: string) =>
  post(app, procedures.createScimConfiguration.path, { organizationId, ssoConfigurationId, name });

/** Polls until `ok` holds (bounded: the health cache and the pool take about a second). */
async function eventually(check: () => Promise<boolean>, attempts = 60): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`still not so after ${attempts} attempts`);
}

async function expectUnavailable(response: Response) {
  expect(await readError(response)).toEqual({
    status: 503,
    code: 'unavailable',
    message: DATABASE_UNAVAILABLE_MESSAGE,
  });
}

/** The SCIM endpoint as an identity provider calls it. */
const scimUsers = (app: App, token: string) =>
  app.request('/scim/v2/Users?count=1', { headers: { authorization: `Bearer ${token}` } });

async function health(app: App) {
  const response = await app.request('/healthz');
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('a lost database connection', () => {
  it('answers unavailable while the server is gone, and recovers when it returns', {
    timeout: 60_000,
  }, async () => {
    const app = instance();
    expect((await list(app)).status).toBe(200);
    expect((await health(app)).status).toBe(200);
    const created = await create(app, 'before the cut');
    const { token } = (await created.json()) as { token: string };
    expect((await scimUsers(app, token)).status).toBe(200);

    relay.sever();
    // Authentication reads the database first: the pooled connections are gone, new ones refused.
    await expectUnavailable(await list(app));
    await expectUnavailable(await create(app, 'during the cut'));
    const refused = await scimUsers(app, token);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('content-type')).toMatch(/^application\/scim\+json/);
    expect(await refused.json()).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '503',
      detail: DATABASE_UNAVAILABLE_MESSAGE,
    });
    await eventually(async () => (await health(app)).status === 503);
    expect((await health(app)).body).toEqual({
      status: 'unavailable',
      mode: 'local',
      reason: expect.stringMatching(/^the database is unreachable: /),
    });

    relay.restore();
    await eventually(async () => (await list(app)).status === 200);
    expect((await create(app, 'after the cut')).status).toBe(200);
    expect((await scimUsers(app, token)).status).toBe(200);
    await eventually(async () => (await health(app)).status === 200);
    const names = await relayed.db
      .selectFrom('scim_configurations')
      .select('name')
      .where('name', 'in', ['during the cut', 'after the cut'])
      .execute();
    expect(names.map((row) => row.name)).toEqual(['after the cut']);
  });

  it('answers unavailable, never hangs, when the network drops packets silently', {
    // Without the pool's connect and read timeouts these requests would wait forever.
    timeout: 60_000,
  }, async () => {
    const app = instance();
    expect((await list(app)).status).toBe(200);

    relay.blackhole();
    // One request on a pooled connection (read timeout), one that needs a new connection.
    const answers = await Promise.all([list(app), list(app), list(app), list(app), list(app)]);
    for (const answer of answers) await expectUnavailable(answer);
    await eventually(async () => (await health(app)).status === 503, 200);

    relay.restore();
    await eventually(async () => (await list(app)).status === 200, 200);
    await eventually(async () => (await health(app)).status === 200);
  });

  it('answers a terminated connection (57P01) as unavailable, and replaces it', {
    timeout: 30_000,
  }, async () => {
    const app = instance();
    expect((await list(app)).status).toBe(200);
    // As an administrator or a server restart does: every other backend of the database is ended.
    await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid()`.execute(test.database.db);
    for (let attempt = 0; attempt < 5; attempt++) {
      const response = await list(app);
      if (response.status !== 200) await expectUnavailable(response);
    }
    await eventually(async () => (await list(app)).status === 200, 30);
  });
});
