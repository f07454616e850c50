import { describe, expect, it } from 'vitest';
import { ScimError } from './scim-errors.ts';
import { compileFilter, requiredEqualities } from './scim-filter-compiler.ts';
import { MAX_FILTER_LENGTH, parseFilter, parsePatchPath } from './scim-filter-parser.ts';
import type { JsonObject } from './scim-json.ts';
import { groupResourceSchema, userResourceSchema } from './scim-schema-definitions.ts';

function scimTypeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof ScimError) return `${error.status} ${error.scimType}`;
    throw error;
  }
  return undefined;
}

describe('parseFilter', () => {
  it('parses the equality filters identity providers send', () => {
    expect(parseFilter('userName eq "ada@acme.test"')).toEqual({
      kind: 'compare',
      path: { attribute: 'userName' },
      operator: 'eq',
      value: 'ada@acme.test',
    });
    expect(parseFilter('externalId eq "00u1"')).toMatchObject({
      path: { attribute: 'externalId' },
    });
  });

  it('parses the Entra form emails[type eq "work"].value eq "x" as one matching email', () => {
    expect(parseFilter('emails[type eq "work"].value eq "ada@acme.test"')).toEqual({
      kind: 'valuePath',
      path: { attribute: 'emails' },
      filter: {
        kind: 'and',
        left: { kind: 'compare', path: { attribute: 'type' }, operator: 'eq', value: 'work' },
        right: {
          kind: 'compare',
          path: { attribute: 'value' },
          operator: 'eq',
          value: 'ada@acme.test',
        },
      },
    });
  });

  it('gives and precedence over or, honours parentheses and not', () => {
    const filter = parseFilter('a eq "1" or b eq "2" and c pr');
    expect(filter).toMatchObject({ kind: 'or', right: { kind: 'and' } });
    const grouped = parseFilter('(a eq "1" or b eq "2") and not (c pr)');
    expect(grouped).toMatchObject({
      kind: 'and',
      left: { kind: 'or' },
      right: { kind: 'not', filter: { kind: 'present' } },
    });
  });

  it('accepts case-insensitive operators, literals, numbers, escapes and URN-qualified paths', () => {
    expect(parseFilter('active EQ True')).toMatchObject({ operator: 'eq', value: true });
    expect(parseFilter('x eq null')).toMatchObject({ value: null });
    expect(parseFilter('x gt -1.5e2')).toMatchObject({ operator: 'gt', value: -150 });
    expect(parseFilter('x eq "say \\"hi\\""')).toMatchObject({ value: 'say "hi"' });
    expect(
      parseFilter(
        'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq "m"',
      ),
    ).toMatchObject({
      path: {
        schema: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
        attribute: 'manager',
        subAttribute: 'value',
      },
    });
    expect(parseFilter('meta.lastModified ge "2026-01-01T00:00:00Z"')).toMatchObject({
      path: { attribute: 'meta', subAttribute: 'lastModified' },
      operator: 'ge',
    });
  });

  it.each([
    '',
    '   ',
    'userName',
    'userName eq',
    'userName equals "x"',
    'userName eq "unterminated',
    'userName eq unquoted',
    '(userName eq "x"',
    'userName eq "x")',
    'userName eq "x" and',
    'userName eq "x" xor b eq "y"',
    'emails[type eq "work"',
    'emails[type[x eq "y"] eq "z"]',
    'emails[type eq "work"].1bad eq "x"',
    '1abc eq "x"',
    'a.b.c eq "x"',
    `x eq "${'y'.repeat(MAX_FILTER_LENGTH)}"`,
    `${'('.repeat(40)}a pr${')'.repeat(40)}`,
  ])('rejects %j with 400 invalidFilter', (input) => {
    expect(scimTypeOf(() => parseFilter(input))).toBe('400 invalidFilter');
  });
});

describe('parsePatchPath', () => {
  it('parses plain, sub-attribute, filtered and qualified paths', () => {
    expect(parsePatchPath('active')).toEqual({ path: { attribute: 'active' } });
    expect(parsePatchPath('name.givenName')).toEqual({
      path: { attribute: 'name', subAttribute: 'givenName' },
    });
    expect(parsePatchPath('emails[type eq "work"].value')).toMatchObject({
      path: { attribute: 'emails', subAttribute: 'value' },
      filter: { kind: 'compare', operator: 'eq', value: 'work' },
    });
    expect(parsePatchPath('members[value eq "2819c223"]')).toMatchObject({
      path: { attribute: 'members' },
      filter: { path: { attribute: 'value' }, value: '2819c223' },
    });
  });

  it('rejects malformed paths with invalidPath and malformed filters with invalidFilter', () => {
    expect(scimTypeOf(() => parsePatchPath('name..givenName'))).toBe('400 invalidPath');
    expect(scimTypeOf(() => parsePatchPath('emails[type eq "work"]value'))).toBe('400 invalidPath');
    expect(scimTypeOf(() => parsePatchPath('emails]x['))).toBe('400 invalidPath');
    expect(scimTypeOf(() => parsePatchPath('emails[type eq]'))).toBe('400 invalidFilter');
    expect(scimTypeOf(() => parsePatchPath('emails[]'))).toBe('400 invalidFilter');
  });
});

describe('compileFilter', () => {
  const ada: JsonObject = {
    id: 'u1',
    userName: 'Ada@Acme.test',
    externalId: 'Ext-1',
    displayName: 'Ada Lovelace',
    active: true,
    name: { givenName: 'Ada', familyName: 'Lovelace' },
    emails: [
      { value: 'ada@acme.test', type: 'work', primary: true },
      { value: 'ada@home.test', type: 'home' },
    ],
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'R&D' },
    meta: { created: '2026-03-01T12:00:00.000Z', lastModified: '2026-03-02T12:00:00.000Z' },
  };
  const matches = (filter: string) => compileFilter(parseFilter(filter), userResourceSchema)(ada);

  it('compares userName, emails and displayName case-insensitively, ids and externalId exactly', () => {
    expect(matches('userName eq "ada@acme.TEST"')).toBe(true);
    expect(matches('USERNAME eq "ada@acme.test"')).toBe(true);
    expect(matches('emails.value eq "ADA@home.test"')).toBe(true);
    expect(matches('emails eq "ada@acme.test"')).toBe(true);
    expect(matches('displayName eq "ada lovelace"')).toBe(true);
    expect(matches('externalId eq "Ext-1"')).toBe(true);
    expect(matches('externalId eq "ext-1"')).toBe(false);
    expect(matches('id eq "U1"')).toBe(false);
  });

  it('matches a value filter only when one email satisfies every condition', () => {
    expect(matches('emails[type eq "work"].value eq "ada@acme.test"')).toBe(true);
    expect(matches('emails[type eq "work"].value eq "ada@home.test"')).toBe(false);
    expect(matches('emails[type eq "home" and primary eq false]')).toBe(false);
    expect(matches('emails[type eq "work" and primary eq true]')).toBe(true);
  });

  it('supports pr, sw, co, ew, ne, not, or, booleans, dates and extension attributes', () => {
    expect(matches('title pr')).toBe(false);
    expect(matches('name.givenName pr')).toBe(true);
    expect(matches('userName sw "ADA"')).toBe(true);
    expect(matches('userName co "@acme"')).toBe(true);
    expect(matches('userName ew ".test"')).toBe(true);
    expect(matches('userName ne "bob"')).toBe(true);
    expect(matches('not (active eq true)')).toBe(false);
    expect(matches('active eq false or name.familyName eq "lovelace"')).toBe(true);
    expect(matches('meta.lastModified gt "2026-03-01T12:00:00Z"')).toBe(true);
    expect(matches('meta.created gt "2026-03-01T12:00:00Z"')).toBe(false);
    expect(
      matches('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "r&d"'),
    ).toBe(true);
    expect(matches('title eq null')).toBe(true);
  });

  it.each([
    'unknownAttribute eq "x"',
    'userName eq 42',
    'active eq "yes"',
    'active gt true',
    'name eq "Ada"',
    'emails[unknown eq "x"]',
    'userName[type eq "x"]',
    'meta.created gt "not a date"',
    'userName gt null',
  ])('rejects %j at compile time with 400 invalidFilter', (filter) => {
    expect(scimTypeOf(() => compileFilter(parseFilter(filter), userResourceSchema))).toBe(
      '400 invalidFilter',
    );
  });

  it('filters group members by value', () => {
    const group: JsonObject = { displayName: 'Eng', members: [{ value: 'u1' }, { value: 'u2' }] };
    const predicate = compileFilter(parseFilter('members[value eq "u2"]'), groupResourceSchema);
    expect(predicate(group)).toBe(true);
    expect(compileFilter(parseFilter('members.value eq "u3"'), groupResourceSchema)(group)).toBe(
      false,
    );
  });

  it('extracts the equalities every match must satisfy, for index lookups', () => {
    expect(requiredEqualities(parseFilter('userName eq "a" and active eq true'))).toEqual([
      { attribute: 'username', value: 'a' },
    ]);
    expect(requiredEqualities(parseFilter('userName eq "a" or externalId eq "b"'))).toEqual([]);
  });
});
