// The SCIM endpoint as an identity provider's initial sync uses it: POST /Users sustained, then
// the lookups it makes before each write (userName eq, GET by id) at 1,000 and at 100,000 users.
import { Agent, request } from 'node:http';
import type { Database } from '../../server/db/database.ts';
import { refreshStatistics } from '../../server/db/startup.ts';
import { type LoadResult, runLoad } from './load.ts';
import { rpc } from './rpc.ts';

export interface LookupFigures {
  users: number;
  /** p50 of sequential requests, measured here with sub-millisecond resolution. */
  filterP50Ms: number;
  getP50Ms: number;
}

export interface ScimFigures {
  create: LoadResult;
  createdUsers: number;
  lookups: [LookupFigures, LookupFigures];
  /** How long inserting the users from 1,000 to 100,000 took (straight into the database). */
  seedSeconds: number;
}

const SCIM_JSON = 'application/scim+json';
export const LOOKUP_SIZES = [1_000, 100_000] as const;
const LOOKUP_REQUESTS = 2_000;
const BATCH = 1_000;

/** A SCIM token of a new configuration of the admin's organization, minted through the API. */
async function mintScimToken(url: string, adminToken: string): Promise<string> {
  const org = 'gitpod.v1.OrganizationService';
  const { organizationId } = await rpc<{ organizationId: string }>(
    url,
    adminToken,
    'gitpod.v1.IdentityService/GetAuthenticatedIdentity',
    {},
  );
  const { ssoConfigurations } = await rpc<{ ssoConfigurations: { id: string }[] }>(
    url,
    adminToken,
    `${org}/ListSSOConfigurations`,
    { organizationId },
  );
  const { token } = await rpc<{ token: string }>(
    url,
    adminToken,
    `${org}/CreateSCIMConfiguration`,
    {
      organizationId,
      ssoConfigurationId: ssoConfigurations[0]?.id,
      name: 'Initial sync',
    },
  );
  return token;
}

/** Whether this backend serves the SCIM endpoint at all (it may not on every database yet). */
export async function servesScim(url: string): Promise<boolean> {
  const response = await fetch(`${url}/scim/v2/ServiceProviderConfig`);
  await response.body?.cancel();
  return (response.headers.get('content-type') ?? '').includes('json');
}

const userName = (organization: string, index: number) =>
  `${organization}-${String(index).padStart(6, '0')}@sync.test`;

/**
 * Provisioned users straight into the database, one INSERT per table and batch: the endpoint would
 * take minutes to create 100,000 one POST at a time. Rows as the endpoint writes them.
 */
async function insertUsers(
  database: Database,
  organizationId: string,
  from: number,
  to: number,
): Promise<void> {
  for (let start = from; start < to; start += BATCH) {
    const indexes = Array.from({ length: Math.min(BATCH, to - start) }, (_, i) => start + i);
    const rows = indexes.map((index) => {
      const name = userName('lookup', index);
      const at = new Date(Date.UTC(2026, 0, 1) + index).toISOString();
      const attributes = {
        userName: name,
        name: { givenName: 'User', familyName: String(index) },
        emails: [{ value: name, type: 'work', primary: true }],
        active: true,
      };
      return {
        id: `00000000-0000-7000-8000-${String(index).padStart(12, '0')}`,
        name,
        at,
        attributes,
      };
    });
    await database.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('users')
        .values(
          rows.map((row) => ({
            id: row.id,
            organization_id: organizationId,
            name: `User ${row.name}`,
            email: row.name,
            role: 'ORGANIZATION_ROLE_MEMBER' as const,
            created_at: row.at,
          })),
        )
        .execute();
      await trx
        .insertInto('scim_users')
        .values(
          rows.map((row) => ({
            user_id: row.id,
            organization_id: organizationId,
            user_name: row.name,
            user_name_key: row.name.toLowerCase(),
            attributes: JSON.stringify(row.attributes),
            created_at: row.at,
            updated_at: row.at,
          })),
        )
        .execute();
    });
  }
  // As an operator would after a bulk load: the lookups then plan as on a grown database.
  await refreshStatistics(database);
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

/** One GET over a kept-alive connection; resolves with its latency in ms. */
function timedGet(url: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const call = request(url, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode !== 200) reject(new Error(`${url} answered ${res.statusCode}`));
        else resolve(performance.now() - started);
      });
    });
    call.on('error', reject);
    call.end();
  });
}

async function p50(urls: string[], token: string): Promise<number> {
  // Warm-up: connection, caches, JIT.
  for (let i = 0; i < 500; i++) await timedGet(urls[i % urls.length] as string, token);
  const latencies: number[] = [];
  for (let i = 0; i < LOOKUP_REQUESTS; i++) {
    latencies.push(await timedGet(urls[i % urls.length] as string, token));
  }
  latencies.sort((a, b) => a - b);
  return latencies[Math.floor(latencies.length / 2)] ?? Number.NaN;
}

async function lookups(
  url: string,
  token: string,
  database: Database,
  organizationId: string,
  users: number,
): Promise<LookupFigures> {
  // 200 users spread over the whole population, so no lookup is only the newest rows.
  const picks = Array.from({ length: 200 }, (_, i) => Math.floor(((i + 0.5) * users) / 200));
  const names = picks.map((index) => userName('lookup', index));
  const rows = await database.db
    .selectFrom('scim_users')
    .select(['user_id', 'user_name'])
    .where('organization_id', '=', organizationId)
    .where('user_name_key', 'in', names)
    .execute();
  if (rows.length !== names.length) throw new Error(`found ${rows.length} of ${names.length}`);
  const filter = (name: string) =>
    `${url}/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${name}"`)}`;
  // The lookups must find their user, or the figures measure nothing.
  const answer = await fetch(filter(names[0] as string), {
    headers: { authorization: `Bearer ${token}` },
  });
  const { totalResults } = (await answer.json()) as { totalResults?: number };
  if (totalResults !== 1) throw new Error(`userName eq found ${totalResults} users, not 1`);
  return {
    users,
    filterP50Ms: await p50(names.map(filter), token),
    getP50Ms: await p50(
      rows.map((row) => `${url}/scim/v2/Users/${row.user_id}`),
      token,
    ),
  };
}

export async function benchScim(options: {
  url: string;
  /** Admin tokens of two organizations: one is synced by POSTs, the other holds the lookups. */
  syncAdminToken: string;
  lookupAdminToken: string;
  database: Database;
  durationSeconds: number;
  connections: number;
  log: (line: string) => void;
}): Promise<ScimFigures> {
  const { url, database, log } = options;
  const syncToken = await mintScimToken(url, options.syncAdminToken);
  const lookupToken = await mintScimToken(url, options.lookupAdminToken);
  const { organizationId } = await rpc<{ organizationId: string }>(
    url,
    options.lookupAdminToken,
    'gitpod.v1.IdentityService/GetAuthenticatedIdentity',
    {},
  );

  log('SCIM: POST /Users sustained, a new userName each');
  const body = JSON.stringify({
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: 'sync-[<id>]@sync.test',
    name: { givenName: 'Sync', familyName: '[<id>]' },
    emails: [{ value: 'sync-[<id>]@sync.test', type: 'work', primary: true }],
    active: true,
  });
  const create = await runLoad({
    url,
    connections: options.connections,
    durationSeconds: options.durationSeconds,
    idReplacement: true,
    requests: [
      {
        method: 'POST',
        path: '/scim/v2/Users',
        headers: { 'content-type': SCIM_JSON, authorization: `Bearer ${syncToken}` },
        body,
      },
    ],
  });

  const [small, large] = LOOKUP_SIZES;
  log(`SCIM: lookups at ${small.toLocaleString('en-US')} users`);
  await insertUsers(database, organizationId, 0, small);
  const atSmall = await lookups(url, lookupToken, database, organizationId, small);
  log(`SCIM: inserting users up to ${large.toLocaleString('en-US')}`);
  const seedStarted = performance.now();
  await insertUsers(database, organizationId, small, large);
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  log(`SCIM: lookups at ${large.toLocaleString('en-US')} users`);
  const atLarge = await lookups(url, lookupToken, database, organizationId, large);
  return { create, createdUsers: create.ok, lookups: [atSmall, atLarge], seedSeconds };
}
