import { describe, expect, it } from 'vitest';
import { ScimError } from './scim-errors.ts';
import type { JsonObject } from './scim-json.ts';
import {
  applyPatch,
  PATCH_OP_SCHEMA,
  type PatchOperation,
  parsePatchRequest,
} from './scim-patch.ts';
import {
  ENTERPRISE_USER_SCHEMA,
  groupResourceSchema,
  userResourceSchema,
} from './scim-schema-definitions.ts';

const ada = (): JsonObject => ({
  userName: 'ada@acme.test',
  externalId: 'ext-1',
  active: true,
  name: { givenName: 'Ada', familyName: 'Lovelace' },
  emails: [
    { value: 'ada@acme.test', type: 'work', primary: true },
    { value: 'ada@home.test', type: 'home' },
  ],
});

const patchUser = (resource: JsonObject, ...operations: PatchOperation[]) =>
  applyPatch(resource, operations, userResourceSchema);

function failure(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof ScimError) return `${error.status} ${error.scimType}`;
    throw error;
  }
  return undefined;
}

describe('parsePatchRequest', () => {
  it('accepts capitalised op names and keys, as Microsoft Entra ID sends them', () => {
    expect(
      parsePatchRequest({
        schemas: [PATCH_OP_SCHEMA],
        Operations: [
          { op: 'Replace', path: 'active', value: 'False' },
          { Op: 'Add', Value: { title: 'Dr' } },
          { op: 'remove', path: 'title' },
        ],
      }),
    ).toEqual([
      { op: 'replace', path: 'active', value: 'False' },
      { op: 'add', value: { title: 'Dr' } },
      { op: 'remove', path: 'title' },
    ]);
  });

  it.each([
    [{ Operations: [{ op: 'add', value: {} }] }, '400 invalidSyntax'],
    [{ schemas: ['urn:x'], Operations: [{ op: 'add', value: {} }] }, '400 invalidSyntax'],
    [{ schemas: [PATCH_OP_SCHEMA], Operations: [] }, '400 invalidSyntax'],
    [{ schemas: [PATCH_OP_SCHEMA], Operations: {} }, '400 invalidSyntax'],
    [{ schemas: [PATCH_OP_SCHEMA], Operations: ['add'] }, '400 invalidSyntax'],
    [{ schemas: [PATCH_OP_SCHEMA], Operations: [{ op: 'move', path: 'a' }] }, '400 invalidSyntax'],
    [
      { schemas: [PATCH_OP_SCHEMA], Operations: [{ op: 'add', path: 'title' }] },
      '400 invalidValue',
    ],
    [
      { schemas: [PATCH_OP_SCHEMA], Operations: [{ op: 'add', path: 7, value: 1 }] },
      '400 invalidPath',
    ],
  ])('rejects %j', (body, expected) => {
    expect(failure(() => parsePatchRequest(body as JsonObject))).toBe(expected);
  });
});

describe('applyPatch on users', () => {
  it('replaces, adds and removes simple and sub-attributes by path', () => {
    const result = patchUser(
      ada(),
      { op: 'replace', path: 'name.givenName', value: 'Augusta' },
      { op: 'add', path: 'displayName', value: 'Ada L.' },
      { op: 'replace', path: 'userName', value: 'augusta@acme.test' },
      { op: 'remove', path: 'externalId' },
    );
    expect(result).toMatchObject({
      userName: 'augusta@acme.test',
      displayName: 'Ada L.',
      name: { givenName: 'Augusta', familyName: 'Lovelace' },
    });
    expect(result.externalId).toBeUndefined();
  });

  it('turns "False"/"True" strings into booleans, with and without a path', () => {
    expect(patchUser(ada(), { op: 'replace', value: { active: 'False' } }).active).toBe(false);
    expect(patchUser(ada(), { op: 'replace', path: 'active', value: 'false' }).active).toBe(false);
    expect(
      patchUser({ ...ada(), active: false }, { op: 'replace', path: 'ACTIVE', value: 'True' })
        .active,
    ).toBe(true);
  });

  it('applies each key of a path-less value as a path, including dotted and filtered keys', () => {
    const result = patchUser(ada(), {
      op: 'replace',
      value: {
        id: 'ignored',
        'name.familyName': 'King',
        'emails[type eq "work"].value': 'ada@king.test',
        [ENTERPRISE_USER_SCHEMA]: { department: 'Math' },
        [`${ENTERPRISE_USER_SCHEMA}:employeeNumber`]: '42',
      },
    });
    expect(result.name).toEqual({ givenName: 'Ada', familyName: 'King' });
    expect(result.emails).toEqual([
      { value: 'ada@king.test', type: 'work', primary: true },
      { value: 'ada@home.test', type: 'home' },
    ]);
    expect(result[ENTERPRISE_USER_SCHEMA]).toEqual({ employeeNumber: '42', department: 'Math' });
  });

  it('merges sub-attributes when replacing a complex attribute (RFC 7644 §3.5.2.3)', () => {
    expect(
      patchUser(ada(), { op: 'replace', path: 'name', value: { middleName: 'B' } }).name,
    ).toEqual({
      familyName: 'Lovelace',
      givenName: 'Ada',
      middleName: 'B',
    });
  });

  it('sets emails[type eq "work"].value on the matching email, or creates it', () => {
    const replaced = patchUser(ada(), {
      op: 'replace',
      path: 'emails[type eq "work"].value',
      value: 'lovelace@acme.test',
    });
    expect(replaced.emails).toEqual([
      { value: 'lovelace@acme.test', type: 'work', primary: true },
      { value: 'ada@home.test', type: 'home' },
    ]);
    const created = patchUser(
      { userName: 'bob' },
      { op: 'add', path: 'emails[type eq "work"].value', value: 'bob@acme.test' },
    );
    expect(created.emails).toEqual([{ value: 'bob@acme.test', type: 'work' }]);
  });

  it('adds to multi-valued attributes without duplicates and keeps a single primary', () => {
    const result = patchUser(ada(), {
      op: 'add',
      path: 'emails',
      value: [
        { value: 'ADA@acme.test', type: 'work' },
        { value: 'ada@new.test', type: 'other', primary: true },
      ],
    });
    expect(result.emails).toEqual([
      { value: 'ada@acme.test', type: 'work', primary: false },
      { value: 'ada@home.test', type: 'home' },
      { value: 'ada@new.test', type: 'other', primary: true },
    ]);
  });

  it('removes values by filter and a sub-attribute from matching values', () => {
    expect(patchUser(ada(), { op: 'remove', path: 'emails[type eq "home"]' }).emails).toEqual([
      { value: 'ada@acme.test', type: 'work', primary: true },
    ]);
    expect(
      patchUser(ada(), { op: 'remove', path: 'emails[type eq "work"].primary' }).emails,
    ).toEqual([
      { value: 'ada@acme.test', type: 'work' },
      { value: 'ada@home.test', type: 'home' },
    ]);
    // An email without its address is no email.
    expect(patchUser(ada(), { op: 'remove', path: 'emails[type eq "work"].value' }).emails).toEqual(
      [{ value: 'ada@home.test', type: 'home' }],
    );
  });

  it('sets and removes the enterprise manager, including the bare-id form', () => {
    const withManager = patchUser(ada(), {
      op: 'add',
      path: `${ENTERPRISE_USER_SCHEMA}:manager`,
      value: 'manager-id',
    });
    expect(withManager[ENTERPRISE_USER_SCHEMA]).toEqual({ manager: { value: 'manager-id' } });
    const removed = patchUser(withManager, {
      op: 'remove',
      path: `${ENTERPRISE_USER_SCHEMA}:manager`,
    });
    expect(removed[ENTERPRISE_USER_SCHEMA]).toBeUndefined();
  });

  it('discards passwords instead of storing them', () => {
    expect(
      patchUser(ada(), { op: 'replace', path: 'password', value: 's3cret' }).password,
    ).toBeUndefined();
    expect(
      patchUser(ada(), { op: 'replace', value: { password: 's3cret' } }).password,
    ).toBeUndefined();
  });

  it('leaves the input untouched', () => {
    const input = ada();
    patchUser(input, { op: 'replace', path: 'active', value: false });
    expect(input).toEqual(ada());
  });

  it.each<[string, PatchOperation, string]>([
    [
      'unknown attribute',
      { op: 'replace', path: 'favouriteColour', value: 'red' },
      '400 invalidPath',
    ],
    [
      'unknown sub-attribute',
      { op: 'replace', path: 'name.nickname', value: 'x' },
      '400 invalidPath',
    ],
    ['unknown schema', { op: 'replace', path: 'urn:x:y:Thing:a', value: 'x' }, '400 invalidPath'],
    ['read-only attribute', { op: 'replace', path: 'id', value: 'x' }, '400 mutability'],
    ['read-only groups', { op: 'add', path: 'groups', value: [{ value: 'g' }] }, '400 mutability'],
    [
      'filter on a simple attribute',
      { op: 'replace', path: 'title[value eq "x"]', value: 'y' },
      '400 invalidPath',
    ],
    [
      'bad filter in path',
      { op: 'replace', path: 'emails[type eq]', value: 'y' },
      '400 invalidFilter',
    ],
    ['remove without path', { op: 'remove' }, '400 noTarget'],
    ['path-less value not an object', { op: 'replace', value: 'x' }, '400 invalidValue'],
    ['non-boolean active', { op: 'replace', path: 'active', value: 'maybe' }, '400 invalidValue'],
    ['non-string userName', { op: 'replace', value: { userName: 42 } }, '400 invalidValue'],
    ['removing the required userName', { op: 'remove', path: 'userName' }, '400 invalidValue'],
    [
      'no match and nothing to create from',
      { op: 'replace', path: 'emails[value co "x"].type', value: 'work' },
      '400 noTarget',
    ],
  ])('rejects %s', (_label, operation, expected) => {
    expect(failure(() => patchUser(ada(), operation))).toBe(expected);
  });
});

describe('applyPatch on groups', () => {
  const group = (): JsonObject => ({
    displayName: 'Eng',
    members: [{ value: 'u1' }, { value: 'u2' }],
  });
  const patchGroup = (...operations: PatchOperation[]) =>
    applyPatch(group(), operations, groupResourceSchema);

  it('adds members once', () => {
    expect(
      patchGroup({ op: 'add', path: 'members', value: [{ value: 'u2' }, { value: 'u3' }] }).members,
    ).toEqual([{ value: 'u1' }, { value: 'u2' }, { value: 'u3' }]);
  });

  it('removes a member by filter (Okta, Entra) and by value list (older Entra)', () => {
    expect(patchGroup({ op: 'remove', path: 'members[value eq "u1"]' }).members).toEqual([
      { value: 'u2' },
    ]);
    expect(patchGroup({ op: 'remove', path: 'members', value: [{ value: 'u2' }] }).members).toEqual(
      [{ value: 'u1' }],
    );
    expect(patchGroup({ op: 'remove', path: 'members' }).members).toBeUndefined();
  });

  it('renames with and without a path, ignoring the id Okta echoes', () => {
    expect(patchGroup({ op: 'replace', path: 'displayName', value: 'Platform' }).displayName).toBe(
      'Platform',
    );
    expect(
      patchGroup({ op: 'replace', value: { id: 'g1', displayName: 'Platform' } }).displayName,
    ).toBe('Platform');
  });

  it('replaces all members', () => {
    expect(
      patchGroup({ op: 'replace', path: 'members', value: [{ value: 'u9' }] }).members,
    ).toEqual([{ value: 'u9' }]);
  });
});
