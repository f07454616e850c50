// What the SCIM endpoint accepts as a JSON request body, beyond well-formed JSON.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '../../scim/scim-json.ts';
import { type ScimFixture, scimFixture } from '../../testing/scim/scim-fixture.ts';
import {
  ENTERPRISE,
  ERROR_SCHEMA,
  GROUP_SCHEMA,
  PATCH_OP,
  USER_SCHEMA,
} from '../../testing/scim/scim-test-client.ts';

let f: ScimFixture;
beforeEach(async () => {
  f = await scimFixture();
});
afterEach(() => f.close());

const count = (table: string) => f.value(sql`SELECT count(*) FROM ${sql.table(table)}`);

describe('deeply nested bodies', () => {
  const tooDeep = {
    schemas: [ERROR_SCHEMA],
    status: '400',
    scimType: 'invalidSyntax',
    detail: `The request body is nested too deeply (at most ${MAX_JSON_DEPTH} levels)`,
  };
  const deepObject = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

  it('refuses nesting deeper than 100 levels with 400 invalidSyntax, and stores nothing', async () => {
    const deepList = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const created = await f.a.post(
      '/Users',
      `{"schemas":["${USER_SCHEMA}","${ENTERPRISE}"],"userName":"deep","${ENTERPRISE}":{"manager":${deepObject(150)}},"x":${deepList}}`,
    );
    expect(created).toMatchObject({ status: 400, body: tooDeep });
    const group = await f.a.post(
      '/Groups',
      `{"schemas":["${GROUP_SCHEMA}"],"displayName":"g","members":[${deepObject(MAX_JSON_DEPTH)}]}`,
    );
    expect(group).toMatchObject({ status: 400, body: tooDeep });
    expect(await count('scim_users')).toBe(0);
    expect(await count('scim_groups')).toBe(0);

    const user = await f.a.post('/Users', { schemas: [USER_SCHEMA], userName: 'u' });
    const patched = await f.a.patch(
      `/Users/${user.body.id}`,
      `{"schemas":["${PATCH_OP}"],"Operations":[{"op":"replace","path":"name","value":${deepObject(200)}}]}`,
    );
    expect(patched).toMatchObject({ status: 400, body: tooDeep });
  });

  it('still reads 100 levels', async () => {
    // The body is level 1; the 99 objects under `x` are levels 2 to 100.
    const answer = await f.a.post(
      '/Users',
      `{"schemas":["${USER_SCHEMA}"],"userName":"ok","x":${deepObject(MAX_JSON_DEPTH - 1)}}`,
    );
    expect(answer.status).toBe(201);
  });
});

describe('text that is not valid UTF-8', () => {
  const invalid = (detail: string) => ({
    status: 400,
    body: { schemas: [ERROR_SCHEMA], status: '400', scimType: 'invalidValue', detail },
  });

  it('refuses a lone surrogate in a value or a name with 400 invalidValue, and stores nothing', async () => {
    expect(
      await f.a.post('/Users', `{"schemas":["${USER_SCHEMA}"],"userName":"a\\ud800c"}`),
    ).toMatchObject(invalid('userName must be valid UTF-8 text'));
    expect(
      await f.a.post(
        '/Users',
        `{"schemas":["${USER_SCHEMA}"],"userName":"b","emails":[{"value":"x\\udc00@acme.test"}]}`,
      ),
    ).toMatchObject(invalid('emails[0].value must be valid UTF-8 text'));
    expect(
      await f.a.post('/Users', `{"schemas":["${USER_SCHEMA}"],"userName":"c","\\ud800":"x"}`),
    ).toMatchObject(invalid('Attribute names must be valid UTF-8 text'));
    expect(
      await f.a.post('/Groups', `{"schemas":["${GROUP_SCHEMA}"],"displayName":"G\\udbff"}`),
    ).toMatchObject(invalid('displayName must be valid UTF-8 text'));
    expect(await count('scim_users')).toBe(0);
    expect(await count('users')).toBe(2);
    expect(await count('scim_groups')).toBe(0);

    const user = await f.a.post('/Users', { schemas: [USER_SCHEMA], userName: 'grace' });
    const patched = await f.a.patch(
      `/Users/${user.body.id}`,
      `{"schemas":["${PATCH_OP}"],"Operations":[{"op":"replace","path":"displayName","value":"\\ud800"}]}`,
    );
    expect(patched).toMatchObject(invalid('Operations[0].value must be valid UTF-8 text'));
    expect((await f.a.get(`/Users/${user.body.id}`)).body).not.toHaveProperty('displayName');
  });

  it('refuses a lone surrogate escaped in a filter or a PATCH path filter', async () => {
    const user = await f.a.post('/Users', { schemas: [USER_SCHEMA], userName: 'grace' });
    // PATCH creates the value a path filter did not find, from the filter's equalities.
    const patched = await f.a.patch(
      `/Users/${user.body.id}`,
      `{"schemas":["${PATCH_OP}"],"Operations":[{"op":"replace","path":"emails[type eq \\"\\\\ud800\\"].value","value":"g@acme.test"}]}`,
    );
    expect(patched).toMatchObject({
      status: 400,
      body: {
        scimType: 'invalidFilter',
        detail: 'Invalid string at position 9: not valid UTF-8 text',
      },
    });
    expect((await f.a.get(`/Users/${user.body.id}`)).body).not.toHaveProperty('emails');
    const listed = await f.a.get(`/Users?filter=${encodeURIComponent('userName eq "\\udc00"')}`);
    expect(listed).toMatchObject({ status: 400, body: { scimType: 'invalidFilter' } });
  });

  it('keeps characters outside the BMP (surrogate pairs) as they are', async () => {
    const userName = 'ada\u{1F511}@acme.test';
    const created = await f.a.post('/Users', { schemas: [USER_SCHEMA], userName });
    expect(created.status).toBe(201);
    expect((await f.a.get(`/Users/${created.body.id}`)).body.userName).toBe(userName);
    expect(await f.value(sql`SELECT user_name FROM scim_users`)).toBe(userName);
  });
});
