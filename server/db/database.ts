// Opens the database the server stores everything in: a SQLite file (the embedded default) or a
// PostgreSQL server that several instances share. Both are reached through one Kysely instance, so
// repositories hold one copy of each query.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
} from 'kysely';
import pg from 'pg';
import type { Schema } from './schema.ts';

export type Db = BetterSqlite3.Database;
export type DatabaseKind = 'sqlite' | 'postgres';

export type DatabaseTarget = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

export interface Database {
  readonly kind: DatabaseKind;
  readonly db: Kysely<Schema>;
  /** The better-sqlite3 handle on SQLite (for the migration runner's multi-statement scripts). */
  readonly sqlite: Db | undefined;
  close(): Promise<void>;
}

/** Opens the SQLite file with the pragmas every connection needs. */
export function openSqlite(path: string): Db {
  const inMemory = path === ':memory:' || path === '';
  if (!inMemory) mkdirSync(dirname(path), { recursive: true });
  const db = new BetterSqlite3(path);
  if (!inMemory) db.pragma('journal_mode = WAL');
  // In WAL mode, synchronous=NORMAL writes every commit into the WAL file before the statement
  // returns, so an acknowledged write survives the process being killed (kill -9); only an OS crash
  // or power loss can drop the last commits. FULL would add an fsync per commit for that case.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // LIKE matches case as PostgreSQL's does: SCIM filters fold case themselves where they must.
  db.pragma('case_sensitive_like = ON');
  return db;
}

/** Prepared statements kept per connection; past this many distinct texts the cache starts over. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely's SQLite driver prepares every query anew, which the list bench showed as a seventh of the
 * server's time: the same few statements are prepared once here instead. Reuse is safe because
 * better-sqlite3 runs each statement to completion synchronously (the server never iterates one).
 */
function withStatementCache(database: Db): Db {
  const statements = new Map<string, BetterSqlite3.Statement>();
  const prepare = (source: string): BetterSqlite3.Statement => {
    let statement = statements.get(source);
    if (!statement) {
      // Filters written by clients vary the text: a bound, not a leak.
      if (statements.size >= STATEMENT_CACHE_SIZE) statements.clear();
      statement = database.prepare(source);
      statements.set(source, statement);
    }
    return statement;
  };
  return new Proxy(database, {
    get(target, property) {
      if (property === 'prepare') return prepare;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

// Transactions take SQLite's write lock when they begin (BEGIN IMMEDIATE), as the server did before
// Kysely: a transaction that reads and then writes cannot deadlock against another process
// upgrading its read lock, it waits (busy_timeout) instead.
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('BEGIN IMMEDIATE'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #database: Db;
  constructor(database: Db) {
    const cached = withStatementCache(database);
    super({ database: cached });
    this.#database = cached;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver({ database: this.#database });
  }
}

// count(*) and other BIGINT results: numbers rather than strings (counts stay far below 2^53).
const INT8_OID = 20;
const pgTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format ?? 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

export interface PostgresOptions {
  /** Connections per instance; the default suits the 2-core machines this runs on. */
  maxConnections?: number;
  /** Reports errors of idle connections (e.g. the server restarting); the pool replaces them. */
  onIdleError?: (error: Error) => void;
  /**
   * How long one statement may run (server side), and, 2 s later, how long the client waits for
   * its answer over a silent network. 0: no limit (migrations, bulk seeding).
   */
  statementTimeoutMs?: number;
}

/** A request waits at most this long for a connection: a lost server turns into an error. */
export const CONNECT_TIMEOUT_MS = 3_000;
export const STATEMENT_TIMEOUT_MS = 5_000;

export function openDatabase(target: DatabaseTarget, options: PostgresOptions = {}): Database {
  if (target.kind === 'sqlite') {
    const handle = openSqlite(target.path);
    const db = new Kysely<Schema>({ dialect: new ImmediateSqliteDialect(handle) });
    return {
      kind: 'sqlite',
      db,
      sqlite: handle,
      close: once(() => db.destroy()),
    };
  }
  const statementTimeout = options.statementTimeoutMs ?? STATEMENT_TIMEOUT_MS;
  const pool = new pg.Pool({
    connectionString: target.url,
    max: options.maxConnections ?? 10,
    // A lost server must turn into an error within seconds, never a request that hangs: waiting
    // for a connection, for a statement, and for an answer that a cut network never delivers.
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    ...(statementTimeout > 0 && {
      statement_timeout: statementTimeout,
      query_timeout: statementTimeout + 2_000,
    }),
    // A killed peer or a dropped route is noticed on idle connections too.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    types: pgTypes,
  });
  pool.on('error', (error) => options.onIdleError?.(error));
  // A connection that fails while checked out but between queries (mid-transaction, say) emits
  // `error` with no listener, which would crash the process. Its next query fails instead, and
  // the pool discards it on release.
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: 'postgres',
    db,
    sqlite: undefined,
    close: once(() => db.destroy()),
  };
}

/** Closing twice (a test, then its cleanup) is harmless. */
function once(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => {
    closing ??= close();
    return closing;
  };
}

/** Where the data lives, for start-up messages: never a password. */
export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === 'sqlite') return `SQLite at ${target.path}`;
  const url = new URL(target.url);
  const host = url.host || url.searchParams.get('host') || 'localhost';
  return `PostgreSQL at ${host}${url.pathname.length > 1 ? url.pathname : ''}`;
}
