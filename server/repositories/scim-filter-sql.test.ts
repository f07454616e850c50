// SCIM filters as SQL, against stored rows on the test project's database (SQLite, and
// PostgreSQL in the `postgres` project): the same answers on both.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileFilter } from '../scim/scim-filter-compiler.ts';
import { parseFilter } from '../scim/scim-filter-parser.ts';
import { groupResourceSchema, userResourceSchema } from '../scim/scim-schema-definitions.ts';
import { seedOrganization } from '../testing/scim/scim-seed.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { createStorage, type Storage } from './repositories.ts';
import { type FilterTarget, servedByIndex } from './scim-filter-sql.ts';

let test: TestDatabase;
let storage: Storage;
let organizationId: string;

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

async function addUser(id: string, userName: string, attributes: Record<string, unknown>) {
  const at = attributes.created as string;
  await storage.repos.users.insert({
    id,
    organizationId,
    name: userName,
    email: userName,
    role: 'ORGANIZATION_ROLE_MEMBER',
    createdAt: at,
  });
  const { created: _created, lastModified, ...rest } = attributes;
  await storage.repos.scimUsers.insert(
    {
      id,
      organizationId,
      userName,
      userNameKey: userName.toLowerCase(),
      externalId: typeof rest.externalId === 'string' ? rest.externalId : null,
      active: rest.active !== false,
      attributes: JSON.stringify({ userName, ...rest }),
      at,
    },
    null,
  );
  if (typeof lastModified === 'string') {
    await storage.repos.scimUsers.update({
      id,
      organizationId,
      userName,
      userNameKey: userName.toLowerCase(),
      externalId: typeof rest.externalId === 'string' ? rest.externalId : null,
      active: rest.active !== false,
      attributes: JSON.stringify({ userName, ...rest }),
      at: lastModified,
    });
  }
}

beforeAll(async () => {
  test = await createTestDatabase();
  storage = createStorage(test.database);
  organizationId = await seedOrganization(storage.repos, 'Acme');
  await addUser('u1', 'Ada@Acme.test', {
    externalId: 'Ext-1',
    displayName: 'Ada Lovelace',
    active: true,
    title: '',
    name: { givenName: 'Ada', familyName: 'Lovelace' },
    emails: [
      { value: 'ada@acme.test', type: 'work', primary: true },
      { value: 'ada@home.test', type: 'home' },
    ],
    [ENTERPRISE]: { department: 'R&D' },
    created: '2026-03-01T12:00:00.000Z',
    lastModified: '2026-03-02T12:00:00.000Z',
  });
  await addUser('u2', 'bob_100%@acme.test', {
    active: false,
    emails: [],
    created: '2026-03-01T12:00:01.000Z',
  });
  await storage.repos.scimGroups.insert(
    {
      id: 'g1',
      organizationId,
      displayName: 'Engineering',
      displayNameKey: 'engineering',
      externalId: null,
      attributes: JSON.stringify({ displayName: 'Engineering' }),
      at: '2026-03-01T12:00:00.000Z',
    },
    null,
  );
  await storage.repos.scimGroupMembers.add('g1', ['u1']);
});
afterAll(() => test.close());

async function userIds(filter: string): Promise<string[]> {
  const condition = compileFilter(parseFilter(filter), userResourceSchema);
  const { rows, total } = await storage.repos.scimUsers.list(organizationId, condition, 0, 10);
  expect(total).toBe(rows.length);
  return rows.map((row) => row.user_id);
}

describe('SCIM filters in SQL', () => {
  it('compares userName, emails and displayName case-insensitively, ids and externalId exactly', async () => {
    expect(await userIds('userName eq "ada@acme.TEST"')).toEqual(['u1']);
    expect(await userIds('USERNAME eq "ada@acme.test"')).toEqual(['u1']);
    expect(await userIds('emails.value eq "ADA@home.test"')).toEqual(['u1']);
    expect(await userIds('emails eq "ada@acme.test"')).toEqual(['u1']);
    expect(await userIds('displayName eq "ada lovelace"')).toEqual(['u1']);
    expect(await userIds('externalId eq "Ext-1"')).toEqual(['u1']);
    expect(await userIds('externalId eq "ext-1"')).toEqual([]);
    expect(await userIds('id eq "U1"')).toEqual([]);
    expect(await userIds('name.familyName co "LACE"')).toEqual(['u1']);
    expect(await userIds('externalId sw "ext"')).toEqual([]);
  });

  it('matches a value filter only when one email satisfies every condition', async () => {
    expect(await userIds('emails[type eq "work"].value eq "ada@acme.test"')).toEqual(['u1']);
    expect(await userIds('emails[type eq "work"].value eq "ada@home.test"')).toEqual([]);
    expect(await userIds('emails[type eq "home" and primary eq false]')).toEqual([]);
    expect(await userIds('emails[type eq "work" and primary eq true]')).toEqual(['u1']);
    expect(await userIds('emails[not (primary eq true)]')).toEqual(['u1']);
  });

  it('supports pr, sw, co, ew, ne, not, or, booleans, dates and extension attributes', async () => {
    expect(await userIds('title pr')).toEqual([]);
    expect(await userIds('emails pr')).toEqual(['u1']);
    expect(await userIds('name.givenName pr')).toEqual(['u1']);
    expect(await userIds('userName sw "ADA"')).toEqual(['u1']);
    expect(await userIds('userName co "@acme"')).toEqual(['u1', 'u2']);
    expect(await userIds('userName ew ".test"')).toEqual(['u1', 'u2']);
    expect(await userIds('userName ne "bob_100%@acme.test"')).toEqual(['u1']);
    expect(await userIds('not (active eq true)')).toEqual(['u2']);
    expect(await userIds('active eq false or name.familyName eq "lovelace"')).toEqual(['u1', 'u2']);
    expect(await userIds('name.givenName ne "Ada"')).toEqual(['u2']);
    expect(await userIds('meta.lastModified gt "2026-03-01T12:00:00Z"')).toEqual(['u1', 'u2']);
    expect(await userIds('meta.created gt "2026-03-01T12:00:00Z"')).toEqual(['u2']);
    expect(await userIds('meta.created le "2026-03-01T13:00:00+01:00"')).toEqual(['u1']);
    expect(await userIds(`${ENTERPRISE}:department eq "r&d"`)).toEqual(['u1']);
    expect(await userIds('department eq "R&D"')).toEqual(['u1']);
    // An empty string is as good as unassigned: `eq null` is `not pr`.
    expect(await userIds('title eq null')).toEqual(['u1', 'u2']);
    expect(await userIds('externalId eq null')).toEqual(['u2']);
    expect(await userIds('userName gt "b"')).toEqual(['u2']);
  });

  it('takes LIKE wildcards in co, sw and ew literally', async () => {
    expect(await userIds('userName co "_"')).toEqual(['u2']);
    expect(await userIds('userName co "100%"')).toEqual(['u2']);
    expect(await userIds('userName sw "%"')).toEqual([]);
    expect(await userIds('userName ew "_acme.test"')).toEqual([]);
    expect(await userIds('userName co "\\\\"')).toEqual([]);
  });

  it('filters by group membership, and groups by their members', async () => {
    expect(await userIds('groups.value eq "g1"')).toEqual(['u1']);
    expect(await userIds('groups[display eq "engineering"]')).toEqual(['u1']);
    expect(await userIds('not (groups pr)')).toEqual(['u2']);
    const groups = async (filter: string) => {
      const condition = compileFilter(parseFilter(filter), groupResourceSchema);
      const { rows } = await storage.repos.scimGroups.list(organizationId, condition, 0, 10);
      return rows.map((row) => row.id);
    };
    expect(await groups('members[value eq "u1"]')).toEqual(['g1']);
    expect(await groups('members.value eq "u2"')).toEqual([]);
    expect(await groups('members.display co "ACME"')).toEqual(['g1']);
    expect(await groups('displayName eq "ENGINEERING" and members pr')).toEqual(['g1']);
  });
});

describe('filters an index serves', () => {
  const target: FilterTarget = {
    attributes: sql.ref('attributes'),
    columns: {
      id: { kind: 'text', column: sql.ref('id'), nullable: false },
      userName: { kind: 'folded', column: sql.ref('user_name_key') },
      externalId: { kind: 'text', column: sql.ref('external_id'), nullable: true },
      'meta.created': { kind: 'text', column: sql.ref('created_at'), nullable: false },
    },
    relations: {},
    indexed: ['id', 'userName', 'externalId'],
  };
  const served = (filter: string) =>
    servedByIndex(compileFilter(parseFilter(filter), userResourceSchema), target);

  it('are an exact eq on an indexed column, alone or in an and', () => {
    expect(served('userName eq "Ada@acme.test"')).toBe(true);
    expect(served('externalId eq "ext-1"')).toBe(true);
    expect(served('id eq "u1"')).toBe(true);
    expect(served('name.givenName co "a" and userName eq "ada"')).toBe(true);
  });

  it('are not a comparison the index cannot answer, nor an or, not, or value filter', () => {
    expect(served('userName co "ada"')).toBe(false);
    expect(served('userName sw "ada"')).toBe(false);
    expect(served('userName ne "ada"')).toBe(false);
    expect(served('name.givenName eq "Ada"')).toBe(false);
    expect(served('meta.created eq "2026-03-01T12:00:00Z"')).toBe(false);
    expect(served('externalId pr')).toBe(false);
    expect(served('userName eq "a" or userName eq "b"')).toBe(false);
    expect(served('emails[value eq "ada@acme.test"]')).toBe(false);
  });
});
