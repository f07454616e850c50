// A list filter no index serves reads the whole organization. On SQLite, whose statements hold the
// event loop, it is read in ranges of the list-order index, one statement each: every statement
// of a list is recorded and, through its query plan and its key bounds, shown to read one range
// of at most MAX_RANGE_ROWS index rows. Whatever the statements, the answer (totalResults, the
// window for startIndex and count, the order) is exactly the seeded rows that match, filtered and
// ordered here. On PostgreSQL the list stays one statement for the page and one for the total.
import { Hono } from 'hono';
import { CompiledQuery, type Kysely, type KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Schema } from '../../db/schema.ts';
import { createStorage } from '../../repositories/repositories.ts';
import { MAX_RANGE_ROWS } from '../../repositories/scim-filtered-list.ts';
import { ORIGIN, type ScimFixture, scimFixture } from '../../testing/scim/scim-fixture.ts';
import { T0 } from '../../testing/scim/scim-seed.ts';
import { type ScimClient, scimClient } from '../../testing/scim/scim-test-client.ts';
import { seedScimUsers } from '../../testing/scim/seed-scim-users.ts';
import { createScimV2App } from './scim-app.ts';

interface Statement {
  sql: string;
  parameters: readonly unknown[];
}

/** Every statement run through `db` since the last `take`, compiled. */
function statementLog(db: Kysely<Schema>) {
  let seen: Statement[] = [];
  const plugin: KyselyPlugin = {
    transformQuery(args) {
      const { sql, parameters } = db.getExecutor().compileQuery(args.node, args.queryId);
      seen.push({ sql, parameters });
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return {
    plugin,
    take(): Statement[] {
      const taken = seen;
      seen = [];
      return taken;
    },
  };
}

const USERS = 2_500;
const GROUPS = 300;

/** A seeded resource as the oracle sees it. */
interface Seeded {
  id: string;
  createdAt: string;
  text: string;
}

let f: ScimFixture;
let log: ReturnType<typeof statementLog>;
let scim: ScimClient;
/** Organization A's users and groups in list order (created_at, then id, bytewise). */
let users: Seeded[];
let groups: Seeded[];

/** Five creation times in an order unlike the ids', each shared by many rows. */
const createdAt = (index: number) =>
  new Date(T0.getTime() + ((index * 3) % 5) * 1000).toISOString();
const givenName = (index: number) => `Given${index % 10}`;
const email = (index: number) => `u${index}@${index % 3 === 0 ? 'alpha' : 'beta'}.test`;
const byListOrder = (a: Seeded, b: Seeded) =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1;

beforeAll(async () => {
  f = await scimFixture();
  const ids = await seedScimUsers(f.storage, f.orgA, USERS, {
    attributes: (index) => ({
      name: { givenName: givenName(index) },
      emails: [{ value: email(index), type: 'work' }],
    }),
  });
  // Organization B's users match every filter below and must never be listed or counted.
  await seedScimUsers(f.storage, f.orgB, 40, {
    prefix: 'other',
    attributes: (index) => ({
      name: { givenName: givenName(index) },
      emails: [{ value: email(index), type: 'work' }],
    }),
  });
  for (let residue = 0; residue < 5; residue += 1) {
    await f.database.db
      .updateTable('scim_users')
      .set({ created_at: createdAt(residue) })
      .where(
        'user_id',
        'in',
        ids.filter((_, index) => index % 5 === residue),
      )
      .execute();
  }
  users = ids
    .map((id, index) => ({
      id,
      createdAt: createdAt(index),
      text: `${givenName(index)} ${email(index)}`,
    }))
    .sort(byListOrder);
  groups = [];
  await f.storage.transaction(async (repos) => {
    for (let index = 0; index < GROUPS; index += 1) {
      const id = `group-${String(index).padStart(4, '0')}`;
      const displayName = `Team ${index}`;
      await repos.scimGroups.insert(
        {
          id,
          organizationId: f.orgA,
          displayName,
          displayNameKey: displayName.toLowerCase(),
          externalId: null,
          attributes: JSON.stringify({ displayName }),
          at: createdAt(index),
        },
        null,
      );
      groups.push({ id, createdAt: createdAt(index), text: displayName });
    }
  });
  groups.sort(byListOrder);
  log = statementLog(f.database.db);
  const storage = createStorage({ ...f.database, db: f.database.db.withPlugin(log.plugin) });
  const app = createScimV2App({ storage, now: f.now });
  scim = scimClient(new Hono().route('/scim/v2', app), f.configA.token, `${ORIGIN}/scim/v2`);
}, 60_000);
afterAll(() => f.close());

/** [startIndex, count] windows: the first page, inside, across the end, past it, totals only. */
const windows = [
  [1, 100],
  [137, 50],
  [USERS - 30, 200],
  [USERS + 5, 10],
  [1, 0],
] as const;

/** Unindexed filters with what they select, from matching nothing to matching everything. */
const userFilters: [string, (user: Seeded) => boolean][] = [
  ['name.givenName co "n3"', (user) => user.text.startsWith('Given3 ')],
  ['emails.value ew "@ALPHA.test"', (user) => user.text.endsWith('@alpha.test')],
  ['userName co "7@"', (user) => user.id.endsWith('7')],
  ['name.givenName co "nobody"', () => false],
  ['userName co "@many.test"', () => true],
  ['', () => true],
];

async function expectOracle(
  path: string,
  filter: string,
  all: Seeded[],
  selects: (row: Seeded) => boolean,
) {
  const matching = all.filter(selects).map((row) => row.id);
  for (const [startIndex, count] of windows) {
    const query = `startIndex=${startIndex}&count=${count}${filter ? `&filter=${encodeURIComponent(filter)}` : ''}`;
    const listed = await scim.get(`/${path}?${query}&attributes=id`);
    const expected = matching.slice(startIndex - 1, startIndex - 1 + count);
    expect(listed.status, query).toBe(200);
    expect(listed.body.totalResults, query).toBe(matching.length);
    expect(listed.body.startIndex, query).toBe(startIndex);
    expect(listed.body.itemsPerPage, query).toBe(expected.length);
    expect(
      (listed.body.Resources ?? []).map((row: { id: string }) => row.id),
      query,
    ).toEqual(expected);
  }
}

describe('a list filter no index serves', () => {
  it.each(userFilters)(
    'answers /Users?filter=%s with exactly the matching users, in list order',
    async (filter, selects) => {
      await expectOracle('Users', filter, users, selects);
    },
  );

  it('answers /Groups with exactly the matching groups, in list order', async () => {
    await expectOracle('Groups', 'displayName co "1"', groups, (group) => group.text.includes('1'));
    await expectOracle('Groups', 'displayName co "nobody"', groups, () => false);
    await expectOracle('Groups', '', groups, () => true);
  });

  it('keeps a filter an index serves to one statement for the page and one for the total', async () => {
    const user = users[1234];
    log.take();
    const listed = await scim.get(
      `/Users?filter=${encodeURIComponent(`userName eq "${user?.id}@many.test"`)}`,
    );
    expect(listed.body.totalResults).toBe(1);
    expect(listed.body.Resources[0].id).toBe(user?.id);
    expect(log.take().filter((statement) => readsTable(statement, 'scim_users'))).toHaveLength(2);
  });
});

const readsTable = (statement: Statement, table: string) =>
  statement.sql.includes(`from "${table}"`);

/** The detail lines of SQLite's plan for the statement. */
async function plan(statement: Statement): Promise<string[]> {
  const { rows } = await f.database.db.executeQuery<{ detail: string }>(
    CompiledQuery.raw(`EXPLAIN QUERY PLAN ${statement.sql}`, [...statement.parameters]),
  );
  return rows.map((row) => row.detail);
}

/**
 * How many rows of the list-order index the statement reads: its plan must walk `index` between
 * the keys it binds (the first row of the range follows the lower one, the last is the upper one),
 * and a range's end is found by skipping at most the range's rows.
 */
async function rowsRead(statement: Statement, all: Seeded[], index: string): Promise<number> {
  const position = new Map(all.map((row, at) => [row.id, at]));
  const reads = (await plan(statement)).filter((line) => /^(SEARCH|SCAN) /.test(line));
  expect(reads, statement.sql).toHaveLength(1);
  const [walk = ''] = reads;
  expect(walk, statement.sql).toMatch(new RegExp(`^SEARCH \\w+ USING (COVERING )?INDEX ${index} `));
  if (statement.sql.includes(' as "createdAt"')) {
    // A range's end: the row `offset` (the last parameter) rows after the lower bound.
    return Number(statement.parameters.at(-1)) + 1;
  }
  // The only ids a statement binds are its range's bounds.
  const bounds = statement.parameters.flatMap((value) => {
    const at = typeof value === 'string' ? position.get(value) : undefined;
    return at === undefined ? [] : [at];
  });
  const lower = walk.includes(')>(') ? bounds[0] : -1;
  const upper = walk.includes(')<(') ? bounds.at(-1) : all.length - 1;
  expect(lower, statement.sql).toBeDefined();
  expect(upper, statement.sql).toBeDefined();
  return (upper ?? 0) - (lower ?? 0);
}

describe('the statements of a list over every row', () => {
  it('read the organization in ranges of the list-order index, each at most MAX_RANGE_ROWS rows', async () => {
    const cases = [
      { path: 'Users', table: 'scim_users', index: 'scim_users_page', all: users },
      { path: 'Groups', table: 'scim_groups', index: 'scim_groups_page', all: groups },
    ];
    for (const { path, table, index, all } of cases) {
      for (const filter of ['name.givenName co "nobody"', 'userName co "@"', '']) {
        const effective =
          path === 'Groups' ? filter.replace(/name.givenName|userName/, 'displayName') : filter;
        log.take();
        const listed = await scim.get(
          `/${path}?startIndex=101&count=50&attributes=id${effective ? `&filter=${encodeURIComponent(effective)}` : ''}`,
        );
        expect(listed.status).toBe(200);
        const statements = log.take().filter((statement) => readsTable(statement, table));
        if (f.database.kind === 'postgres') {
          expect(statements).toHaveLength(2);
          continue;
        }
        for (const statement of statements) {
          expect(await rowsRead(statement, all, index)).toBeLessThanOrEqual(MAX_RANGE_ROWS);
        }
        // Each range is its end and its count, so at least two statements per MAX_RANGE_ROWS.
        expect(statements.length).toBeGreaterThan(2);
        expect(statements.length).toBeGreaterThanOrEqual(
          2 * Math.ceil(all.length / MAX_RANGE_ROWS),
        );
      }
    }
  });
});
