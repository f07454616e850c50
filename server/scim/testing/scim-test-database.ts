// A fresh SQLite file (WAL, foreign keys) with every migration applied, and seed helpers for SCIM tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { openSqlite } from '../../db/database.ts';
import { migrateSqlite } from '../../db/migrate.ts';
import { uuidv7 } from '../../ids.ts';
import { hashToken } from '../../security/tokens.ts';

export interface TestDatabase {
  db: Database.Database;
  close(): void;
}

export function openTestDatabase(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'scim-test-'));
  // The product's own opener and migration runner, so the tests see the production schema.
  const db = openSqlite(join(dir, 'test.sqlite'));
  migrateSqlite(db);
  return {
    db,
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const T0 = new Date('2026-03-01T12:00:00.000Z');

export function seedOrganization(db: Database.Database, name: string): string {
  const id = uuidv7();
  const at = T0.toISOString();
  db.prepare(
    'INSERT INTO organizations (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)',
  ).run(id, name, at, at);
  db.prepare(
    `INSERT INTO users (id, organization_id, name, email, role, status, created_at)
     VALUES (?, ?, 'Admin', ?, 'ORGANIZATION_ROLE_ADMIN', 'USER_STATUS_ACTIVE', ?)`,
  ).run(uuidv7(), id, `admin@${name.toLowerCase().replace(/\W/g, '')}.example`, at);
  return id;
}

export interface SeededConfiguration {
  id: string;
  token: string;
}

export function seedConfiguration(
  db: Database.Database,
  organizationId: string,
  options: { enabled?: boolean; expiresAt?: Date; token?: string } = {},
): SeededConfiguration {
  const id = uuidv7();
  const token = options.token ?? `scim_test_${id}`;
  const at = T0.toISOString();
  const expiresAt = options.expiresAt ?? new Date(T0.getTime() + 365 * 24 * 3600 * 1000);
  db.prepare(
    `INSERT INTO scim_configurations (id, organization_id, name, enabled, token_hash,
       token_lifetime_seconds, token_expires_at, created_at, updated_at)
     VALUES (?, ?, 'Okta', ?, ?, 31536000, ?, ?, ?)`,
  ).run(
    id,
    organizationId,
    options.enabled === false ? 0 : 1,
    hashToken(token),
    expiresAt.toISOString(),
    at,
    at,
  );
  return { id, token };
}

/** Simulates RegenerateSCIMToken: the stored digest changes, so the old token is unknown. */
export function rotateToken(
  db: Database.Database,
  configurationId: string,
  newToken: string,
): void {
  db.prepare('UPDATE scim_configurations SET token_hash = ? WHERE id = ?').run(
    hashToken(newToken),
    configurationId,
  );
}
