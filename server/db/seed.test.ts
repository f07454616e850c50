import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createStorage, type Storage } from '../repositories/repositories.ts';
import { hashToken } from '../security/tokens.ts';
import { tempDir } from '../testing/test-backend.ts';
import {
  createTestDatabase,
  type TestDatabase,
  testDatabaseKind,
} from '../testing/test-database.ts';
import { readSeedFile, SeedError, seedIfEmpty, seedOrganizations } from './seed.ts';

let test: TestDatabase | undefined;
let storage: Storage;
afterEach(() => test?.close());

async function fresh() {
  test = await createTestDatabase();
  storage = createStorage(test.database);
  return storage.repos;
}

/** One column of a query's rows. */
async function column(query: string): Promise<unknown[]> {
  if (!test) throw new Error('no database');
  const { rows } = await sql<Record<string, unknown>>`${sql.raw(query)}`.execute(test.database.db);
  return rows.map((row) => Object.values(row)[0]);
}

describe('the demo seed', () => {
  it('creates Acme Corp and Globex once and returns the admin token', async () => {
    const repos = await fresh();
    const outcome = await seedIfEmpty(storage, { seedFile: undefined });
    if (outcome.kind !== 'demo') throw new Error(outcome.kind);
    expect(outcome.adminToken).toMatch(/^ona_pat_[\w-]{43}$/);
    const owner = await repos.accessTokens.findOwner(hashToken(outcome.adminToken));
    expect(owner?.role).toBe('ORGANIZATION_ROLE_ADMIN');
    const acme = await repos.organizations.findById(owner?.organizationId ?? '');
    expect(acme?.name).toBe('Acme Corp');
    const sso = await repos.ssoConfigurations.page(acme?.id ?? '', { after: undefined, limit: 10 });
    expect(sso.map((row) => [row.displayName !== '', row.state])).toEqual([
      [true, 'SSO_CONFIGURATION_STATE_ACTIVE'],
      [true, 'SSO_CONFIGURATION_STATE_ACTIVE'],
      [false, 'SSO_CONFIGURATION_STATE_INACTIVE'],
    ]);
    const members = await repos.users.pageMembers(
      acme?.id ?? '',
      {},
      { after: undefined, limit: 10 },
    );
    expect(members.map((member) => member.role)).toEqual([
      'ORGANIZATION_ROLE_ADMIN',
      'ORGANIZATION_ROLE_MEMBER',
    ]);
    const names = await column('SELECT name FROM organizations ORDER BY created_at');
    expect(names).toEqual(['Acme Corp', 'Globex']);
    expect(await seedIfEmpty(storage, { seedFile: undefined })).toEqual({ kind: 'existing' });
  });

  it('gives Acme Corp two SCIM configurations on its two active SSO configurations', async () => {
    const repos = await fresh();
    const now = new Date('2026-03-01T12:00:00.000Z');
    const outcome = await seedIfEmpty(storage, { seedFile: undefined, now });
    if (outcome.kind !== 'demo') throw new Error(outcome.kind);
    const acmeId = (await repos.accessTokens.findOwner(hashToken(outcome.adminToken)))
      ?.organizationId;
    const [okta, entra] = await repos.ssoConfigurations.page(acmeId ?? '', {
      after: undefined,
      limit: 10,
    });
    const rows = await repos.scimConfigurations.page(acmeId ?? '', { after: undefined, limit: 10 });
    expect(
      rows.map((row) => ({
        name: row.name,
        enabled: row.enabled,
        ssoConfigurationId: row.ssoConfigurationId,
        tokenExpiresAt: row.tokenExpiresAt,
      })),
    ).toEqual([
      {
        name: 'Okta production',
        enabled: true,
        ssoConfigurationId: okta?.id,
        tokenExpiresAt: '2027-03-01T11:59:59.999Z',
      },
      {
        name: 'Entra ID staging',
        enabled: false,
        ssoConfigurationId: entra?.id,
        tokenExpiresAt: '2026-03-11T12:00:00.000Z',
      },
    ]);
    // Created after everything else, at the latest `now`; nothing in the future.
    expect(rows[1]?.createdAt).toBe(now.toISOString());
    const [latestOther] = (await column('SELECT max(created_at) FROM users')) as string[];
    expect((latestOther ?? '') < (rows[0]?.createdAt ?? '')).toBe(true);
    // Each has its own random token digest; Globex has none.
    const hashes = await column('SELECT DISTINCT token_hash FROM scim_configurations');
    expect(hashes).toHaveLength(2);
  });
});

describe('SEED_FILE', () => {
  it('pre-creates scimConfigurations.count configurations in a deterministic order', async () => {
    const repos = await fresh();
    const file = join(tempDir(), 'seed.json');
    writeFileSync(
      file,
      JSON.stringify({
        organizations: [
          {
            name: 'Paging',
            ssoConfigurations: [{ issuerUrl: 'https://paging.okta.com' }],
            members: [{ name: 'P', email: 'p@paging.test', token: 'paging-token' }],
            scimConfigurations: { count: 120 },
          },
        ],
      }),
    );
    const outcome = await seedIfEmpty(storage, { seedFile: file });
    if (outcome.kind !== 'file') throw new Error(outcome.kind);
    const [org] = outcome.organizations;
    const rows = await repos.scimConfigurations.page(org?.id ?? '', {
      after: undefined,
      limit: 500,
    });
    expect(rows).toHaveLength(120);
    expect(rows[0]?.name).toBe('SCIM configuration 001');
    expect(rows[119]?.name).toBe('SCIM configuration 120');
    expect(new Set(rows.map((row) => row.createdAt)).size).toBe(120);
    expect(rows.every((row) => row.ssoConfigurationId === org?.ssoConfigurationIds[0])).toBe(true);
    const hashes = await column('SELECT DISTINCT token_hash FROM scim_configurations');
    expect(hashes).toHaveLength(120);
    // Members default to the member role; their token is accepted by hash.
    expect((await repos.accessTokens.findOwner(hashToken('paging-token')))?.role).toBe(
      'ORGANIZATION_ROLE_MEMBER',
    );
  });

  it('gives the first scimConfigurations.expired an expired token and the next expiringSoon a close one', async () => {
    const repos = await fresh();
    const now = new Date('2026-06-10T12:00:00.000Z');
    const [org] = await seedOrganizations(
      storage,
      {
        organizations: [
          {
            name: 'Expiry',
            ssoConfigurations: [{ issuerUrl: 'https://expiry.okta.com' }],
            scimConfigurations: { count: 6, expired: 2, expiringSoon: 3 },
          },
        ],
      },
      now,
    );
    const rows = await repos.scimConfigurations.page(org?.id ?? '', {
      after: undefined,
      limit: 10,
    });
    const daysLeft = rows.map((row) =>
      Math.round((Date.parse(row.tokenExpiresAt) - now.getTime()) / 86_400_000),
    );
    expect(daysLeft.slice(0, 5)).toEqual([-1, -2, 1, 2, 3]);
    expect(daysLeft[5]).toBeGreaterThan(300);
  });

  it('explains what is wrong with an invalid file', () => {
    const dir = tempDir();
    const missing = join(dir, 'missing.json');
    expect(() => readSeedFile(missing)).toThrow(SeedError);
    const invalid = join(dir, 'invalid.json');
    writeFileSync(invalid, JSON.stringify({ organizations: [{ name: 'X', members: [{}] }] }));
    expect(() => readSeedFile(invalid)).toThrow(/invalid at organizations\.0\.members\.0\.name/);
  });
});

describe('two instances starting on one empty database', () => {
  it('seed the demo once', async () => {
    await fresh();
    const other = test?.openAnother();
    if (!other) throw new Error('no database');
    try {
      const seed = (target: Storage) => seedIfEmpty(target, { seedFile: undefined });
      // Two SQLite connections in one thread would wait on each other's lock: there the second
      // instance starts right after the first, as two processes on one file would.
      const outcomes =
        testDatabaseKind === 'postgres'
          ? await Promise.all([seed(storage), seed(createStorage(other))])
          : [await seed(storage), await seed(createStorage(other))];
      expect(outcomes.map((outcome) => outcome.kind).sort()).toEqual(['demo', 'existing']);
      expect(await column('SELECT name FROM organizations ORDER BY created_at')).toEqual([
        'Acme Corp',
        'Globex',
      ]);
    } finally {
      await other.close();
    }
  });
});
