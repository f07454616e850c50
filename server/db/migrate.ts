// Applies migrations/<dialect>/NNNN_*.sql in file-name order, each exactly once. Both dialects
// hold the same file names (migrate.test.ts checks), so one version means one schema on either.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database, DatabaseKind, Db } from './database.ts';

// Not `new URL('./migrations/', import.meta.url)`: Vite rewrites that pattern into an asset URL when
// the component tests (a browser environment) load the server in-process.
export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
const migrationFile = /^(\d{4})_[\w-]+\.sql$/;
// Any fixed number: every instance asks for this advisory lock before looking at the schema.
const MIGRATION_LOCK = 7_263_411;

export function migrationFiles(kind: DatabaseKind, dir: string = MIGRATIONS_DIR): string[] {
  return readdirSync(join(dir, kind))
    .filter((file) => migrationFile.test(file))
    .sort();
}

const bookkeeping = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version     TEXT PRIMARY KEY,
  applied_at  TEXT NOT NULL
)`;

/** Applies what is missing to a SQLite file; returns the file names applied by this call. */
export function migrateSqlite(db: Db, dir: string = MIGRATIONS_DIR): string[] {
  db.exec(`${bookkeeping} STRICT`);
  const done: string[] = [];
  // IMMEDIATE takes the write lock before reading what is applied: two processes starting on one
  // file migrate once. Each file and its bookkeeping row commit together.
  for (const file of migrationFiles('sqlite', dir)) {
    const script = readFileSync(join(dir, 'sqlite', file), 'utf8');
    // A migration that rebuilds a table others reference runs with foreign keys off (SQLite's own
    // procedure: dropping the old table would otherwise cascade) and proves them intact before it
    // commits. The pragma is a no-op inside a transaction, hence around it.
    const rebuilds = foreignKeysOff.test(script);
    const enforced = db.pragma('foreign_keys', { simple: true }) === 1;
    if (rebuilds) db.pragma('foreign_keys = OFF');
    try {
      const applied = db
        .transaction(() => {
          if (db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(file)) {
            return false;
          }
          db.exec(script);
          if (rebuilds) {
            const broken = db.pragma('foreign_key_check') as unknown[];
            if (broken.length > 0) {
              throw new Error(`${file} leaves ${broken.length} broken foreign key reference(s)`);
            }
          }
          db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(
            file,
            new Date().toISOString(),
          );
          return true;
        })
        .immediate();
      if (applied) done.push(file);
    } finally {
      if (rebuilds && enforced) db.pragma('foreign_keys = ON');
    }
  }
  return done;
}

const foreignKeysOff = /^-- foreign_keys: off$/m;

/** Returns the file names applied by this call. */
export async function migrate(database: Database, dir: string = MIGRATIONS_DIR): Promise<string[]> {
  if (database.sqlite) return migrateSqlite(database.sqlite, dir);
  const files = migrationFiles('postgres', dir);
  // One connection holds a session advisory lock for the whole run, so instances that start
  // together wait for the first one and then find nothing left to do.
  return database.db.connection().execute(async (connection) => {
    await sql`SELECT pg_advisory_lock(${MIGRATION_LOCK})`.execute(connection);
    try {
      await sql.raw(bookkeeping).execute(connection);
      const rows = await connection.selectFrom('schema_migrations').select('version').execute();
      const applied = new Set(rows.map((row) => row.version));
      const done: string[] = [];
      for (const file of files) {
        if (applied.has(file)) continue;
        const script = readFileSync(join(dir, 'postgres', file), 'utf8');
        await connection.transaction().execute(async (trx) => {
          // No parameters: pg sends the file as one simple query, so it may hold many statements.
          await sql.raw(script).execute(trx);
          await trx
            .insertInto('schema_migrations')
            .values({ version: file, applied_at: new Date().toISOString() })
            .execute();
        });
        done.push(file);
      }
      return done;
    } finally {
      await sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`.execute(connection);
    }
  });
}
