import { afterEach, beforeEach, expect, it } from 'vitest';
import { type ScimFixture, scimFixture } from '../../testing/scim/scim-fixture.ts';
import { GROUP_SCHEMA, patchOp, USER_SCHEMA } from '../../testing/scim/scim-test-client.ts';

let f: ScimFixture;
beforeEach(async () => {
  f = await scimFixture();
});
afterEach(() => f.close());

it('keeps every resource inside the token organization', async () => {
  const ada = (
    await f.a.post('/Users', {
      schemas: [USER_SCHEMA],
      userName: 'ada@acme.test',
      externalId: 'x1',
    })
  ).body.id;
  const eng = (await f.a.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Eng' })).body.id;

  // Organization B sees nothing of A, by list, filter or id.
  expect((await f.b.get('/Users')).body.totalResults).toBe(0);
  expect(
    (await f.b.get(`/Users?filter=${encodeURIComponent('userName eq "ada@acme.test"')}`)).body
      .totalResults,
  ).toBe(0);
  expect(
    (await f.b.get(`/Users?filter=${encodeURIComponent(`id eq "${ada}"`)}`)).body.totalResults,
  ).toBe(0);
  expect((await f.b.get('/Groups')).body.totalResults).toBe(0);
  for (const response of [
    await f.b.get(`/Users/${ada}`),
    await f.b.put(`/Users/${ada}`, { schemas: [USER_SCHEMA], userName: 'stolen' }),
    await f.b.patch(`/Users/${ada}`, patchOp({ op: 'replace', path: 'active', value: false })),
    await f.b.delete(`/Users/${ada}`),
    await f.b.get(`/Groups/${eng}`),
    await f.b.put(`/Groups/${eng}`, { schemas: [GROUP_SCHEMA], displayName: 'Stolen' }),
    await f.b.patch(
      `/Groups/${eng}`,
      patchOp({ op: 'add', path: 'members', value: [{ value: ada }] }),
    ),
    await f.b.delete(`/Groups/${eng}`),
  ]) {
    expect(response.status).toBe(404);
  }

  // B cannot put A's user into its own group.
  const globex = (await f.b.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Globex' }))
    .body.id;
  const steal = await f.b.patch(
    `/Groups/${globex}`,
    patchOp({ op: 'add', path: 'members', value: [{ value: ada }] }),
  );
  expect(steal.status).toBe(400);

  // A's resources are untouched.
  expect((await f.a.get(`/Users/${ada}`)).body).toMatchObject({
    userName: 'ada@acme.test',
    active: true,
  });
  expect((await f.a.get(`/Groups/${eng}`)).body.displayName).toBe('Eng');

  // A second configuration of the same organization shares its users.
  const second = await f.configuration(f.orgA);
  expect((await f.client(second.token).get(`/Users/${ada}`)).status).toBe(200);
});
