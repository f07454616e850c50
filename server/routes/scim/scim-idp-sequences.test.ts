// The request sequences Okta and Microsoft Entra ID send while provisioning, end to end.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getActivity } from '../../services/provisioning-activity-service.ts';
import { type ScimFixture, scimFixture } from '../../testing/scim/scim-fixture.ts';
import {
  ENTERPRISE,
  GROUP_SCHEMA,
  PATCH_OP,
  type ScimClient,
  type ScimResponse,
  USER_SCHEMA,
} from '../../testing/scim/scim-test-client.ts';

let f: ScimFixture;
beforeEach(async () => {
  f = await scimFixture();
});
afterEach(() => f.close());

/** Counts the requests an identity provider makes, to check the activity numbers. */
function counting(client: ScimClient): ScimClient & { readonly requests: number } {
  let requests = 0;
  const count =
    <A extends unknown[]>(call: (...args: A) => Promise<ScimResponse>) =>
    (...args: A) => {
      requests += 1;
      return call(...args);
    };
  return {
    get: count(client.get),
    post: count(client.post),
    put: count(client.put),
    patch: count(client.patch),
    delete: count(client.delete),
    send: count(client.send),
    get requests() {
      return requests;
    },
  };
}

const filterQuery = (filter: string) => `filter=${encodeURIComponent(filter)}`;

function memberStatus(id: string): unknown {
  return f.value(sql`SELECT status FROM users WHERE id = ${id}`);
}

describe('Okta-style provisioning', () => {
  it('imports, creates, deactivates a user and pushes a group', async () => {
    const okta = counting(f.a);
    const lookup = `/Users?${filterQuery('userName eq "ada.lovelace@acme.test"')}&startIndex=1&count=100`;

    const before = await okta.get(lookup);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ totalResults: 0, Resources: [] });

    const created = await okta.post('/Users', {
      schemas: [USER_SCHEMA],
      userName: 'ada.lovelace@acme.test',
      name: { givenName: 'Ada', familyName: 'Lovelace' },
      emails: [{ primary: true, value: 'ada.lovelace@acme.test', type: 'work' }],
      displayName: 'Ada Lovelace',
      locale: 'en-US',
      externalId: '00ujl29u0le5T6Aj10h7',
      groups: [],
      password: '1mz050nq',
      active: true,
    });
    expect(created.status).toBe(201);
    const userId: string = created.body.id;
    expect(await memberStatus(userId)).toBe('USER_STATUS_ACTIVE');

    const found = await okta.get(lookup);
    expect(found.body.totalResults).toBe(1);
    expect(found.body.Resources[0]).toMatchObject({
      id: userId,
      active: true,
      userName: 'ada.lovelace@acme.test',
    });

    expect((await okta.get(`/Users/${userId}`)).body.displayName).toBe('Ada Lovelace');

    const updated = await okta.patch(`/Users/${userId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', value: { 'name.givenName': 'Augusta' } }],
    });
    expect(updated.body.name).toEqual({ givenName: 'Augusta', familyName: 'Lovelace' });

    const deactivated = await okta.patch(`/Users/${userId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', value: { active: false } }],
    });
    expect(deactivated.status).toBe(200);
    expect(deactivated.body.active).toBe(false);
    expect(await memberStatus(userId)).toBe('USER_STATUS_SUSPENDED');

    const second = (
      await okta.post('/Users', { schemas: [USER_SCHEMA], userName: 'grace@acme.test' })
    ).body.id;

    // Group push.
    const pushed = await okta.post('/Groups', {
      schemas: [GROUP_SCHEMA],
      displayName: 'Engineering',
      members: [],
    });
    expect(pushed.status).toBe(201);
    const groupId: string = pushed.body.id;
    const withMembers = await okta.patch(`/Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: [
        {
          op: 'add',
          path: 'members',
          value: [{ value: userId, display: 'ada.lovelace@acme.test' }, { value: second }],
        },
      ],
    });
    expect(withMembers.status).toBe(200);
    expect(withMembers.body.members.map((m: { value: string }) => m.value).sort()).toEqual(
      [userId, second].sort(),
    );

    const removed = await okta.patch(`/Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'remove', path: `members[value eq "${userId}"]` }],
    });
    expect(removed.body.members.map((m: { value: string }) => m.value)).toEqual([second]);

    const renamed = await okta.patch(`/Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', value: { id: groupId, displayName: 'Engineering Team' } }],
    });
    expect(renamed.body.displayName).toBe('Engineering Team');

    const replaced = await okta.put(`/Groups/${groupId}`, {
      schemas: [GROUP_SCHEMA],
      id: groupId,
      displayName: 'Engineering',
      members: [{ value: userId }],
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body.members.map((m: { value: string }) => m.value)).toEqual([userId]);

    const kept = (await okta.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Everyone' }))
      .body.id;
    expect(kept).toBeTruthy();
    expect((await okta.delete(`/Groups/${groupId}`)).status).toBe(204);
    expect((await okta.get(`/Groups/${groupId}`)).status).toBe(404);

    const [activity] = await getActivity(f.repos, f.orgA, [f.configA.id], f.now());
    expect(activity).toEqual({
      scimConfigurationId: f.configA.id,
      lastRequestAt: f.now().toISOString(),
      requestsLast24h: okta.requests,
      rejectedLast24h: 0,
      rejectedByReasonLast24h: { unknownToken: 0, expiredToken: 0, provisioningDisabled: 0 },
      provisionedUsers: 2,
      provisionedGroups: 1,
    });
    expect(okta.requests).toBe(15);
  });
});

describe('Microsoft Entra ID-style provisioning', () => {
  it('creates with the enterprise extension, patches with and without paths, deletes', async () => {
    const entra = counting(f.a);
    // Entra's connection test: a filter for a user that cannot exist.
    const probe = await entra.get(
      `/Users?${filterQuery('userName eq "f1c5a3b2-0e7d-4f8e-9d6c-3b2a1f0e9d8c"')}`,
    );
    expect(probe.body.totalResults).toBe(0);

    const created = await entra.post('/Users', {
      schemas: [USER_SCHEMA, ENTERPRISE],
      externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
      userName: 'Test_User_ab6490ee@contoso.com',
      active: true,
      displayName: 'Test User',
      emails: [{ primary: true, type: 'work', value: 'Test_User_fd0ea19b@contoso.com' }],
      meta: { resourceType: 'User' },
      name: { formatted: 'Test User', familyName: 'User', givenName: 'Test' },
      roles: [],
      [ENTERPRISE]: { employeeNumber: '1234', department: 'Sales' },
    });
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    expect(created.body[ENTERPRISE]).toEqual({ employeeNumber: '1234', department: 'Sales' });

    const byExternalId = await entra.get(
      `/Users?${filterQuery('externalId eq "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159"')}`,
    );
    expect(byExternalId.body.Resources.map((r: { id: string }) => r.id)).toEqual([id]);
    const byEmail = await entra.get(
      `/Users?${filterQuery('emails[type eq "work"].value eq "test_user_fd0ea19b@contoso.com"')}`,
    );
    expect(byEmail.body.totalResults).toBe(1);

    const disabled = await entra.patch(`/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Replace', value: { active: 'False' } }],
    });
    expect(disabled.status).toBe(200);
    expect(disabled.body.active).toBe(false);
    expect(await memberStatus(id)).toBe('USER_STATUS_SUSPENDED');

    const enabled = await entra.patch(`/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Replace', path: 'active', value: 'True' }],
    });
    expect(enabled.body.active).toBe(true);
    expect(await memberStatus(id)).toBe('USER_STATUS_ACTIVE');

    const changed = await entra.patch(`/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [
        {
          op: 'replace',
          path: 'emails[type eq "work"].value',
          value: 'updatedEmail@microsoft.com',
        },
        { op: 'Add', path: 'name.familyName', value: 'updatedFamilyName' },
        { op: 'Replace', path: `${ENTERPRISE}:department`, value: 'Engineering' },
        { op: 'Add', path: `${ENTERPRISE}:manager`, value: 'manager-object-id' },
        { op: 'Add', path: 'phoneNumbers[type eq "mobile"].value', value: '+1 555 0100' },
        { op: 'Replace', path: 'addresses[type eq "work"].locality', value: 'Redmond' },
      ],
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      emails: [{ primary: true, type: 'work', value: 'updatedEmail@microsoft.com' }],
      name: { familyName: 'updatedFamilyName', givenName: 'Test' },
      phoneNumbers: [{ value: '+1 555 0100', type: 'mobile' }],
      addresses: [{ locality: 'Redmond', type: 'work' }],
      [ENTERPRISE]: {
        employeeNumber: '1234',
        department: 'Engineering',
        manager: { value: 'manager-object-id' },
      },
    });
    expect(await f.value(sql`SELECT email FROM users WHERE id = ${id}`)).toBe(
      'updatedEmail@microsoft.com',
    );

    const renamed = await entra.patch(`/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Replace', path: 'userName', value: 'renamed@contoso.com' }],
    });
    expect(renamed.body.userName).toBe('renamed@contoso.com');

    // Groups: create, look up without members, add and remove in Entra's forms.
    const group = await entra.post('/Groups', {
      schemas: [GROUP_SCHEMA],
      externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
      displayName: 'displayName',
      meta: { resourceType: 'Group' },
    });
    expect(group.status).toBe(201);
    const groupId: string = group.body.id;
    const lookup = await entra.get(
      `/Groups?excludedAttributes=members&${filterQuery('displayName eq "displayName"')}`,
    );
    expect(lookup.body.Resources).toEqual([
      expect.not.objectContaining({ members: expect.anything() }),
    ]);
    await entra.patch(`/Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Add', path: 'members', value: [{ $ref: null, value: id }] }],
    });
    const member = await entra.get(
      `/Groups?${filterQuery(`id eq "${groupId}" and members[value eq "${id}"]`)}&excludedAttributes=members`,
    );
    expect(member.body.totalResults).toBe(1);
    await entra.patch(`/Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Remove', path: 'members', value: [{ $ref: null, value: id }] }],
    });
    const notMember = await entra.get(
      `/Groups?${filterQuery(`id eq "${groupId}" and members[value eq "${id}"]`)}&excludedAttributes=members`,
    );
    expect(notMember.body.totalResults).toBe(0);
    await entra.patch(`/Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: [
        {
          op: 'Replace',
          path: 'displayName',
          value: '1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName',
        },
      ],
    });

    const deleted = await entra.delete(`/Users/${id}`);
    expect(deleted.status).toBe(204);
    expect((await entra.get(`/Users/${id}`)).status).toBe(404);
    expect(await memberStatus(id)).toBeUndefined();

    f.advance(30_000);
    const [activity] = await getActivity(f.repos, f.orgA, [f.configA.id], f.now());
    expect(activity).toMatchObject({
      lastRequestAt: new Date(f.now().getTime() - 30_000).toISOString(),
      requestsLast24h: entra.requests,
      rejectedLast24h: 0,
      provisionedUsers: 0,
      provisionedGroups: 1,
    });
    expect(entra.requests).toBe(17);
  });
});
