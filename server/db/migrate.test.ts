import { afterEach, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  type TestDatabase,
  testDatabaseKind,
} from '../testing/test-database.ts';
import { migrate, migrationFiles } from './migrate.ts';

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
