import { type Selectable, sql } from 'kysely';
import type { UsersTable } from '../db/schema.ts';
import { afterKeyset, type PageQuery } from './keyset.ts';
import type { Executor } from './repositories.ts';

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

function toRecord(row: Selectable<UsersTable>): UserRecord {
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

/** A LIKE pattern matching `text` anywhere, with LIKE's own wildcards taken literally. */
function containing(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

export function createUserRepository({ db }: Executor) {
  return {
    /** A member; its status defaults to active. */
    async insert(user: Omit<UserRecord, 'status'> & { status?: string }): Promise<void> {
      await db
        .insertInto('users')
        .values({
          id: user.id,
          organization_id: user.organizationId,
          name: user.name,
          email: user.email,
          role: user.role,
          ...(user.status !== undefined && { status: user.status }),
          created_at: user.createdAt,
        })
        .execute();
    },
    /** What SCIM provisioning mirrors onto the member: its name, address and status. */
    async updateProfile(
      organizationId: string,
      id: string,
      profile: Pick<UserRecord, 'name' | 'email' | 'status'>,
    ): Promise<void> {
      await db
        .updateTable('users')
        .set({ name: profile.name, email: profile.email, status: profile.status })
        .where('id', '=', id)
        .where('organization_id', '=', organizationId)
        .execute();
    },
    /** Deletes a member SCIM provisioned; its SCIM row, memberships and tokens cascade. */
    async deleteProvisioned(organizationId: string, id: string): Promise<boolean> {
      const result = await db
        .deleteFrom('users')
        .where('id', '=', id)
        .where('organization_id', '=', organizationId)
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('scim_users')
              .select('user_id')
              .whereRef('scim_users.user_id', '=', 'users.id'),
          ),
        )
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
    async findById(id: string): Promise<UserRecord | undefined> {
      const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toRecord(row) : undefined;
    },
    async pageMembers(
      organizationId: string,
      filter: MemberFilter,
      page: PageQuery,
    ): Promise<UserRecord[]> {
      let query = db.selectFrom('users').selectAll().where('organization_id', '=', organizationId);
      if (filter.userIds) {
        if (filter.userIds.length === 0) return [];
        query = query.where('id', 'in', filter.userIds);
      }
      if (filter.search) {
        const pattern = containing(filter.search);
        query = query.where(
          sql<boolean>`(lower(name) LIKE ${pattern} ESCAPE '\\' OR lower(email) LIKE ${pattern} ESCAPE '\\')`,
        );
      }
      if (page.after) query = query.where(afterKeyset('id', page.after));
      const rows = await query.orderBy('created_at').orderBy('id').limit(page.limit).execute();
      return rows.map(toRecord);
    },
  };
}
export type UserRepository = ReturnType<typeof createUserRepository>;
