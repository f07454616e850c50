import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { daysToDuration, isTimestamp, parseDurationSeconds } from './duration.ts';
import { listMembersRequestSchema } from './identity.ts';
import { effectivePageSize, paginationRequestSchema } from './pagination.ts';
import { procedures } from './procedures.ts';
import {
  createScimConfigurationRequestSchema,
  listScimConfigurationsResponseSchema,
  regenerateScimTokenRequestSchema,
  scimConfigurationSchema,
  updateScimConfigurationRequestSchema,
} from './scim-configurations.ts';
import { ssoConfigurationLabel, ssoConfigurationSchema } from './sso-configurations.ts';

const orgId = 'b0e12f6c-4c67-429d-a4a6-d9838b5da047';
const ssoId = 'd2c94c27-3b76-4a42-b88c-95a85e392c68';
const configId = '01980ed3-a090-7b5b-8d3c-5f2e1a0b9c77';

function issues(schema: z.ZodMiniType, value: unknown) {
  const result = z.safeParse(schema, value);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('Duration strings', () => {
  it.each([
    ['86400s', 86_400],
    ['7776000s', 7_776_000],
    ['1.5s', 1.5],
    ['-3s', -3],
    ['0s', 0],
  ])('parses %s', (value, seconds) => {
    expect(parseDurationSeconds(value)).toBe(seconds);
  });

  it.each(['90d', '2160h', '86400', 's', '1e5s', ' 86400s', '86400s '])('rejects %j', (value) => {
    expect(parseDurationSeconds(value)).toBeUndefined();
  });

  it('formats days as seconds', () => {
    expect(daysToDuration(90)).toBe('7776000s');
    expect(daysToDuration(730)).toBe('63072000s');
  });

  it('recognises RFC 3339 timestamps', () => {
    expect(isTimestamp('2019-12-27T18:11:19.117Z')).toBe(true);
    expect(isTimestamp('2019-12-27T18:11:19Z')).toBe(true);
    expect(isTimestamp('2019-12-27T18:11:19.123456789+02:00')).toBe(true);
    expect(isTimestamp('2019-12-27 18:11:19')).toBe(false);
    expect(isTimestamp('2019-13-45T99:11:19Z')).toBe(false);
  });
});

describe('CreateSCIMConfigurationRequest', () => {
  const valid = { organizationId: orgId, ssoConfigurationId: ssoId };

  it('accepts the two seed examples', () => {
    expect(issues(createScimConfigurationRequestSchema, valid)).toEqual([]);
    expect(
      issues(createScimConfigurationRequestSchema, { ...valid, tokenExpiresIn: '7776000s' }),
    ).toEqual([]);
  });

  it('requires both ids as UUIDs', () => {
    expect(issues(createScimConfigurationRequestSchema, {})).toHaveLength(2);
    expect(
      issues(createScimConfigurationRequestSchema, { ...valid, ssoConfigurationId: 'okta' }),
    ).toEqual(['ssoConfigurationId: must be a valid UUID']);
  });

  it('normalizes ids to lower case, the one place they are', () => {
    const parsed = createScimConfigurationRequestSchema.parse({
      organizationId: orgId.toUpperCase(),
      ssoConfigurationId: ssoId.toUpperCase(),
    });
    expect(parsed).toEqual({ organizationId: orgId, ssoConfigurationId: ssoId });
    const members = listMembersRequestSchema.parse({
      organizationId: orgId,
      filter: { userIds: [configId.toUpperCase()] },
    });
    expect(members.filter?.userIds).toEqual([configId]);
  });

  it('limits the name to 128 characters', () => {
    expect(
      issues(createScimConfigurationRequestSchema, { ...valid, name: 'x'.repeat(128) }),
    ).toEqual([]);
    expect(
      issues(createScimConfigurationRequestSchema, { ...valid, name: 'x'.repeat(129) }),
    ).toEqual(['name: must be at most 128 characters']);
  });

  it.each([
    ['86400s', true],
    ['63072000s', true],
    ['31536000s', true],
    ['86399s', false],
    ['63072001s', false],
    ['90d', false],
    ['', false],
  ])('tokenExpiresIn %j valid: %s', (tokenExpiresIn, ok) => {
    expect(
      issues(createScimConfigurationRequestSchema, { ...valid, tokenExpiresIn }).length === 0,
    ).toBe(ok);
  });

  it('rejects unknown fields, as connect-go does by default', () => {
    expect(issues(createScimConfigurationRequestSchema, { ...valid, enabled: true })).toHaveLength(
      1,
    );
  });
});

describe('Update and Regenerate requests', () => {
  it('accept a bare id (the seed curl example)', () => {
    expect(issues(updateScimConfigurationRequestSchema, { scimConfigurationId: configId })).toEqual(
      [],
    );
    expect(issues(regenerateScimTokenRequestSchema, { scimConfigurationId: configId })).toEqual([]);
  });

  it('keep presence: enabled false is a value, not an absence', () => {
    const parsed = z.parse(updateScimConfigurationRequestSchema, {
      scimConfigurationId: configId,
      enabled: false,
    });
    expect(parsed).toEqual({ scimConfigurationId: configId, enabled: false });
  });

  it('reject an empty SSO id and an out-of-range lifetime', () => {
    expect(
      issues(updateScimConfigurationRequestSchema, {
        scimConfigurationId: configId,
        ssoConfigurationId: '',
      }),
    ).toEqual(['ssoConfigurationId: must be a valid UUID']);
    expect(
      issues(regenerateScimTokenRequestSchema, {
        scimConfigurationId: configId,
        tokenExpiresIn: '3600s',
      }),
    ).toHaveLength(1);
  });
});

describe('Pagination', () => {
  it.each([
    [0, true],
    [25, true],
    [100, true],
    [101, false],
    [-1, false],
    [1.5, false],
  ])('pageSize %d valid: %s', (pageSize, ok) => {
    expect(issues(paginationRequestSchema, { pageSize }).length === 0).toBe(ok);
  });

  it.each([
    ['3', 3],
    ['0', 0],
    ['100', 100],
    ['007', 7],
  ])('reads pageSize %j as the int32 %d, as proto3 JSON does', (pageSize, expected) => {
    expect(paginationRequestSchema.parse({ pageSize })).toEqual({ pageSize: expected });
  });

  it.each([
    ['abc', 'must be an integer'],
    ['3.5', 'must be an integer'],
    ['', 'must be an integer'],
    [' 3', 'must be an integer'],
    ['101', 'must be between 0 and 100'],
    ['-1', 'must be between 0 and 100'],
  ])('refuses pageSize %j: %s', (pageSize, message) => {
    const result = paginationRequestSchema.safeParse({ pageSize });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path, issue.message])).toEqual([
      [['pageSize'], message],
    ]);
  });

  it('treats 0 and absent as 25', () => {
    expect(effectivePageSize(undefined)).toBe(25);
    expect(effectivePageSize(0)).toBe(25);
    expect(effectivePageSize(100)).toBe(100);
  });

  it('limits ListMembers filters to 25 user ids', () => {
    const userIds = Array.from({ length: 26 }, () => configId);
    expect(
      issues(listMembersRequestSchema, { organizationId: orgId, filter: { userIds } }),
    ).toEqual(['filter.userIds: must list at most 25 user ids']);
  });
});

describe('Responses fill omitted proto3 defaults', () => {
  const minimal = {
    id: configId,
    organizationId: orgId,
    createdAt: '2026-01-02T03:04:05.678Z',
    updatedAt: '2026-01-02T03:04:05.678Z',
    tokenExpiresAt: '2027-01-02T03:04:05.678Z',
  };

  it('absent enabled, name and flags become false and empty', () => {
    expect(z.parse(scimConfigurationSchema, minimal)).toEqual({
      ...minimal,
      name: '',
      enabled: false,
      ssoConfigurationId: '',
      allowUnverifiedEmailAccountLinking: false,
    });
  });

  it('an empty list response is a list with no next page', () => {
    expect(z.parse(listScimConfigurationsResponseSchema, {})).toEqual({
      pagination: { nextToken: '' },
      scimConfigurations: [],
    });
  });

  it('ignores fields a newer server adds', () => {
    expect(z.parse(scimConfigurationSchema, { ...minimal, futureField: 1 })).not.toHaveProperty(
      'futureField',
    );
  });

  it('labels an SSO configuration by display name, else issuer', () => {
    const sso = z.parse(ssoConfigurationSchema, {
      id: ssoId,
      organizationId: orgId,
      issuerUrl: 'https://acme.okta.com',
    });
    expect(sso.state).toBe('SSO_CONFIGURATION_STATE_UNSPECIFIED');
    expect(ssoConfigurationLabel(sso)).toBe('https://acme.okta.com');
    expect(ssoConfigurationLabel({ ...sso, displayName: 'Okta' })).toBe('Okta');
  });
});

describe('Procedure table', () => {
  it('names every RPC the product speaks, with unique paths', () => {
    const paths = Object.values(procedures).map((p) => p.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths).toContain('gitpod.v1.OrganizationService/ListSCIMConfigurations');
    expect(paths).toContain('gitpod.v1.IdentityService/GetAuthenticatedIdentity');
    expect(paths).toContain('gitpod.v1.UserService/GetAuthenticatedUser');
    expect(paths).toContain('scimadmin.v1.ProvisioningActivityService/GetActivity');
  });

  it('marks only reads as safe to retry', () => {
    expect(procedures.createScimConfiguration.safe).toBe(false);
    expect(procedures.regenerateScimToken.safe).toBe(false);
    expect(procedures.listScimConfigurations.safe).toBe(true);
  });
});
