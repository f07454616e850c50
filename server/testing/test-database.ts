// The database a server test runs against: SQLite in a temporary file, or (in the `postgres`
// Vitest project) a fresh PostgreSQL database cloned from a migrated template. The project sets
// TEST_DATABASE; postgres-global-setup.ts provides the server and the template.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RawBuilder } from 'kysely';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, type DatabaseKind, openDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { uuidv7 } from '../ids.ts';
import { postgresUrlFor } from './postgres-cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
    postgresTemplate: string;
  }
}

export const testDatabaseKind: DatabaseKind =
  process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';

export interface TestDatabase {
  database: Database;
  /** What a spawned `server/index.ts` needs in its environment to open this database. */
  env: Record<string, string>;
  /** Another connection pool on the same database, as a second instance would open it. */
  openAnother(): Database;
  close(): Promise<void>;
}

let admin: pg.Pool | undefined;
function adminPool(): pg.Pool {
  admin ??= new pg.Pool({ connectionString: inject('postgresUrl'), max: 1 });
  return admin;
}

async function createPostgresDatabase(migrated: boolean): Promise<TestDatabase> {
  const name = `t_${uuidv7().replaceAll('-', '')}`;
  // FILE_COPY is the fast strategy for a template this small.
  const template = migrated ? inject('postgresTemplate') : 'template0';
  await adminPool().query(`CREATE DATABASE ${name} TEMPLATE ${template} STRATEGY FILE_COPY`);
  const url = postgresUrlFor(inject('postgresUrl'), name);
  const open = () => openDatabase({ kind: 'postgres', url }, { maxConnections: 4 });
  const database = open();
  return {
    database,
    env: { DATABASE_URL: url },
    openAnother: open,
    async close() {
      await database.close();
      await adminPool().query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

export interface TestDatabaseOptions {
  /** Keep the SQLite file in this directory (the caller removes it). */
  dir?: string;
  /** false: not even the migrations are applied. */
  migrated?: boolean;
}

/** A migrated, empty database of the project's kind. */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const { dir, migrated = true } = options;
  if (testDatabaseKind === 'postgres') return createPostgresDatabase(migrated);
  const directory = dir ?? mkdtempSync(join(tmpdir(), 'scim-admin-test-'));
  const path = join(directory, 'test.sqlite');
  const open = () => openDatabase({ kind: 'sqlite', path });
  const database = open();
  if (migrated) await migrate(database);
  return {
    database,
    env: { DATABASE_PATH: path },
    openAnother: open,
    async close() {
      await database.close();
      if (!dir) rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** The first column of every row a query returns (tests that look at stored rows directly). */
export async function columnValues(
  database: Database,
  query: RawBuilder<unknown>,
): Promise<unknown[]> {
  const { rows } = await query.execute(database.db);
  return rows.map((row) => Object.values(row as Record<string, unknown>)[0]);
}
