import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ORIGIN, type ScimFixture, scimFixture } from '../../testing/scim/scim-fixture.ts';
import {
  ERROR_SCHEMA,
  GROUP_SCHEMA,
  patchOp,
  USER_SCHEMA,
} from '../../testing/scim/scim-test-client.ts';
import { columnValues } from '../../testing/test-database.ts';

let f: ScimFixture;
let ada: string;
let bob: string;
beforeEach(async () => {
  f = await scimFixture();
  ada = (
    await f.a.post('/Users', {
      schemas: [USER_SCHEMA],
      userName: 'ada@acme.test',
      displayName: 'Ada',
    })
  ).body.id;
  bob = (await f.a.post('/Users', { schemas: [USER_SCHEMA], userName: 'bob@acme.test' })).body.id;
});
afterEach(() => f.close());

const group = (displayName: string, extra: Record<string, unknown> = {}) => ({
  schemas: [GROUP_SCHEMA],
  displayName,
  ...extra,
});

const memberIds = (body: { members?: { value: string }[] }) =>
  (body.members ?? []).map((member) => member.value).sort();

async function storedMembers(groupId: string): Promise<string[]> {
  return (await columnValues(
    f.database,
    sql`SELECT user_id FROM scim_group_members WHERE group_id = ${groupId} ORDER BY user_id`,
  )) as string[];
}

describe('/Groups', () => {
  it('creates a group with members and reads it back', async () => {
    const created = await f.a.post(
      '/Groups',
      group('Engineering', { externalId: 'okta-g1', members: [{ value: ada }] }),
    );
    expect(created.status).toBe(201);
    const { id } = created.body;
    expect(created.headers.get('Location')).toBe(`${ORIGIN}/scim/v2/Groups/${id}`);
    expect(created.body).toEqual({
      schemas: [GROUP_SCHEMA],
      id,
      externalId: 'okta-g1',
      displayName: 'Engineering',
      members: [
        { value: ada, $ref: `${ORIGIN}/scim/v2/Users/${ada}`, display: 'Ada', type: 'User' },
      ],
      meta: expect.objectContaining({
        resourceType: 'Group',
        location: `${ORIGIN}/scim/v2/Groups/${id}`,
      }),
    });
    expect((await f.a.get(`/Groups/${id}`)).body).toEqual(created.body);
    expect((await f.a.get(`/Groups/${id}?excludedAttributes=members`)).body).not.toHaveProperty(
      'members',
    );
  });

  it('filters by displayName (case-insensitively), externalId and member, with paging', async () => {
    const eng = (await f.a.post('/Groups', group('Engineering', { members: [{ value: bob }] })))
      .body.id;
    await f.a.post('/Groups', group('Sales', { externalId: 'g-sales' }));
    const list = async (query: string) => (await f.a.get(`/Groups?${query}`)).body;
    const byName = await list(
      `filter=${encodeURIComponent('displayName eq "engineering"')}&excludedAttributes=members`,
    );
    expect(byName).toMatchObject({ totalResults: 1, itemsPerPage: 1, startIndex: 1 });
    expect(byName.Resources[0]).toMatchObject({ id: eng, displayName: 'Engineering' });
    expect(byName.Resources[0]).not.toHaveProperty('members');
    expect((await list(`filter=${encodeURIComponent('displayName eq "Nope"')}`)).totalResults).toBe(
      0,
    );
    expect(
      (await list(`filter=${encodeURIComponent('externalId eq "g-sales"')}`)).Resources[0]
        .displayName,
    ).toBe('Sales');
    expect(
      (await list(`filter=${encodeURIComponent(`members[value eq "${bob}"]`)}`)).Resources.map(
        (g: { id: string }) => g.id,
      ),
    ).toEqual([eng]);
    expect(await list('startIndex=2&count=5')).toMatchObject({
      totalResults: 2,
      itemsPerPage: 1,
      startIndex: 2,
    });
    expect(
      (await f.a.get(`/Groups?filter=${encodeURIComponent('displayName eq')}`)).body.scimType,
    ).toBe('invalidFilter');
  });

  it('adds and removes members with PATCH, in the Okta and Entra forms', async () => {
    const id = (await f.a.post('/Groups', group('Engineering'))).body.id;
    const added = await f.a.patch(
      `/Groups/${id}`,
      patchOp({ op: 'add', path: 'members', value: [{ value: ada }, { value: bob }] }),
    );
    expect(added.status).toBe(200);
    expect(memberIds(added.body)).toEqual([ada, bob].sort());
    // Okta and Entra: remove by filter.
    await f.a.patch(`/Groups/${id}`, patchOp({ op: 'remove', path: `members[value eq "${ada}"]` }));
    expect(await storedMembers(id)).toEqual([bob]);
    // Older Entra: remove with a value list.
    await f.a.patch(
      `/Groups/${id}`,
      patchOp({ op: 'Remove', path: 'members', value: [{ value: bob }] }),
    );
    expect(await storedMembers(id)).toEqual([]);
    // Entra: capitalised Add, single member.
    await f.a.patch(
      `/Groups/${id}`,
      patchOp({ op: 'Add', path: 'members', value: [{ value: ada }] }),
    );
    expect(await storedMembers(id)).toEqual([ada]);
  });

  it('renames with and without a path', async () => {
    const id = (await f.a.post('/Groups', group('Engineering', { members: [{ value: ada }] }))).body
      .id;
    const renamed = await f.a.patch(
      `/Groups/${id}`,
      patchOp({ op: 'replace', path: 'displayName', value: 'Platform' }),
    );
    expect(renamed.body.displayName).toBe('Platform');
    const okta = await f.a.patch(
      `/Groups/${id}`,
      patchOp({ op: 'replace', value: { id, displayName: 'Platform Eng' } }),
    );
    expect(okta.body.displayName).toBe('Platform Eng');
    expect(memberIds(okta.body)).toEqual([ada]);
  });

  it('replaces name and members with PUT', async () => {
    const id = (await f.a.post('/Groups', group('Engineering', { members: [{ value: ada }] }))).body
      .id;
    const replaced = await f.a.put(`/Groups/${id}`, group('Eng', { members: [{ value: bob }] }));
    expect(replaced.status).toBe(200);
    expect(replaced.body.displayName).toBe('Eng');
    expect(await storedMembers(id)).toEqual([bob]);
    await f.a.put(`/Groups/${id}`, group('Eng'));
    expect(await storedMembers(id)).toEqual([]);
  });

  it('deletes a group but not its members', async () => {
    const id = (await f.a.post('/Groups', group('Engineering', { members: [{ value: ada }] }))).body
      .id;
    expect((await f.a.delete(`/Groups/${id}`)).status).toBe(204);
    expect((await f.a.get(`/Groups/${id}`)).status).toBe(404);
    expect((await f.a.get(`/Users/${ada}`)).status).toBe(200);
    expect((await f.a.delete(`/Groups/${id}`)).status).toBe(404);
  });

  it('drops memberships when a member is deleted', async () => {
    const id = (
      await f.a.post('/Groups', group('Engineering', { members: [{ value: ada }, { value: bob }] }))
    ).body.id;
    await f.a.delete(`/Users/${ada}`);
    expect(memberIds((await f.a.get(`/Groups/${id}`)).body)).toEqual([bob]);
  });

  it('answers 400 invalidValue for members that are not users of the organization', async () => {
    const outsider = (
      await f.b.post('/Users', { schemas: [USER_SCHEMA], userName: 'eve@globex.test' })
    ).body.id;
    const id = (await f.a.post('/Groups', group('Engineering'))).body.id;
    const nested = (await f.a.post('/Groups', group('Nested'))).body.id;
    const attempts = [
      f.a.post('/Groups', group('X', { members: [{ value: outsider }] })),
      f.a.post('/Groups', group('X', { members: [{ value: 'no-such-user' }] })),
      f.a.post('/Groups', group('X', { members: [{ type: 'User' }] })),
      f.a.patch(
        `/Groups/${id}`,
        patchOp({ op: 'add', path: 'members', value: [{ value: outsider }] }),
      ),
      f.a.patch(
        `/Groups/${id}`,
        patchOp({ op: 'add', path: 'members', value: [{ value: nested, type: 'Group' }] }),
      ),
      f.a.put(`/Groups/${id}`, group('Engineering', { members: [{ value: outsider }] })),
    ];
    for (const attempt of attempts) {
      const response = await attempt;
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ schemas: [ERROR_SCHEMA], scimType: 'invalidValue' });
    }
    expect(await storedMembers(id)).toEqual([]);
  });

  it.each([
    ['malformed JSON', '{', 'invalidSyntax'],
    [
      'the User schema',
      JSON.stringify({ schemas: [USER_SCHEMA], displayName: 'x' }),
      'invalidSyntax',
    ],
    ['no displayName', JSON.stringify({ schemas: [GROUP_SCHEMA] }), 'invalidValue'],
    [
      'a numeric displayName',
      JSON.stringify({ schemas: [GROUP_SCHEMA], displayName: 5 }),
      'invalidValue',
    ],
    [
      'members not a list of objects',
      JSON.stringify({ schemas: [GROUP_SCHEMA], displayName: 'x', members: [5] }),
      'invalidValue',
    ],
  ])('answers 400 for %s', async (_label, body, scimType) => {
    const response = await f.a.post('/Groups', body);
    expect(response.status).toBe(400);
    expect(response.body.scimType).toBe(scimType);
  });

  it('answers 400 for bad group PATCH requests', async () => {
    const id = (await f.a.post('/Groups', group('Engineering'))).body.id;
    const cases: [unknown, string][] = [
      [patchOp({ op: 'replace', path: 'owner', value: 'x' }), 'invalidPath'],
      [patchOp({ op: 'remove', path: 'members[value eq]' }), 'invalidFilter'],
      [patchOp({ op: 'remove', path: 'members[value eq "x"' }), 'invalidPath'],
      [patchOp({ op: 'remove', path: 'displayName' }), 'invalidValue'],
      [{ schemas: [GROUP_SCHEMA], Operations: [] }, 'invalidSyntax'],
    ];
    for (const [body, scimType] of cases) {
      const response = await f.a.patch(`/Groups/${id}`, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.scimType, JSON.stringify(body)).toBe(scimType);
    }
  });
});
