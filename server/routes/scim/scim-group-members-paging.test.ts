// A group of thousands of members is read by keyset pages and answered in chunks of bounded size,
// one page per turn of the event loop; membership PATCHes touch only the named members.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MEMBER_PAGE_SIZE } from '../../services/scim/scim-group-service.ts';
import { ORIGIN, type ScimFixture, scimFixture } from '../../testing/scim/scim-fixture.ts';
import { GROUP_SCHEMA, patchOp } from '../../testing/scim/scim-test-client.ts';
import { seedScimUsers } from '../../testing/scim/seed-scim-users.ts';

let f: ScimFixture;
let users: string[];
let groupId: string;
beforeEach(async () => {
  f = await scimFixture();
  users = await seedScimUsers(f.storage, f.orgA, MEMBER_PAGE_SIZE * 2 + 500);
  groupId = (await f.a.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Everyone' })).body
    .id;
});
afterEach(() => f.close());

/** The raw answer as the server wrote it: every chunk, and the parsed whole. */
async function chunksOf(path: string): Promise<{ chunks: Uint8Array[]; body: unknown }> {
  const response = await f.server.request(`${ORIGIN}/scim/v2${path}`, {
    headers: { Authorization: `Bearer ${f.configA.token}` },
  });
  expect(response.status).toBe(200);
  const chunks: Uint8Array[] = [];
  const reader = response.body?.getReader();
  for (;;) {
    const next = await reader?.read();
    if (!next || next.done) break;
    chunks.push(next.value);
  }
  return { chunks, body: JSON.parse(Buffer.concat(chunks).toString()) };
}

const storedCount = () =>
  f.value(sql`SELECT count(*) FROM scim_group_members WHERE group_id = ${groupId}`);

describe('a group of thousands of members', () => {
  it('adds them with one PATCH and answers the group a keyset page per chunk', async () => {
    const added = await f.a.patch(
      `/Groups/${groupId}?excludedAttributes=members`,
      patchOp({ op: 'add', path: 'members', value: users.map((value) => ({ value })) }),
    );
    expect(added.status).toBe(200);
    expect(added.body).not.toHaveProperty('members');
    expect(await storedCount()).toBe(users.length);

    const { chunks, body } = await chunksOf(`/Groups/${groupId}`);
    // Head with the first page, one chunk per further page, then the close.
    expect(chunks.length).toBe(Math.ceil(users.length / MEMBER_PAGE_SIZE) + 1);
    const largest = Math.max(...chunks.map((chunk) => chunk.byteLength));
    expect(largest).toBeLessThan(MEMBER_PAGE_SIZE * 200);
    const group = body as { displayName: string; members: { value: string; display: string }[] };
    expect(group.displayName).toBe('Everyone');
    expect(group.members.map((member) => member.value)).toEqual(users);
    expect(group.members[0]).toEqual({
      value: users[0],
      $ref: `${ORIGIN}/scim/v2/Users/${users[0]}`,
      display: `User ${users[0]}`,
      type: 'User',
    });
  });

  it('projects every page and leaves members out when asked', async () => {
    await f.a.patch(
      `/Groups/${groupId}`,
      patchOp({ op: 'add', path: 'members', value: users.map((value) => ({ value })) }),
    );
    const values = (await chunksOf(`/Groups/${groupId}?attributes=members.value`)).body as {
      members: object[];
    };
    expect(values.members).toHaveLength(users.length);
    expect(values.members.every((member) => Object.keys(member).join() === 'value')).toBe(true);
    const without = await chunksOf(`/Groups/${groupId}?excludedAttributes=members`);
    expect(without.chunks).toHaveLength(1);
    expect(without.body).not.toHaveProperty('members');
  });

  it('removes the named members only, and refuses unknown ones without a change', async () => {
    await f.a.patch(
      `/Groups/${groupId}`,
      patchOp({ op: 'add', path: 'members', value: users.map((value) => ({ value })) }),
    );
    const [first = '', second = ''] = users;
    await f.a.patch(
      `/Groups/${groupId}`,
      patchOp(
        { op: 'remove', path: 'members', value: [{ value: first }] },
        { op: 'remove', path: `members[value eq "${second}"]` },
      ),
    );
    expect(await storedCount()).toBe(users.length - 2);
    const refused = await f.a.patch(
      `/Groups/${groupId}`,
      patchOp({ op: 'add', path: 'members', value: [{ value: first }, { value: 'nobody' }] }),
    );
    expect(refused.status).toBe(400);
    expect(await storedCount()).toBe(users.length - 2);
  });

  it('renames the group without rewriting its members', async () => {
    await f.a.patch(
      `/Groups/${groupId}`,
      patchOp({ op: 'add', path: 'members', value: users.map((value) => ({ value })) }),
    );
    const renamed = await f.a.patch(
      `/Groups/${groupId}?excludedAttributes=members`,
      patchOp({ op: 'replace', path: 'displayName', value: 'All staff' }),
    );
    expect(renamed.body.displayName).toBe('All staff');
    expect(await storedCount()).toBe(users.length);
  });
});
