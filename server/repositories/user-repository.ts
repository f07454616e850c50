import type { Db } from '../db/database.ts';
import type { Keyset, PageQuery } from './keyset.ts';

export type OrganizationRoleName = 'ORGANIZATION_ROLE_ADMIN' | 'ORGANIZATION_ROLE_MEMBER';

export interface UserRecord {
  id: string;
  organizationId: string;
  name: string;
  email: string;
  role: OrganizationRoleName;
  status: string;
  createdAt: string;
}

interface UserRow {
  id: string;
  organization_id: string;
  name: string;
  email: string;
  role: OrganizationRoleName;
  status: string;
  created_at: string;
}

function toRecord(row: UserRow): UserRecord {
  return {
    id: row.id,
    organizationId: row.organization_id,
    name: row.name,
    email: row.email,
    role: row.role,
    status: row.status,
    createdAt: row.created_at,
  };
}

export interface MemberFilter {
  userIds?: readonly string[];
  /** Case-insensitive substring of the name or email. */
  search?: string;
}

interface PageParams {
  org: string;
  userIds: string | null;
  search: string | null;
  afterCreatedAt: string;
  afterId: string;
  limit: number;
}

// The filters are bound as NULL when absent so one prepared statement serves every combination.
const memberFilterSql = `
  AND (@userIds IS NULL OR id IN (SELECT value FROM json_each(@userIds)))
  AND (@search IS NULL OR instr(lower(name), @search) > 0 OR instr(lower(email), @search) > 0)`;

export function createUserRepository(db: Db) {
  const insert = db.prepare<[string, string, string, string, string, string]>(
    `INSERT INTO users (id, organization_id, name, email, role, created_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const byId = db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?');
  const firstPage = db.prepare<Omit<PageParams, 'afterCreatedAt' | 'afterId'>, UserRow>(
    `SELECT * FROM users WHERE organization_id = @org ${memberFilterSql}
     ORDER BY created_at, id LIMIT @limit`,
  );
  const nextPage = db.prepare<PageParams, UserRow>(
    `SELECT * FROM users WHERE organization_id = @org ${memberFilterSql}
       AND (created_at, id) > (@afterCreatedAt, @afterId)
     ORDER BY created_at, id LIMIT @limit`,
  );

  return {
    insert(user: Omit<UserRecord, 'status'>): void {
      insert.run(user.id, user.organizationId, user.name, user.email, user.role, user.createdAt);
    },
    findById(id: string): UserRecord | undefined {
      const row = byId.get(id);
      return row ? toRecord(row) : undefined;
    },
    pageMembers(organizationId: string, filter: MemberFilter, page: PageQuery): UserRecord[] {
      const base = {
        org: organizationId,
        userIds: filter.userIds ? JSON.stringify(filter.userIds) : null,
        search: filter.search ? filter.search.toLowerCase() : null,
        limit: page.limit,
      };
      const after: Keyset | undefined = page.after;
      const rows = after
        ? nextPage.all({ ...base, afterCreatedAt: after.createdAt, afterId: after.id })
        : firstPage.all(base);
      return rows.map(toRecord);
    },
  };
}
export type UserRepository = ReturnType<typeof createUserRepository>;
