// Opening the database at start-up: migrate under the lock (server/db/migrate.ts), waiting a
// bounded time for a PostgreSQL server that is not up yet, and failing with a clear reason.
import { sql } from 'kysely';
import { errorText, isDatabaseUnavailable } from './connection-errors.ts';
import { type Database, type DatabaseTarget, describeTarget, openDatabase } from './database.ts';
import { migrate } from './migrate.ts';

export class DatabaseStartError extends Error {
  override readonly name = 'DatabaseStartError';
}

export interface StartOptions {
  /** How long to keep trying while the server is unreachable (DATABASE_WAIT_MS). */
  waitMs: number;
  /** Errors of idle connections once running (the pool replaces them). */
  onIdleError?: (error: Error) => void;
  sleep?: (ms: number) => Promise<void>;
}

const RETRY_EVERY_MS = 500;

/** The opened, migrated database; throws DatabaseStartError with the reason when it cannot. */
export async function openMigratedDatabase(
  target: DatabaseTarget,
  options: StartOptions,
): Promise<Database> {
  const where = describeTarget(target);
  if (target.kind === 'sqlite') {
    const database = openDatabase(target);
    try {
      await migrate(database);
    } catch (error) {
      await database.close();
      throw new DatabaseStartError(`Cannot open the database (${where}): ${errorText(error)}`);
    }
    return database;
  }
  const sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  const deadline = Date.now() + options.waitMs;
  for (;;) {
    // Migrations may outlast a request's statement timeout, and wait for another instance's lock.
    const migrating = openDatabase(target, { maxConnections: 1, statementTimeoutMs: 0 });
    try {
      await migrate(migrating);
      break;
    } catch (error) {
      if (!isDatabaseUnavailable(error)) {
        throw new DatabaseStartError(`Cannot use the database (${where}): ${errorText(error)}`);
      }
      if (Date.now() + RETRY_EVERY_MS > deadline) {
        const waited = `${Math.round(options.waitMs / 100) / 10} s`;
        throw new DatabaseStartError(
          `Cannot reach the database (${where}) within ${waited}: ${errorText(error)}`,
        );
      }
      await sleep(RETRY_EVERY_MS);
    } finally {
      await migrating.close();
    }
  }
  return openDatabase(target, options.onIdleError ? { onIdleError: options.onIdleError } : {});
}

/**
 * After rows were loaded in bulk (a seed file, a benchmark): PostgreSQL's planner statistics still
 * describe the empty tables until autovacuum gets to them (up to a minute), and meanwhile a page
 * query sorts the whole organization instead of reading its index. SQLite plans without them.
 */
export async function refreshStatistics(database: Database): Promise<void> {
  if (database.kind === 'postgres') await sql`ANALYZE`.execute(database.db);
}
