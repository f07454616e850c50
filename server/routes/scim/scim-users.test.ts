import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ORIGIN, type ScimFixture, scimFixture } from '../../testing/scim/scim-fixture.ts';
import { T0 } from '../../testing/scim/scim-seed.ts';
import {
  ENTERPRISE,
  ERROR_SCHEMA,
  patchOp,
  USER_SCHEMA,
} from '../../testing/scim/scim-test-client.ts';

let f: ScimFixture;
beforeEach(async () => {
  f = await scimFixture();
});
afterEach(() => f.close());

const user = (userName: string, extra: Record<string, unknown> = {}) => ({
  schemas: [USER_SCHEMA],
  userName,
  ...extra,
});

async function createUser(userName: string, extra: Record<string, unknown> = {}) {
  const response = await f.a.post('/Users', user(userName, extra));
  expect(response.status).toBe(201);
  return response.body as { id: string } & Record<string, unknown>;
}

async function memberRow(id: string) {
  const { rows } = await sql`SELECT organization_id, name, email, role, status FROM users
    WHERE id = ${id}`.execute(f.database.db);
  return rows[0];
}

const q = (filter: string) => `/Users?filter=${encodeURIComponent(filter)}`;

describe('POST /Users', () => {
  it('creates an active organization member and returns the resource with meta', async () => {
    const response = await f.a.post(
      '/Users',
      user('ada@acme.test', {
        name: { givenName: 'Ada', familyName: 'Lovelace' },
        emails: [{ value: 'ada@acme.test', type: 'work', primary: true }],
      }),
    );
    expect(response.status).toBe(201);
    expect(response.headers.get('Content-Type')).toBe('application/scim+json');
    const { id } = response.body;
    expect(response.body).toEqual({
      schemas: [USER_SCHEMA],
      id,
      userName: 'ada@acme.test',
      name: { familyName: 'Lovelace', givenName: 'Ada' },
      emails: [{ value: 'ada@acme.test', type: 'work', primary: true }],
      active: true,
      meta: {
        resourceType: 'User',
        created: T0.toISOString(),
        lastModified: T0.toISOString(),
        location: `${ORIGIN}/scim/v2/Users/${id}`,
      },
    });
    expect(await memberRow(id)).toEqual({
      organization_id: f.orgA,
      name: 'Ada Lovelace',
      email: 'ada@acme.test',
      role: 'ORGANIZATION_ROLE_MEMBER',
      status: 'USER_STATUS_ACTIVE',
    });
  });

  it('creates a suspended member when active is false', async () => {
    const created = await createUser('off@acme.test', { active: false });
    expect(await memberRow(created.id)).toMatchObject({ status: 'USER_STATUS_SUSPENDED' });
  });

  it('answers 409 uniqueness for a duplicate userName, whatever its case', async () => {
    await createUser('ada@acme.test');
    const duplicate = await f.a.post('/Users', user('ADA@Acme.test'));
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toEqual({
      schemas: [ERROR_SCHEMA],
      status: '409',
      scimType: 'uniqueness',
      detail: 'A user with this userName already exists',
    });
  });

  it('lets two organizations use the same userName', async () => {
    await createUser('ada@acme.test');
    expect((await f.b.post('/Users', user('ada@acme.test'))).status).toBe(201);
  });

  it('keeps the enterprise extension, ignores unknown and read-only attributes, never stores passwords', async () => {
    const created = await createUser('ext@acme.test', {
      schemas: [USER_SCHEMA, ENTERPRISE],
      id: 'client-chosen',
      favouriteColour: 'red',
      password: 'hunter2',
      groups: [{ value: 'x' }],
      [ENTERPRISE]: { employeeNumber: '7', manager: { value: 'boss' } },
    });
    expect(created.id).not.toBe('client-chosen');
    expect(created.schemas).toEqual([USER_SCHEMA, ENTERPRISE]);
    expect(created[ENTERPRISE]).toEqual({ employeeNumber: '7', manager: { value: 'boss' } });
    expect(created).not.toHaveProperty('favouriteColour');
    expect(created).not.toHaveProperty('password');
    expect(created).not.toHaveProperty('groups');
    const stored = await f.value(sql`SELECT attributes FROM scim_users`);
    expect(String(stored)).not.toContain('hunter2');
  });

  it.each([
    ['malformed JSON', '{"schemas": [', 'invalidSyntax'],
    ['a JSON array', '[]', 'invalidSyntax'],
    ['no schemas', JSON.stringify({ userName: 'x' }), 'invalidSyntax'],
    [
      'the Group schema',
      JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], userName: 'x' }),
      'invalidSyntax',
    ],
    [
      'an unknown schema',
      JSON.stringify({ schemas: [USER_SCHEMA, 'urn:example:Thing'], userName: 'x' }),
      'invalidSyntax',
    ],
    ['no userName', JSON.stringify({ schemas: [USER_SCHEMA] }), 'invalidValue'],
    [
      'an empty userName',
      JSON.stringify({ schemas: [USER_SCHEMA], userName: '  ' }),
      'invalidValue',
    ],
    [
      'a numeric userName',
      JSON.stringify({ schemas: [USER_SCHEMA], userName: 42 }),
      'invalidValue',
    ],
    [
      'a bad active',
      JSON.stringify({ schemas: [USER_SCHEMA], userName: 'x', active: 'yes' }),
      'invalidValue',
    ],
    [
      'emails neither objects nor strings',
      JSON.stringify({ schemas: [USER_SCHEMA], userName: 'x', emails: [42] }),
      'invalidValue',
    ],
    [
      'a non-string email address',
      JSON.stringify({ schemas: [USER_SCHEMA], userName: 'x', emails: [{ value: true }] }),
      'invalidValue',
    ],
    [
      'two primary emails',
      JSON.stringify({
        schemas: [USER_SCHEMA],
        userName: 'x',
        emails: [
          { value: 'a', primary: true },
          { value: 'b', primary: true },
        ],
      }),
      'invalidValue',
    ],
  ])('answers 400 for %s', async (_label, body, scimType) => {
    const response = await f.a.post('/Users', body);
    expect(response.status).toBe(400);
    expect(response.headers.get('Content-Type')).toBe('application/scim+json');
    expect(response.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '400', scimType });
  });

  it('answers 413 above 1 MiB', async () => {
    const response = await f.a.post('/Users', user('big', { title: 'x'.repeat(1024 * 1024) }));
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '413' });
  });
});

describe('GET /Users', () => {
  it('filters by userName, externalId, emails, id and displayName', async () => {
    const ada = await createUser('ada@acme.test', {
      externalId: '00u1',
      displayName: 'Ada',
      emails: [{ value: 'ada@work.test', type: 'work' }],
    });
    await createUser('bob@acme.test', {
      externalId: '00u2',
      emails: [{ value: 'bob@home.test', type: 'home' }],
    });
    const ids = async (filter: string) => {
      const response = await f.a.get(q(filter));
      expect(response.status).toBe(200);
      return response.body.Resources.map((resource: { id: string }) => resource.id);
    };
    expect(await ids('userName eq "ADA@acme.test"')).toEqual([ada.id]);
    expect(await ids('externalId eq "00u1"')).toEqual([ada.id]);
    expect(await ids('emails[type eq "work"].value eq "ada@work.test"')).toEqual([ada.id]);
    expect(await ids('emails[type eq "work"].value eq "bob@home.test"')).toEqual([]);
    expect(await ids('emails.value eq "ADA@WORK.test"')).toEqual([ada.id]);
    expect(await ids(`id eq "${ada.id}"`)).toEqual([ada.id]);
    expect(await ids('displayName eq "ada"')).toEqual([ada.id]);
    expect(await ids('userName sw "b" or externalId eq "00u1"')).toHaveLength(2);
    expect(await ids('userName eq "ada@acme.test" and active eq false')).toEqual([]);
    expect(await ids('userName eq "nobody@acme.test"')).toEqual([]);
  });

  it('returns a ListResponse with 1-based paging and count 0 for totals only', async () => {
    for (let index = 1; index <= 5; index += 1) {
      f.advance(1);
      await createUser(`user${index}@acme.test`);
    }
    const page = await f.a.get('/Users?startIndex=2&count=2');
    expect(page.body).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 5,
      itemsPerPage: 2,
      startIndex: 2,
    });
    expect(page.body.Resources.map((r: { userName: string }) => r.userName)).toEqual([
      'user2@acme.test',
      'user3@acme.test',
    ]);
    const totals = await f.a.get('/Users?count=0');
    expect(totals.body).toMatchObject({ totalResults: 5, itemsPerPage: 0, Resources: [] });
    const clamped = await f.a.get('/Users?startIndex=0&count=-3');
    expect(clamped.body).toMatchObject({ startIndex: 1, itemsPerPage: 0, totalResults: 5 });
    const filtered = await f.a.get(`${q('userName sw "user"')}&startIndex=5&count=10`);
    expect(filtered.body).toMatchObject({ totalResults: 5, itemsPerPage: 1, startIndex: 5 });
    expect(filtered.body.Resources[0].userName).toBe('user5@acme.test');
  });

  it('caps count at 200', async () => {
    for (let index = 0; index < 205; index += 1) {
      await f.a.post('/Users', user(`bulk${index}@acme.test`));
    }
    const response = await f.a.get('/Users?count=1000');
    expect(response.body).toMatchObject({ totalResults: 205, itemsPerPage: 200 });
  });

  it('answers 400 invalidFilter for bad filters and invalidValue for bad paging', async () => {
    for (const filter of ['userName eq', 'nope eq "x"', 'userName eq 1', 'userName eq "x" or']) {
      const response = await f.a.get(q(filter));
      expect(response.status).toBe(400);
      expect(response.body.scimType).toBe('invalidFilter');
    }
    expect((await f.a.get('/Users?startIndex=abc')).body.scimType).toBe('invalidValue');
    expect((await f.a.get('/Users?count=1.5')).body.scimType).toBe('invalidValue');
    const far = await f.a.get('/Users?startIndex=99999999999999999999');
    expect(far.status).toBe(200);
    expect(far.body).toMatchObject({ totalResults: 0, itemsPerPage: 0 });
  });

  it('honours attributes and excludedAttributes', async () => {
    const ada = await createUser('ada@acme.test', {
      displayName: 'Ada',
      name: { givenName: 'Ada' },
    });
    const only = await f.a.get(`/Users/${ada.id}?attributes=userName,name.givenName`);
    expect(only.body).toEqual({
      schemas: [USER_SCHEMA],
      id: ada.id,
      userName: 'ada@acme.test',
      name: { givenName: 'Ada' },
    });
    const without = await f.a.get(`/Users?excludedAttributes=name,meta,id`);
    expect(without.body.Resources[0]).not.toHaveProperty('name');
    expect(without.body.Resources[0]).not.toHaveProperty('meta');
    expect(without.body.Resources[0].id).toBe(ada.id);
  });
});

describe('GET, PUT, PATCH, DELETE /Users/{id}', () => {
  it('reads a user, with the groups it belongs to', async () => {
    const ada = await createUser('ada@acme.test');
    const group = await f.a.post('/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'Engineering',
      members: [{ value: ada.id }],
    });
    const response = await f.a.get(`/Users/${ada.id}`);
    expect(response.status).toBe(200);
    expect(response.body.groups).toEqual([
      {
        value: group.body.id,
        $ref: `${ORIGIN}/scim/v2/Groups/${group.body.id}`,
        display: 'Engineering',
        type: 'direct',
      },
    ]);
  });

  it('answers 404 for an unknown id', async () => {
    const response = await f.a.get('/Users/00000000-0000-7000-8000-000000000000');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '404' });
    for (const request of [
      f.a.put('/Users/nope', user('x')),
      f.a.patch('/Users/nope', patchOp({ op: 'replace', path: 'active', value: false })),
      f.a.delete('/Users/nope'),
    ]) {
      expect((await request).status).toBe(404);
    }
  });

  it('replaces a user with PUT, respecting userName uniqueness', async () => {
    const ada = await createUser('ada@acme.test', { title: 'Countess', externalId: 'e1' });
    await createUser('bob@acme.test');
    f.advance(5000);
    const replaced = await f.a.put(
      `/Users/${ada.id}`,
      user('ada.lovelace@acme.test', { active: false }),
    );
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ userName: 'ada.lovelace@acme.test', active: false });
    expect(replaced.body).not.toHaveProperty('title');
    expect(replaced.body).not.toHaveProperty('externalId');
    expect(replaced.body.meta.lastModified).toBe(new Date(T0.getTime() + 5000).toISOString());
    expect(replaced.body.meta.created).toBe(T0.toISOString());
    expect(await memberRow(ada.id)).toMatchObject({
      status: 'USER_STATUS_SUSPENDED',
      email: 'ada.lovelace@acme.test',
    });
    const clash = await f.a.put(`/Users/${ada.id}`, user('BOB@acme.test'));
    expect(clash.status).toBe(409);
    expect(clash.body.scimType).toBe('uniqueness');
    // Changing only the case of one's own userName is no clash.
    expect((await f.a.put(`/Users/${ada.id}`, user('ADA.LOVELACE@acme.test'))).status).toBe(200);
    expect((await f.a.put(`/Users/${ada.id}`, '{')).body.scimType).toBe('invalidSyntax');
  });

  it('patches a user and mirrors it onto the member', async () => {
    const ada = await createUser('ada@acme.test');
    const patched = await f.a.patch(
      `/Users/${ada.id}`,
      patchOp(
        { op: 'replace', path: 'active', value: false },
        { op: 'add', path: 'name.givenName', value: 'Ada' },
        { op: 'add', path: 'emails[type eq "work"].value', value: 'ada@work.test' },
      ),
    );
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      active: false,
      name: { givenName: 'Ada' },
      emails: [{ value: 'ada@work.test', type: 'work' }],
    });
    expect(await memberRow(ada.id)).toMatchObject({
      status: 'USER_STATUS_SUSPENDED',
      name: 'Ada',
      email: 'ada@work.test',
    });
    const reactivated = await f.a.patch(
      `/Users/${ada.id}`,
      patchOp({ op: 'replace', value: { active: true } }),
    );
    expect(reactivated.body.active).toBe(true);
    expect(await memberRow(ada.id)).toMatchObject({ status: 'USER_STATUS_ACTIVE' });
  });

  it('answers 400 for bad PATCH requests and leaves the user unchanged', async () => {
    const ada = await createUser('ada@acme.test');
    await createUser('bob@acme.test');
    const cases: [unknown, string][] = [
      [{ Operations: [{ op: 'replace', path: 'active', value: false }] }, 'invalidSyntax'],
      [patchOp({ op: 'jump', path: 'active' }), 'invalidSyntax'],
      [patchOp({ op: 'replace', path: 'shoeSize', value: 42 }), 'invalidPath'],
      [patchOp({ op: 'replace', path: 'active', value: 'sometimes' }), 'invalidValue'],
      [patchOp({ op: 'replace', path: 'userName', value: 7 }), 'invalidValue'],
      [patchOp({ op: 'replace', path: 'emails[type eq ]', value: 'x' }), 'invalidFilter'],
      [patchOp({ op: 'replace', path: 'active', value: false }, { op: 'remove' }), 'noTarget'],
    ];
    for (const [body, scimType] of cases) {
      const response = await f.a.patch(`/Users/${ada.id}`, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.scimType, JSON.stringify(body)).toBe(scimType);
    }
    const clash = await f.a.patch(
      `/Users/${ada.id}`,
      patchOp({ op: 'replace', path: 'userName', value: 'Bob@acme.test' }),
    );
    expect(clash.status).toBe(409);
    expect((await f.a.get(`/Users/${ada.id}`)).body).toMatchObject({
      userName: 'ada@acme.test',
      active: true,
    });
  });

  it('deletes the user and the organization member behind it', async () => {
    const ada = await createUser('ada@acme.test');
    const response = await f.a.delete(`/Users/${ada.id}`);
    expect(response.status).toBe(204);
    expect(response.body).toBeUndefined();
    expect(await memberRow(ada.id)).toBeUndefined();
    expect((await f.a.get(`/Users/${ada.id}`)).status).toBe(404);
    expect((await f.a.delete(`/Users/${ada.id}`)).status).toBe(404);
  });

  it('never deletes members that SCIM did not provision', async () => {
    const admin = await f.value(sql`SELECT id FROM users WHERE organization_id = ${f.orgA}`);
    expect((await f.a.delete(`/Users/${String(admin)}`)).status).toBe(404);
    expect(await memberRow(String(admin))).toBeDefined();
  });
});
