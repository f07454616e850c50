// Personal access tokens, looked up only by their SHA-256 digest.
import type { Db } from '../db/database.ts';
import type { OrganizationRoleName } from './user-repository.ts';

export interface TokenOwner {
  userId: string;
  organizationId: string;
  role: OrganizationRoleName;
  userStatus: string;
  /** undefined: never expires. */
  expiresAt: string | undefined;
}

interface TokenOwnerRow {
  user_id: string;
  organization_id: string;
  role: OrganizationRoleName;
  status: string;
  expires_at: string | null;
}

export function createAccessTokenRepository(db: Db) {
  const insert = db.prepare<[string, string, string | null, string]>(
    `INSERT INTO personal_access_tokens (token_hash, user_id, expires_at, created_at)
     VALUES (?, ?, ?, ?)`,
  );
  const ownerByHash = db.prepare<[string], TokenOwnerRow>(
    `SELECT t.user_id, t.expires_at, u.organization_id, u.role, u.status
       FROM personal_access_tokens t JOIN users u ON u.id = t.user_id
      WHERE t.token_hash = ?`,
  );

  return {
    insert(token: {
      tokenHash: string;
      userId: string;
      expiresAt: string | undefined;
      createdAt: string;
    }): void {
      insert.run(token.tokenHash, token.userId, token.expiresAt ?? null, token.createdAt);
    },
    findOwner(tokenHash: string): TokenOwner | undefined {
      const row = ownerByHash.get(tokenHash);
      if (!row) return undefined;
      return {
        userId: row.user_id,
        organizationId: row.organization_id,
        role: row.role,
        userStatus: row.status,
        expiresAt: row.expires_at ?? undefined,
      };
    },
  };
}
export type AccessTokenRepository = ReturnType<typeof createAccessTokenRepository>;
