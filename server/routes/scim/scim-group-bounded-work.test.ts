// No request on a large group reads or writes its whole member set in one statement: every
// statement the endpoint runs is recorded (rows it returned, rows it changed), and none may exceed
// a keyset page or a write batch, whatever the form (list, PUT, PATCH replace, filter remove).
import { Hono } from 'hono';
import type { KyselyPlugin, QueryResult, UnknownRow } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStorage } from '../../repositories/repositories.ts';
import { MAX_MEMBERS_FOR_GENERAL_PATCH } from '../../scim/scim-resource-limits.ts';
import { MEMBER_PAGE_SIZE, MEMBER_WRITE_BATCH } from '../../services/scim/scim-group-service.ts';
import { ORIGIN, type ScimFixture, scimFixture } from '../../testing/scim/scim-fixture.ts';
import {
  GROUP_SCHEMA,
  patchOp,
  type ScimClient,
  scimClient,
} from '../../testing/scim/scim-test-client.ts';
import { seedScimUsers } from '../../testing/scim/seed-scim-users.ts';
import { createScimV2App } from './scim-app.ts';

/** The largest result and the largest change of any statement since the last reset. */
function statementSizes() {
  const seen = { rows: 0, changed: 0 };
  const plugin: KyselyPlugin = {
    transformQuery: (args) => args.node,
    async transformResult(args): Promise<QueryResult<UnknownRow>> {
      seen.rows = Math.max(seen.rows, args.result.rows.length);
      seen.changed = Math.max(seen.changed, Number(args.result.numAffectedRows ?? 0n));
      return args.result;
    },
  };
  return {
    plugin,
    take() {
      const taken = { ...seen };
      seen.rows = 0;
      seen.changed = 0;
      return taken;
    },
  };
}

let f: ScimFixture;
let sizes: ReturnType<typeof statementSizes>;
let scim: ScimClient;
let users: string[];
let groupId: string;
const MEMBERS = MEMBER_WRITE_BATCH + MEMBER_PAGE_SIZE / 2;

beforeEach(async () => {
  f = await scimFixture();
  users = await seedScimUsers(f.storage, f.orgA, MEMBERS + 10);
  sizes = statementSizes();
  const storage = createStorage({ ...f.database, db: f.database.db.withPlugin(sizes.plugin) });
  const app = createScimV2App({ storage, now: f.now });
  scim = scimClient(new Hono().route('/scim/v2', app), f.configA.token, `${ORIGIN}/scim/v2`);
  groupId = (await f.a.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Everyone' })).body
    .id;
  await f.storage.repos.scimGroupMembers.add(groupId, users.slice(0, MEMBERS));
  await f.a.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Small' });
  sizes.take();
});
afterEach(() => f.close());

const bounded = () => {
  const taken = sizes.take();
  expect(taken.rows).toBeLessThanOrEqual(MEMBER_PAGE_SIZE);
  expect(taken.changed).toBeLessThanOrEqual(MEMBER_WRITE_BATCH);
};

const memberCount = async () =>
  (await scim.get(`/Groups/${groupId}?attributes=members.value`)).body.members?.length ?? 0;

describe('work on a group of thousands of members', () => {
  it('lists a page holding it with every member, a keyset page per statement', async () => {
    const listed = await scim.get('/Groups');
    bounded();
    expect(listed.status).toBe(200);
    expect(listed.body.itemsPerPage).toBe(2);
    expect(listed.body.Resources[0].members).toHaveLength(MEMBERS);
    expect(listed.body.Resources[0].members[0].value).toBe(users[0]);
    expect(listed.body.Resources[1]).not.toHaveProperty('members');
  });

  it('lists without reading members when they are excluded', async () => {
    const listed = await scim.get('/Groups?excludedAttributes=members');
    expect(sizes.take().rows).toBeLessThanOrEqual(2);
    expect(listed.body.Resources[0]).not.toHaveProperty('members');
    expect(listed.body.Resources[0].displayName).toBe('Everyone');
  });

  it('replaces the set by PUT in batches', async () => {
    const keep = users.slice(MEMBERS - 5, MEMBERS + 10);
    const put = await scim.put(`/Groups/${groupId}?excludedAttributes=members`, {
      schemas: [GROUP_SCHEMA],
      displayName: 'Fewer',
      members: keep.map((value) => ({ value })),
    });
    bounded();
    expect(put.status).toBe(200);
    expect(put.body.displayName).toBe('Fewer');
    expect(await memberCount()).toBe(keep.length);
  });

  it('replaces members by PATCH, empties them, and removes by filter, all bounded', async () => {
    const replaced = await scim.patch(
      `/Groups/${groupId}?excludedAttributes=members`,
      patchOp(
        { op: 'replace', path: 'displayName', value: 'Renamed' },
        { op: 'replace', path: 'members', value: users.slice(0, 3).map((value) => ({ value })) },
      ),
    );
    bounded();
    expect(replaced.body.displayName).toBe('Renamed');
    expect(await memberCount()).toBe(3);

    await f.storage.repos.scimGroupMembers.add(groupId, users.slice(0, MEMBERS));
    sizes.take();
    await scim.patch(
      `/Groups/${groupId}?excludedAttributes=members`,
      patchOp({ op: 'remove', path: `members[value eq "${users[1]}"]` }),
    );
    bounded();
    expect(await memberCount()).toBe(MEMBERS - 1);

    await scim.patch(
      `/Groups/${groupId}?excludedAttributes=members`,
      patchOp({ op: 'remove', path: 'members' }),
    );
    bounded();
    expect(await memberCount()).toBe(0);
  });

  it('applies a path-less replace carrying members without reading the others', async () => {
    const patched = await scim.patch(
      `/Groups/${groupId}?excludedAttributes=members`,
      patchOp({
        op: 'replace',
        value: { displayName: 'Path-less', members: [{ value: users[0] }] },
      }),
    );
    bounded();
    expect(patched.body.displayName).toBe('Path-less');
    expect(await memberCount()).toBe(1);
  });

  it('reads the set by pages for the general form (a filter on display)', async () => {
    const patched = await scim.patch(
      `/Groups/${groupId}?excludedAttributes=members`,
      patchOp({ op: 'remove', path: `members[display eq "User ${users[0]}"]` }),
    );
    bounded();
    expect(patched.status).toBe(200);
    expect(await memberCount()).toBeGreaterThan(0);
  });
});

describe('the general PATCH form on a group over its bound', () => {
  it('refuses with tooMany and changes nothing, while the by-value forms still work', async () => {
    const more = await seedScimUsers(f.storage, f.orgA, MAX_MEMBERS_FOR_GENERAL_PATCH, {
      prefix: 'more',
    });
    await f.storage.repos.scimGroupMembers.add(groupId, more);
    const before = MEMBERS + MAX_MEMBERS_FOR_GENERAL_PATCH;
    const refused = await scim.patch(
      `/Groups/${groupId}?excludedAttributes=members`,
      patchOp({ op: 'remove', path: `members[display eq "User ${users[0]}"]` }),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.scimType).toBe('tooMany');
    expect(refused.body.detail).toContain(`the group has ${before}`);
    expect(await memberCount()).toBe(before);

    const byValue = await scim.patch(
      `/Groups/${groupId}?excludedAttributes=members`,
      patchOp({ op: 'remove', path: `members[value eq "${users[0]}"]` }),
    );
    expect(byValue.status).toBe(200);
    expect(await memberCount()).toBe(before - 1);
  });
});
