import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createStorage } from '../repositories/repositories.ts';
import {
  createTestDatabase,
  type TestDatabase,
  testDatabaseKind,
} from '../testing/test-database.ts';
import { MIGRATIONS_DIR, migrate, migrationFiles } from './migrate.ts';
import { seedOrganizations } from './seed.ts';

/** A migrations folder holding the files before `version` only, for both dialects. */
function migrationsBefore(version: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'migrations-'));
  for (const kind of ['sqlite', 'postgres'] as const) {
    mkdirSync(join(dir, kind));
    for (const file of migrationFiles(kind).filter((name) => name < version)) {
      copyFileSync(join(MIGRATIONS_DIR, kind, file), join(dir, kind, file));
    }
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

describe(`migrations (${testDatabaseKind})`, () => {
  let test: TestDatabase | undefined;
  afterEach(async () => {
    await test?.close();
    test = undefined;
  });

  it('has the same numbered files for SQLite and PostgreSQL', () => {
    expect(migrationFiles('postgres')).toEqual(migrationFiles('sqlite'));
    expect(migrationFiles('sqlite').length).toBeGreaterThan(0);
  });

  it('records every file once and applies nothing on a second run', async () => {
    test = await createTestDatabase();
    const { db } = test.database;
    const versions = await db.selectFrom('schema_migrations').select('version').execute();
    expect(versions.map((row) => row.version).sort()).toEqual(migrationFiles(testDatabaseKind));
    expect(await migrate(test.database)).toEqual([]);
  });

  it('0005 gives existing configurations their message and keeps what refers to them', async () => {
    test = await createTestDatabase({ migrated: false });
    const { db, sqlite } = test.database;
    const before = migrationsBefore('0005');
    try {
      await migrate(test.database, before.dir);
    } finally {
      before.remove();
    }
    const [org] = await seedOrganizations(createStorage(test.database), {
      organizations: [
        {
          name: 'Before 0005',
          ssoConfigurations: [{ issuerUrl: 'https://before.okta.com' }],
          scimConfigurations: { count: 3 },
        },
      ],
    });
    const rows = await db.selectFrom('scim_configurations').select(['id', 'name']).execute();
    const first = rows[0];
    if (!org || !first) throw new Error('nothing seeded');
    await db
      .insertInto('scim_retired_tokens')
      .values({
        token_hash: 'retired',
        scim_configuration_id: first.id,
        retired_at: '2026-01-01T00:00:00.000Z',
        kept_until: '2026-02-01T00:00:00.000Z',
      })
      .execute();

    expect(await migrate(test.database)).toEqual(['0005_scim_configuration_message_json.sql']);
    const migrated = await db
      .selectFrom('scim_configurations')
      .select(['id', 'message_json'])
      .orderBy('id')
      .execute();
    expect(migrated.map((row) => row.id)).toEqual(rows.map((row) => row.id).sort());
    for (const row of migrated) {
      expect(JSON.parse(row.message_json)).toMatchObject({ id: row.id, organizationId: org.id });
    }
    const retired = () => db.selectFrom('scim_retired_tokens').select('token_hash').execute();
    expect(await retired()).toHaveLength(1);
    // Foreign keys are enforced again, and the rebuilt table's references cascade as before.
    if (sqlite) expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    await db.deleteFrom('scim_configurations').where('id', '=', first.id).execute();
    expect(await retired()).toHaveLength(0);
  });

  it('lets two instances that start together migrate once', async () => {
    test = await createTestDatabase({ migrated: false });
    const { db } = test.database;
    // Two pools (as two processes would open them) race to migrate one empty database.
    const other = test.openAnother();
    try {
      const [first, second] = await Promise.all([migrate(test.database), migrate(other)]);
      expect([...(first ?? []), ...(second ?? [])].sort()).toEqual(
        migrationFiles(testDatabaseKind),
      );
    } finally {
      await other.close();
    }
    const versions = await db.selectFrom('schema_migrations').select('version').execute();
    expect(versions).toHaveLength(migrationFiles(testDatabaseKind).length);
  });
});
