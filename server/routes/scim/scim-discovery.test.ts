import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ORIGIN, type ScimFixture, scimFixture } from '../../testing/scim/scim-fixture.ts';
import {
  ENTERPRISE,
  ERROR_SCHEMA,
  GROUP_SCHEMA,
  scimClient,
  USER_SCHEMA,
} from '../../testing/scim/scim-test-client.ts';
import { createScimV2App } from './scim-app.ts';

let f: ScimFixture;
beforeEach(async () => {
  f = await scimFixture();
});
afterEach(() => f.close());

describe('discovery', () => {
  it('describes the provider: patch and filter yes, bulk, sort, etag and changePassword no, bearer auth', async () => {
    const response = await f.a.get('/ServiceProviderConfig');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('application/scim+json');
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect(response.body).toMatchObject({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true, maxResults: 200 },
      changePassword: { supported: false },
      sort: { supported: false },
      etag: { supported: false },
      authenticationSchemes: [expect.objectContaining({ type: 'oauthbearertoken', primary: true })],
      meta: {
        resourceType: 'ServiceProviderConfig',
        location: `${ORIGIN}/scim/v2/ServiceProviderConfig`,
      },
    });
  });

  it('lists the User and Group resource types', async () => {
    const list = await f.a.get('/ResourceTypes');
    expect(list.body).toMatchObject({ totalResults: 2, itemsPerPage: 2, startIndex: 1 });
    expect(list.body.Resources.map((type: { id: string }) => type.id)).toEqual(['User', 'Group']);
    const userType = await f.a.get('/ResourceTypes/User');
    expect(userType.body).toMatchObject({
      id: 'User',
      endpoint: '/Users',
      schema: USER_SCHEMA,
      schemaExtensions: [{ schema: ENTERPRISE, required: false }],
    });
    expect((await f.a.get('/ResourceTypes/Group')).body).toMatchObject({
      endpoint: '/Groups',
      schema: GROUP_SCHEMA,
    });
    expect((await f.a.get('/ResourceTypes/Device')).status).toBe(404);
  });

  it('publishes the supported attributes of each schema', async () => {
    const list = await f.a.get('/Schemas');
    expect(list.body.Resources.map((schema: { id: string }) => schema.id)).toEqual([
      USER_SCHEMA,
      ENTERPRISE,
      GROUP_SCHEMA,
    ]);
    const userSchema = await f.a.get(`/Schemas/${USER_SCHEMA}`);
    const names = userSchema.body.attributes.map((attribute: { name: string }) => attribute.name);
    expect(names).toEqual(
      expect.arrayContaining(['userName', 'name', 'displayName', 'active', 'emails', 'groups']),
    );
    expect(userSchema.body.attributes[0]).toMatchObject({
      name: 'userName',
      type: 'string',
      required: true,
      caseExact: false,
      uniqueness: 'server',
    });
    const groupSchema = await f.a.get(`/Schemas/${GROUP_SCHEMA}`);
    expect(
      groupSchema.body.attributes.find((a: { name: string }) => a.name === 'members').subAttributes
        .length,
    ).toBeGreaterThan(0);
    expect((await f.a.get('/Schemas/urn:example:nope')).status).toBe(404);
  });

  it('answers unknown routes and methods with a SCIM 404', async () => {
    for (const response of [
      await f.a.get('/Devices'),
      await f.a.post('/Bulk', {}),
      await f.a.send('/Users', { method: 'DELETE' }),
    ]) {
      expect(response.status).toBe(404);
      expect(response.headers.get('Content-Type')).toBe('application/scim+json');
      expect(response.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '404' });
    }
  });
});

describe('unexpected failures', () => {
  it('answer a SCIM 500 and are logged without the token', async () => {
    const lines: string[] = [];
    const app = createScimV2App({
      storage: f.storage,
      log: { error: (line) => lines.push(line) },
    });
    await sql`DROP TABLE scim_group_members`.execute(f.database.db);
    await sql`DROP TABLE scim_users`.execute(f.database.db);
    const response = await scimClient(app, f.configA.token).get('/Users');
    expect(response.status).toBe(500);
    expect(response.body).toEqual({
      schemas: [ERROR_SCHEMA],
      status: '500',
      detail: 'Internal error',
    });
    expect(lines).toHaveLength(1);
    // SQLite: no such table; PostgreSQL: relation does not exist.
    expect(lines[0]).toMatch(/no such table|does not exist/);
    expect(lines[0]).not.toContain(f.configA.token);
  });
});
