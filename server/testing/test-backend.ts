// An in-process backend on a real database (the test project's SQLite or PostgreSQL), seeded with
// two organizations.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import type * as z from 'zod/mini';
import { type ConnectCode, isConnectCode } from '../../contracts/connect.ts';
import { type ProcedureName, procedures } from '../../contracts/procedures.ts';
import { type AppConfig, type AppDeps, createApp } from '../app.ts';
import { type SeedSpec, seedOrganizations } from '../db/seed.ts';
import type { LogSink } from '../log.ts';
import { createStorage } from '../repositories/repositories.ts';
import { ensurePageTokenSecret } from '../services/page-tokens.ts';
import { createTestDatabase } from './test-database.ts';

export const tokens = {
  acmeAdmin: 'test-acme-admin-token',
  acmeMember: 'test-acme-member-token',
  acmeExpired: 'test-acme-expired-token',
  globexAdmin: 'test-globex-admin-token',
} as const;

export const testSeed: SeedSpec = {
  organizations: [
    {
      name: 'Acme Corp',
      ssoConfigurations: [
        { displayName: 'Okta', issuerUrl: 'https://acme.okta.com' },
        { displayName: 'Entra', issuerUrl: 'https://login.microsoftonline.com/acme' },
        { issuerUrl: 'https://accounts.google.com', state: 'SSO_CONFIGURATION_STATE_INACTIVE' },
      ],
      members: [
        {
          name: 'Ada Admin',
          email: 'ada@acme.test',
          role: 'ORGANIZATION_ROLE_ADMIN',
          token: tokens.acmeAdmin,
        },
        {
          name: 'Max Member',
          email: 'max@acme.test',
          role: 'ORGANIZATION_ROLE_MEMBER',
          token: tokens.acmeMember,
        },
        {
          name: 'Eve Expired',
          email: 'eve@acme.test',
          role: 'ORGANIZATION_ROLE_ADMIN',
          token: tokens.acmeExpired,
          tokenExpiresAt: '2020-01-01T00:00:00.000Z',
        },
      ],
    },
    {
      name: 'Globex',
      ssoConfigurations: [{ displayName: 'Globex Okta', issuerUrl: 'https://globex.okta.com' }],
      members: [
        {
          name: 'Hank',
          email: 'hank@globex.test',
          role: 'ORGANIZATION_ROLE_ADMIN',
          token: tokens.globexAdmin,
        },
      ],
    },
  ],
};

export interface CallOptions {
  /** null: no Authorization header. Default: the Acme admin. */
  token?: string | null;
  query?: string;
  headers?: Record<string, string>;
}

export interface ErrorAnswer {
  status: number;
  code: ConnectCode;
  message: string;
}

export function collectingLog(): LogSink & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (line) => lines.push(line), error: (line) => lines.push(line) };
}

export function tempDir(prefix = 'scim-admin-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** POSTs a Connect request to `app` and returns the raw Response. */
export function post(
  app: Hono,
  path: string,
  body: unknown,
  options: CallOptions = {},
): Promise<Response> {
  const token = options.token === undefined ? tokens.acmeAdmin : options.token;
  return Promise.resolve(
    app.request(`/api/${path}${options.query ?? ''}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token !== null && { authorization: `Bearer ${token}` }),
        ...options.headers,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}

export async function readError(response: Response): Promise<ErrorAnswer> {
  const body = (await response.json()) as { code?: unknown; message?: unknown };
  if (!isConnectCode(body.code)) throw new Error(`not a Connect error: ${JSON.stringify(body)}`);
  return {
    status: response.status,
    code: body.code,
    message: typeof body.message === 'string' ? body.message : '',
  };
}

export interface TestBackendOptions {
  config?: AppConfig;
  now?: () => Date;
  log?: LogSink;
  dir?: string;
  /**
   * `fetch` is what the connection test uses for a configured SCIM_BASE_URL. (The SCIM 2.0
   * endpoint and the activity service are always served, as createApp builds them.)
   */
  scim?: boolean | { fetch?: typeof fetch };
  onDirectAnswer?: (path: string) => void;
}

export async function createTestBackend(options: TestBackendOptions = {}) {
  const test = await createTestDatabase(options.dir === undefined ? {} : { dir: options.dir });
  const { database } = test;
  const storage = createStorage(database);
  const [acme, globex] = await seedOrganizations(storage, testSeed);
  // As server/index.ts does at start-up.
  await ensurePageTokenSecret(storage.repos.settings);
  if (!acme || !globex) throw new Error('seed failed');
  const log = options.log ?? collectingLog();
  const deps: AppDeps = { database, config: options.config ?? {}, log };
  if (options.now) deps.now = options.now;
  if (typeof options.scim === 'object' && options.scim.fetch) deps.fetch = options.scim.fetch;
  if (options.onDirectAnswer) deps.onDirectAnswer = options.onDirectAnswer;
  const app = createApp(deps);

  /** Calls a procedure, expects 200 and parses the answer with the contract's response schema. */
  async function call<P extends ProcedureName>(
    name: P,
    body: unknown,
    callOptions?: CallOptions,
  ): Promise<z.output<(typeof procedures)[P]['response']>> {
    const procedure = procedures[name];
    const response = await post(app, procedure.path, body, callOptions);
    const text = await response.text();
    if (response.status !== 200) {
      throw new Error(`${procedure.path} answered ${response.status}: ${text}`);
    }
    return procedure.response.parse(JSON.parse(text)) as z.output<
      (typeof procedures)[P]['response']
    >;
  }

  /** Calls a procedure and returns its raw JSON (to check what is on the wire). */
  async function raw(name: ProcedureName, body: unknown, callOptions?: CallOptions) {
    const response = await post(app, procedures[name].path, body, callOptions);
    return { status: response.status, json: (await response.json()) as unknown };
  }

  async function fail(
    name: ProcedureName,
    body: unknown,
    callOptions?: CallOptions,
  ): Promise<ErrorAnswer> {
    const response = await post(app, procedures[name].path, body, callOptions);
    if (response.status === 200) {
      throw new Error(`${name} succeeded unexpectedly: ${await response.text()}`);
    }
    return readError(response);
  }

  return {
    app,
    database,
    /** What a spawned server needs to open this database (DATABASE_PATH or DATABASE_URL). */
    env: test.env,
    /** The SQLite file ('' on PostgreSQL). */
    dbPath: test.env.DATABASE_PATH ?? '',
    repos: storage.repos,
    storage,
    log,
    acme: {
      id: acme.id,
      adminId: acme.memberIds[0] ?? '',
      memberId: acme.memberIds[1] ?? '',
      okta: acme.ssoConfigurationIds[0] ?? '',
      entra: acme.ssoConfigurationIds[1] ?? '',
      inactive: acme.ssoConfigurationIds[2] ?? '',
    },
    globex: {
      id: globex.id,
      adminId: globex.memberIds[0] ?? '',
      sso: globex.ssoConfigurationIds[0] ?? '',
    },
    call,
    raw,
    fail,
    close: () => test.close(),
  };
}
export type TestBackend = Awaited<ReturnType<typeof createTestBackend>>;
