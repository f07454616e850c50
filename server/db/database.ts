// Opens the SQLite file with the pragmas every connection needs.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

export function openDatabase(path: string): Db {
  const inMemory = path === ':memory:' || path === '';
  if (!inMemory) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  if (!inMemory) db.pragma('journal_mode = WAL');
  // In WAL mode, synchronous=NORMAL writes every commit into the WAL file before the statement
  // returns, so an acknowledged write survives the process being killed (kill -9); only an OS crash
  // or power loss can drop the last commits. FULL would add an fsync per commit for that case.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}
