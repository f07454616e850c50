import type { Db } from '../db/database.ts';

export interface OrganizationRecord {
  id: string;
  name: string;
  tier: string;
  createdAt: string;
  updatedAt: string;
}

interface OrganizationRow {
  id: string;
  name: string;
  tier: string;
  created_at: string;
  updated_at: string;
}

function toRecord(row: OrganizationRow): OrganizationRecord {
  return {
    id: row.id,
    name: row.name,
    tier: row.tier,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function createOrganizationRepository(db: Db) {
  const insert = db.prepare<[string, string, string, string]>(
    'INSERT INTO organizations (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)',
  );
  const byId = db.prepare<[string], OrganizationRow>('SELECT * FROM organizations WHERE id = ?');
  const count = db.prepare<[], number>('SELECT count(*) FROM organizations').pluck();

  return {
    insert(organization: { id: string; name: string; createdAt: string }): void {
      insert.run(
        organization.id,
        organization.name,
        organization.createdAt,
        organization.createdAt,
      );
    },
    findById(id: string): OrganizationRecord | undefined {
      const row = byId.get(id);
      return row ? toRecord(row) : undefined;
    },
    count(): number {
      return count.get() ?? 0;
    },
  };
}
export type OrganizationRepository = ReturnType<typeof createOrganizationRepository>;
