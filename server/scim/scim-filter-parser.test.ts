import { describe, expect, it } from 'vitest';
import { ScimError } from './scim-errors.ts';
import { compileFilter } from './scim-filter-compiler.ts';
import { MAX_FILTER_LENGTH, parseFilter, parsePatchPath } from './scim-filter-parser.ts';
import { userResourceSchema } from './scim-schema-definitions.ts';

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
    'meta.location eq "x"',
    'groups[type eq "direct"]',
  ])('rejects %j at compile time with 400 invalidFilter', (filter) => {
    expect(scimTypeOf(() => compileFilter(parseFilter(filter), userResourceSchema))).toBe(
      '400 invalidFilter',
    );
  });

  it('turns ne into not eq and multi-valued attributes into any', () => {
    expect(compileFilter(parseFilter('emails.value ne "a"'), userResourceSchema)).toEqual({
      kind: 'not',
      condition: {
        kind: 'any',
        path: ['emails'],
        condition: {
          kind: 'compare',
          path: ['value'],
          operator: 'eq',
          operand: { type: 'string', value: 'a', caseExact: false },
        },
      },
    });
  });
});
