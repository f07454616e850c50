// `npx tsx scripts/robustness-probe.ts`: replays, in small bounded form and on loopback only, the
// attacks of the robustness review against a freshly spawned backend and prints one figure per
// finding. Run it before and after a change to compare. PROBE_ONLY=1,4,… runs some of them.
// DATABASE_URL=postgres://… runs the backends on PostgreSQL instead (a fresh database each,
// created on that server and dropped afterwards); the probes that inspect SQLite files say so.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { type DatabaseTarget, openDatabase } from '../server/db/database.ts';
import { createStorage } from '../server/repositories/repositories.ts';
import { postgresUrlFor } from '../server/testing/postgres-cluster.ts';
import { seedScimUsers } from '../server/testing/scim/seed-scim-users.ts';

const only = process.env.PROBE_ONLY?.split(',').map((item) => item.trim());
const dir = mkdtempSync(join(tmpdir(), 'scim-admin-probe-'));
const adminA = `probe-admin-a-${process.pid}`;
const adminB = `probe-admin-b-${process.pid}`;
const figures: string[] = [];
const report = (item: string, line: string) => {
  figures.push(`${item}: ${line}`);
  process.stdout.write(`${item}: ${line}\n`);
};

writeFileSync(
  join(dir, 'seed.json'),
  JSON.stringify({
    organizations: [
      {
        name: 'Probe A',
        ssoConfigurations: [{ displayName: 'Okta', issuerUrl: 'https://a.okta.example' }],
        members: [{ name: 'A', email: 'a@a.test', role: 'ORGANIZATION_ROLE_ADMIN', token: adminA }],
      },
      {
        name: 'Probe B',
        ssoConfigurations: [{ displayName: 'Okta', issuerUrl: 'https://b.okta.example' }],
        members: [{ name: 'B', email: 'b@b.test', role: 'ORGANIZATION_ROLE_ADMIN', token: adminB }],
      },
    ],
  }),
);

const postgresUrl = process.env.DATABASE_URL?.startsWith('postgres')
  ? process.env.DATABASE_URL
  : '';
const createdDatabases: string[] = [];

/** Where backend `name` keeps its data: a SQLite file, or a fresh database on DATABASE_URL. */
async function databaseFor(name: string): Promise<DatabaseTarget> {
  if (!postgresUrl) return { kind: 'sqlite', path: join(dir, `${name}.sqlite`) };
  const database = `probe_${name}_${process.pid}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${database}`);
    await admin.query(`CREATE DATABASE ${database}`);
  } finally {
    await admin.end();
  }
  createdDatabases.push(database);
  return { kind: 'postgres', url: postgresUrlFor(postgresUrl, database) };
}

async function dropCreatedDatabases(): Promise<void> {
  if (!postgresUrl || createdDatabases.length === 0) return;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  try {
    for (const name of createdDatabases)
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** Preloaded into a spawned backend: SIGUSR2 prints its longest event-loop delay since the last. */
const loopMonitor = `data:text/javascript,${encodeURIComponent(
  "import{monitorEventLoopDelay}from'node:perf_hooks';const h=monitorEventLoopDelay({resolution:5});h.enable();process.on('SIGUSR2',()=>{process.stderr.write('loop-max-ms='+(h.max/1e6).toFixed(1)+'\\n');h.reset();});",
)}`;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(
  base: string,
  method: string,
  path: string,
  options: {
    token?: string;
    body?: string | Buffer;
    contentType?: string;
    agent?: Agent;
    localAddress?: string;
  } = {},
): Promise<Answer> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) {
      headers['content-type'] = options.contentType ?? 'application/json';
      headers['content-length'] = String(Buffer.byteLength(options.body));
    }
    const req = request(
      url,
      {
        method,
        headers,
        ...(options.agent && { agent: options.agent }),
        ...(options.localAddress && { localAddress: options.localAddress }),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const rpc = (base: string, token: string, method: string, body: unknown) =>
  send(base, 'POST', `/api/${method}`, { token, body: JSON.stringify(body) });

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  return address && typeof address === 'object' ? address.port : 0;
}

interface Backend {
  url: string;
  database: DatabaseTarget;
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

async function startBackend(
  name: string,
  env: Record<string, string> = {},
  command: string[] = ['--import', 'tsx', 'server/index.ts'],
): Promise<Backend> {
  const port = await freePort();
  const database = await databaseFor(name);
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn(process.execPath, command, {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      ...(database.kind === 'sqlite'
        ? { DATABASE_PATH: database.path }
        : { DATABASE_URL: database.url }),
      SEED_FILE: join(dir, 'seed.json'),
      LOG_LEVEL: 'info',
      STATIC_DIR: join(dir, 'no-static'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`backend exited early:\n${output}`);
    try {
      if ((await fetch(`${url}/healthz`)).status < 600) break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    url,
    database,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await once(child, 'exit');
    },
  };
}

async function scimConfiguration(
  base: string,
  admin: string,
): Promise<{ id: string; token: string }> {
  const identity = JSON.parse(
    (await rpc(base, admin, 'gitpod.v1.IdentityService/GetAuthenticatedIdentity', {})).body,
  ) as { organizationId: string };
  const sso = JSON.parse(
    (
      await rpc(base, admin, 'gitpod.v1.OrganizationService/ListSSOConfigurations', {
        organizationId: identity.organizationId,
      })
    ).body,
  ) as { ssoConfigurations: { id: string; organizationId: string }[] };
  const first = sso.ssoConfigurations[0];
  if (!first) throw new Error('no SSO configuration');
  const created = JSON.parse(
    (
      await rpc(base, admin, 'gitpod.v1.OrganizationService/CreateSCIMConfiguration', {
        organizationId: first.organizationId,
        ssoConfigurationId: first.id,
      })
    ).body,
  ) as { token: string; scimConfiguration: { id: string } };
  return { id: created.scimConfiguration.id, token: created.token };
}

/**
 * The database's size (SQLite: the file once its WAL is folded in), read through the server's
 * own opener.
 */
async function storageBytes(target: DatabaseTarget): Promise<number> {
  const database = openDatabase(target);
  try {
    if (database.kind === 'postgres') {
      const { rows } = await sql<{
        size: number;
      }>`SELECT pg_database_size(current_database()) AS size`.execute(database.db);
      return Number(rows[0]?.size ?? 0);
    }
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(database.db);
    const pragma = async (name: 'page_count' | 'page_size') => {
      const { rows } = await sql<Record<string, number>>`PRAGMA ${sql.raw(name)}`.execute(
        database.db,
      );
      return Number(rows[0]?.[name] ?? 0);
    };
    return (await pragma('page_count')) * (await pragma('page_size'));
  } finally {
    await database.close();
  }
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(2)} MiB`;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await run();
  return [value, performance.now() - started];
}

const probes: Record<string, () => Promise<void>> = {
  // 1. One user grown by PATCH add on emails, none of the bodies over 1 MiB.
  async '1'() {
    const b = await startBackend('p1', { LOG_LEVEL: 'error' });
    try {
      const { token } = await scimConfiguration(b.url, adminA);
      const scim = (method: string, path: string, body?: unknown) =>
        send(b.url, method, `/scim/v2${path}`, {
          token,
          ...(body !== undefined && {
            body: JSON.stringify(body),
            contentType: 'application/scim+json',
          }),
        });
      const user = JSON.parse(
        (await scim('POST', '/Users', { schemas: [USER], userName: 'grow' })).body,
      );
      const emails = (round: number) =>
        Array.from({ length: 200 }, (_, index) => ({
          value: `${'x'.repeat(4000)}${round}-${index}@grow.test`,
        }));
      let accepted = 0;
      const rounds = 40;
      let lastStatus = 0;
      for (let round = 0; round < rounds; round += 1) {
        const answer = await scim('PATCH', `/Users/${user.id}`, {
          schemas: [PATCH],
          Operations: [{ op: 'add', path: 'emails', value: emails(round) }],
        });
        lastStatus = answer.status;
        if (answer.status === 200) accepted += 1;
      }
      const [list, listMs] = await timed(() => scim('GET', '/Users?count=200'));
      const [health, healthMs] = await timed(() => send(b.url, 'GET', '/healthz'));
      report(
        '1 growth',
        `${accepted}/${rounds} PATCHes of 200 × 4 KB emails accepted (last ${lastStatus}); database ${mib(await storageBytes(b.database))}; GET /Users?count=200 ${list.status} in ${listMs.toFixed(0)} ms, ${kib(list.body.length)}; /healthz ${health.status} in ${healthMs.toFixed(0)} ms`,
      );
    } finally {
      await b.stop();
    }
  },

  // 2. Requests with a known but disabled token.
  async '2'() {
    const b = await startBackend('p2', { LOG_LEVEL: 'error' });
    try {
      const { id, token } = await scimConfiguration(b.url, adminA);
      await rpc(b.url, adminA, 'gitpod.v1.OrganizationService/UpdateSCIMConfiguration', {
        scimConfigurationId: id,
        enabled: false,
      });
      const before = await storageBytes(b.database);
      const total = 10_000;
      let sent = 0;
      let refused = 0;
      // 25 requests per source address (127.0.x.y, all loopback): under the failed-authentication
      // throttle's 30 a minute, so every request reaches the activity counters.
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          while (sent < total) {
            const group = Math.floor(sent / 25);
            sent += 1;
            const localAddress = `127.0.${Math.floor(group / 250)}.${(group % 250) + 1}`;
            const answer = await send(b.url, 'GET', '/scim/v2/Users', { token, localAddress });
            if (answer.status === 401) refused += 1;
          }
        }),
      );
      const after = await storageBytes(b.database);
      report(
        '2 request log',
        `${total} requests with a disabled token (${refused} × 401) grew storage by ${kib(after - before)}`,
      );
    } finally {
      await b.stop();
    }
  },

  // 3. The database cannot be written: a read-only file.
  async '3'() {
    const b = await startBackend('p3', { LOG_LEVEL: 'error' });
    let token: string;
    try {
      token = (await scimConfiguration(b.url, adminA)).token;
    } finally {
      await b.stop();
    }
    if (b.database.kind === 'postgres') {
      // New sessions start read-only (what a server in recovery or a full disk does to writes).
      const admin = new pg.Client({ connectionString: b.database.url });
      await admin.connect();
      const name = new URL(b.database.url).pathname.slice(1);
      await admin.query(`ALTER DATABASE ${name} SET default_transaction_read_only = on`);
      await admin.end();
    }
    // In-process on the same file, with every write refused (what a full disk does to SQLite).
    const { createApp } = await import('../server/app.ts');
    const { silentLog } = await import('../server/log.ts');
    const database = openDatabase(b.database);
    // One connection on SQLite, so the pragma holds for every statement the app runs.
    if (database.kind === 'sqlite') await sql`PRAGMA query_only = ON`.execute(database.db);
    // createApp mounts the SCIM endpoint itself on the database it is given.
    const app = createApp({ database, config: {}, log: silentLog });
    try {
      const users = await app.request('/scim/v2/Users', {
        headers: { authorization: `Bearer ${token}` },
      });
      const health = await app.request('/healthz');
      report(
        '3 health',
        `database refusing writes: GET /scim/v2/Users ${users.status}, /healthz ${health.status} ${await health.text()}`,
      );
    } finally {
      await database.close();
    }
  },

  // 4. SIGTERM / SIGINT to `npm start`.
  async '4'() {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const npm = process.env.npm_execpath ?? '/usr/lib/node_modules/npm/bin/npm-cli.js';
      const b = await startBackend('p4', { LOG_LEVEL: 'error' }, [npm, 'start']);
      const started = performance.now();
      b.child.kill(signal);
      let freed = -1;
      while (performance.now() - started < 10_000) {
        try {
          await fetch(`${b.url}/healthz`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        } catch {
          freed = performance.now() - started;
          break;
        }
      }
      const code =
        b.child.exitCode ??
        (await Promise.race([
          once(b.child, 'exit'),
          new Promise((r) => setTimeout(() => r(['timeout']), 2000)),
        ]));
      report(
        `4 npm start ${signal}`,
        freed < 0
          ? 'the server still answers 10 s later'
          : `port freed after ${freed.toFixed(0)} ms; npm exited with ${JSON.stringify(code)}`,
      );
      // Whatever survived (the server this probe started): stop it by its pid.
      const survivor = /pid=(\d+)/.exec(
        execFileSync('ss', ['-ltnpH', `sport = :${new URL(b.url).port}`]).toString(),
      )?.[1];
      if (survivor) process.kill(Number(survivor), 'SIGKILL');
      await b.stop();
    }
  },

  // 5. SIGTERM to the server with a request in flight and an idle keep-alive connection.
  async '5'() {
    const b = await startBackend('p5', { LOG_LEVEL: 'error' });
    const { token } = await scimConfiguration(b.url, adminA);
    const agent = new Agent({ keepAlive: true, maxSockets: 2 });
    await send(b.url, 'GET', '/healthz', { agent });
    // An upload in flight: headers sent, the body still coming.
    const inFlight = new Promise<string>((resolve) => {
      const req = request(`${b.url}/scim/v2/Users`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/scim+json',
          'content-length': '58',
        },
      });
      req.on('response', (res) => resolve(`answered ${res.statusCode}`));
      req.on('error', (error: NodeJS.ErrnoException) => resolve(`failed ${error.code}`));
      req.write('{"schemas":');
      setTimeout(() => req.end(`["${USER}"]}`), 300);
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    b.child.kill('SIGTERM');
    const [outcome] = await Promise.all([inFlight]);
    await once(b.child, 'exit').catch(() => undefined);
    const exitMs = performance.now() - started;
    report(
      '5 shutdown',
      `in-flight request ${outcome}; exit code ${b.child.exitCode} after ${exitMs.toFixed(0)} ms`,
    );
    agent.destroy();
    await b.stop();
  },

  // 6. A 413 on /scim/v2, then the next request on the same keep-alive connection.
  async '6'() {
    const b = await startBackend('p6', { LOG_LEVEL: 'error' });
    try {
      const { token } = await scimConfiguration(b.url, adminA);
      let broken = 0;
      const rounds = 20;
      for (let round = 0; round < rounds; round += 1) {
        const agent = new Agent({ keepAlive: true, maxSockets: 1 });
        const big = Buffer.alloc(2 * 1024 * 1024, 'a');
        const first = await send(b.url, 'POST', '/scim/v2/Users', {
          token,
          body: big,
          contentType: 'application/scim+json',
          agent,
        }).catch((error: NodeJS.ErrnoException) => ({ status: error.code }));
        const next = await send(b.url, 'GET', '/scim/v2/ServiceProviderConfig', {
          token,
          agent,
        }).catch(() => undefined);
        if (next?.status !== 200 || first.status !== 413) broken += 1;
        agent.destroy();
      }
      report('6 413 keep-alive', `${broken}/${rounds} rounds: the request after a 413 failed`);
    } finally {
      await b.stop();
    }
  },

  // 7. 2,000 rapid updates of one configuration, through the service (over 1,000 a second).
  async '7'() {
    const { createTestBackend } = await import('../server/testing/test-backend.ts');
    const { createServiceContext } = await import('../server/app.ts');
    const { updateScimConfiguration } = await import(
      '../server/services/scim-configuration-service.ts'
    );
    const backend = await createTestBackend();
    try {
      const created = await backend.call('createScimConfiguration', {
        organizationId: backend.acme.id,
        ssoConfigurationId: backend.acme.okta,
      });
      const id = created.scimConfiguration.id;
      const ctx = createServiceContext(backend.storage, () => new Date());
      const caller = {
        userId: backend.acme.adminId,
        organizationId: backend.acme.id,
        role: 'ORGANIZATION_ROLE_ADMIN' as const,
      };
      let latest = '';
      const started = performance.now();
      for (let round = 0; round < 2000; round += 1) {
        const { scimConfiguration } = await updateScimConfiguration(ctx, caller, {
          scimConfigurationId: id,
          name: `n${round % 7}`,
        });
        latest = scimConfiguration.updatedAt;
      }
      const seconds = (performance.now() - started) / 1000;
      report(
        '7 updatedAt',
        `after 2,000 updates in ${seconds.toFixed(2)} s updatedAt is ${((Date.parse(latest) - Date.now()) / 1000).toFixed(2)} s ahead of the clock`,
      );
    } finally {
      await backend.close();
    }
  },

  // 8. Aborted uploads, invalid UTF-8, and a body that is not JSON by its Content-Type.
  async '8'() {
    const b = await startBackend('p8', {});
    try {
      const { token } = await scimConfiguration(b.url, adminA);
      const port = Number(new URL(b.url).port);
      const linesBefore = b.output().split('\n').length;
      for (let round = 0; round < 200; round += 1) {
        const socket = createConnection(port, '127.0.0.1');
        await once(socket, 'connect');
        socket.write(
          `POST /scim/v2/Users HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/scim+json\r\nContent-Length: 100000\r\n\r\n{"schemas":`,
        );
        await new Promise((resolve) => setTimeout(resolve, 2));
        socket.destroy();
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const logged = b.output().split('\n');
      const lines = logged.length - linesBefore;
      const sample = logged.at(-2) ?? '';
      const invalid = Buffer.concat([
        Buffer.from(`{"schemas":["${USER}"],"userName":"bad`),
        Buffer.from([0xff, 0xfe]),
        Buffer.from('@acme.test"}'),
      ]);
      const utf8 = await send(b.url, 'POST', '/scim/v2/Users', {
        token,
        body: invalid,
        contentType: 'application/scim+json',
      });
      const plain = await send(b.url, 'POST', '/scim/v2/Users', {
        token,
        body: JSON.stringify({ schemas: [USER], userName: 'plain' }),
        contentType: 'text/plain',
      });
      report(
        '8 input',
        `200 aborted uploads gave ${lines} log lines (last: ${sample}); invalid UTF-8 answered ${utf8.status} ${utf8.body.slice(0, 80)}; Content-Type text/plain answered ${plain.status}`,
      );
    } finally {
      await b.stop();
    }
  },

  // 9. TestConnection with another organization's SCIM token.
  async '9'() {
    const b = await startBackend('p9', { LOG_LEVEL: 'error' });
    try {
      const other = await scimConfiguration(b.url, adminB);
      const activity = async () =>
        (
          JSON.parse(
            (
              await rpc(b.url, adminB, 'scimadmin.v1.ProvisioningActivityService/GetActivity', {
                scimConfigurationIds: [other.id],
              })
            ).body,
          ) as { activities: { requestsLast24h?: number }[] }
        ).activities[0]?.requestsLast24h ?? 0;
      const before = await activity();
      const answer = await rpc(
        b.url,
        adminA,
        'scimadmin.v1.ProvisioningActivityService/TestConnection',
        {
          token: other.token,
        },
      );
      const after = await activity();
      report(
        '9 TestConnection',
        `organization A testing B's token answered ${answer.status} ${answer.body.slice(0, 60)}; B's requests went ${before} -> ${after}`,
      );
    } finally {
      await b.stop();
    }
  },

  // 10. Guessing: 200 bad tokens on /api and /scim/v2, then a valid token from 127.0.0.2.
  async '10'() {
    const b = await startBackend('p10', { LOG_LEVEL: 'error' });
    try {
      const { token } = await scimConfiguration(b.url, adminA);
      const agent = new Agent({ keepAlive: true, maxSockets: 4 });
      const statuses = { api: new Map<number, number>(), scim: new Map<number, number>() };
      for (let attempt = 0; attempt < 200; attempt += 1) {
        const api = await send(b.url, 'POST', '/api/gitpod.v1.UserService/GetAuthenticatedUser', {
          token: `ona_pat_guess${attempt}`,
          body: '{}',
          agent,
        });
        statuses.api.set(api.status, (statuses.api.get(api.status) ?? 0) + 1);
        const scim = await send(b.url, 'GET', '/scim/v2/Users', {
          token: `scim_guess${attempt}`,
          agent,
        });
        statuses.scim.set(scim.status, (statuses.scim.get(scim.status) ?? 0) + 1);
      }
      agent.destroy();
      const other = await send(b.url, 'GET', '/scim/v2/Users', {
        token,
        localAddress: '127.0.0.2',
      });
      const format = (counts: Map<number, number>) =>
        [...counts].map(([status, n]) => `${n} × ${status}`).join(', ');
      report(
        '10 throttle',
        `200 bad PATs: ${format(statuses.api)}; 200 bad SCIM tokens: ${format(statuses.scim)}; valid SCIM token from 127.0.0.2: ${other.status}`,
      );
    } finally {
      await b.stop();
    }
  },

  // 1 (members). A group of 50,000 members (40,000 seeded, 10,000 added by one PATCH) read whole,
  // listed on a page of groups, and rewritten by PUT, PATCH replace and a filter-path remove,
  // while /healthz is polled one request at a time. The backend reports its longest event-loop
  // turn around each operation (SIGUSR2, see loopMonitor).
  async members() {
    const b = await startBackend('pm', {
      LOG_LEVEL: 'error',
      NODE_OPTIONS: `--import=${loopMonitor}`,
    });
    try {
      const { id: configurationId, token } = await scimConfiguration(b.url, adminA);
      const database = openDatabase(b.database, { statementTimeoutMs: 0 });
      const storage = createStorage(database);
      const { organization_id: organizationId } = await database.db
        .selectFrom('scim_configurations')
        .select('organization_id')
        .where('id', '=', configurationId)
        .executeTakeFirstOrThrow();
      const users = await seedScimUsers(storage, organizationId, 50_000, { prefix: 'probe' });
      const scim = (method: string, path: string, body?: unknown) =>
        send(b.url, method, `/scim/v2${path}`, {
          token,
          ...(body !== undefined && {
            body: JSON.stringify(body),
            contentType: 'application/scim+json',
          }),
        });
      const groupId = (
        JSON.parse(
          (await scim('POST', '/Groups', { schemas: [GROUP], displayName: 'Everyone' })).body,
        ) as { id: string }
      ).id;
      for (let index = 0; index < 20; index += 1) {
        await scim('POST', '/Groups', { schemas: [GROUP], displayName: `Team ${index}` });
      }
      await storage.repos.scimGroupMembers.add(groupId, users.slice(0, 40_000));
      // Planner statistics, as autovacuum would have them after a real sync of this size.
      if (database.kind === 'postgres') await sql`ANALYZE`.execute(database.db);
      await database.close();
      const loopMax = async () => {
        const before = b.output().length;
        b.child.kill('SIGUSR2');
        for (let wait = 0; wait < 100; wait += 1) {
          const found = /loop-max-ms=([\d.]+)/.exec(b.output().slice(before));
          if (found) return Number(found[1]);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        return Number.NaN;
      };
      const percentile = (sorted: number[], p: number) =>
        sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
      // `alone`: a read, also timed five times more with nothing else running (the median).
      const whilePolling = async (label: string, run: () => Promise<Answer>, alone = false) => {
        await loopMax();
        let done = false;
        const polls: number[] = [];
        const poll = (async () => {
          while (!done) {
            const [, ms] = await timed(() => send(b.url, 'GET', '/healthz'));
            polls.push(ms);
          }
        })();
        const [answer, ms] = await timed(run);
        done = true;
        await poll;
        const turn = await loopMax();
        polls.sort((x, y) => x - y);
        const alones: number[] = [];
        for (let round = 0; alone && round < 5; round += 1) alones.push((await timed(run))[1]);
        alones.sort((x, y) => x - y);
        report(
          `1 members ${label}`,
          `${answer.status}, ${(answer.body.length / 1e6).toFixed(1)} MB in ${Math.round(ms)} ms${alone ? ` (alone: median ${percentile(alones, 50).toFixed(0)} ms of 5)` : ''}; longest event-loop turn ${turn.toFixed(0)} ms; /healthz meanwhile p50 ${percentile(polls, 50).toFixed(1)} ms, p99 ${percentile(polls, 99).toFixed(1)} ms, max ${Math.round(polls.at(-1) ?? 0)} ms (${polls.length} polls)`,
        );
      };
      const patch = (...Operations: unknown[]) =>
        scim('PATCH', `/Groups/${groupId}?excludedAttributes=members`, {
          schemas: [PATCH],
          Operations,
        });
      const members = (ids: string[]) => ids.map((value) => ({ value }));
      report('1 members', `on ${b.database.kind}`);
      // Filters no index serves: the database scans the organization's 50,000 users.
      await whilePolling(
        'GET /Users filter name.givenName co (scan of 50,000)',
        () =>
          scim(
            'GET',
            `/Users?count=100&filter=${encodeURIComponent('name.givenName co "nobody"')}`,
          ),
        true,
      );
      await whilePolling(
        'GET /Users filter userName co (scan of 50,000)',
        () => scim('GET', `/Users?count=100&filter=${encodeURIComponent('userName co "49999"')}`),
        true,
      );
      await whilePolling(
        'GET /Users filter userName co matching all, startIndex 25,001',
        () =>
          scim(
            'GET',
            `/Users?startIndex=25001&count=100&filter=${encodeURIComponent('userName co "@"')}`,
          ),
        true,
      );
      // A filter an index serves (one statement), and none (the list-order index, in ranges).
      await whilePolling(
        'GET /Users filter userName eq',
        () =>
          scim(
            'GET',
            `/Users?filter=${encodeURIComponent(`userName eq "${users[49_999]}@many.test"`)}`,
          ),
        true,
      );
      await whilePolling(
        'GET /Users no filter, startIndex 49,901',
        () => scim('GET', '/Users?startIndex=49901&count=100'),
        true,
      );
      await whilePolling('PATCH add 10,000 to 40,000', () =>
        patch({ op: 'add', path: 'members', value: members(users.slice(40_000)) }),
      );
      await whilePolling('GET one group of 50,000', () => scim('GET', `/Groups/${groupId}`));
      await whilePolling('GET /Groups (a page holding it)', () => scim('GET', '/Groups'));
      await whilePolling('GET /Groups excludedAttributes=members', () =>
        scim('GET', '/Groups?excludedAttributes=members'),
      );
      await whilePolling('GET /Groups filter members.value', () =>
        scim(
          'GET',
          `/Groups?filter=${encodeURIComponent(`members[value eq "${users[49_999]}"]`)}&excludedAttributes=members`,
        ),
      );
      await whilePolling('PATCH remove members[value eq]', () =>
        patch({ op: 'remove', path: `members[value eq "${users[0]}"]` }),
      );
      // The general form (a filter on another sub-attribute) is refused over 10,000 members.
      await whilePolling(
        'PATCH remove members[display eq] (general form: tooMany over 10,000)',
        () => patch({ op: 'remove', path: 'members[display eq "nobody"]' }),
      );
      await whilePolling('PATCH replace members (50,000 -> 10,000)', () =>
        patch({ op: 'replace', path: 'members', value: members(users.slice(0, 10_000)) }),
      );
      await whilePolling('PATCH add back 40,000 (4 × 10,000)', async () => {
        let last: Answer | undefined;
        for (let from = 10_000; from < 50_000; from += 10_000) {
          last = await patch({
            op: 'add',
            path: 'members',
            value: members(users.slice(from, from + 10_000)),
          });
        }
        return last ?? { status: 0, headers: {}, body: '' };
      });
      await whilePolling('PUT (50,000 -> 1,000)', () =>
        scim('PUT', `/Groups/${groupId}?excludedAttributes=members`, {
          schemas: [GROUP],
          displayName: 'Everyone',
          members: members(users.slice(0, 1000)),
        }),
      );
    } finally {
      await b.stop();
    }
  },

  // Also: logged paths, security headers, source maps, proxy paths.
  async also() {
    const b = await startBackend('pa', {});
    try {
      await send(b.url, 'GET', '/scim/v2/Users/scim_secretlooking0123456789');
      await send(b.url, 'GET', '/api/ona_pat_secretlooking0123456789');
      await new Promise((resolve) => setTimeout(resolve, 400));
      const leaked = (b.output().match(/scim_secretlooking|ona_pat_secretlooking/g) ?? []).length;
      const health = await send(b.url, 'GET', '/healthz');
      const headers = [
        'permissions-policy',
        'cross-origin-opener-policy',
        'cross-origin-resource-policy',
      ]
        .map((name) => `${name}: ${health.headers[name] ?? '(none)'}`)
        .join('; ');
      report('also', `token-shaped path segments in the log: ${leaked}; ${headers}`);
    } finally {
      await b.stop();
    }
  },
};

try {
  for (const [name, probe] of Object.entries(probes)) {
    if (only && !only.includes(name)) continue;
    try {
      await probe();
    } catch (error) {
      report(
        name,
        `probe failed: ${error instanceof Error ? (error.stack ?? error.message) : error}`,
      );
    }
  }
} finally {
  await dropCreatedDatabases();
  rmSync(dir, { recursive: true, force: true });
}
