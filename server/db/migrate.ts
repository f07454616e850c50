// Applies server/db/migrations/NNNN_*.sql in file-name order, each exactly once.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './database.ts';

// Not `new URL('./migrations/', import.meta.url)`: Vite rewrites that pattern into an asset URL when
// the component tests (a browser environment) load the server in-process.
export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
const migrationFile = /^(\d{4})_[\w-]+\.sql$/;

/** Returns the file names applied by this call. */
export function migrate(db: Db, dir: string = MIGRATIONS_DIR): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version     TEXT PRIMARY KEY,
    applied_at  TEXT NOT NULL
  ) STRICT`);
  const applied = new Set(
    db
      .prepare('SELECT version FROM schema_migrations')
      .pluck()
      .all()
      .map((version) => String(version)),
  );
  const record = db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)');
  const files = readdirSync(dir)
    .filter((file) => migrationFile.test(file))
    .sort();
  const done: string[] = [];
  for (const file of files) {
    if (applied.has(file)) continue;
    const sql = readFileSync(join(dir, file), 'utf8');
    // Each file and its bookkeeping row commit together: a failed migration leaves no trace.
    db.transaction(() => {
      db.exec(sql);
      record.run(file, new Date().toISOString());
    }).immediate();
    done.push(file);
  }
  return done;
}
