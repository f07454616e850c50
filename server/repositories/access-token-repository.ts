// Personal access tokens, looked up only by their SHA-256 digest.
import { preparedQuery } from './prepared-query.ts';
import type { Executor } from './repositories.ts';
import type { OrganizationRoleName } from './user-repository.ts';

export interface TokenOwner {
  userId: string;
  organizationId: string;
  role: OrganizationRoleName;
  userStatus: string;
  /** undefined: never expires. */
  expiresAt: string | undefined;
}

export function createAccessTokenRepository({ db }: Executor) {
  // Every admin API call asks it first.
  const owner = preparedQuery(db, 1, (tokenHash: string) =>
    db
      .selectFrom('personal_access_tokens as t')
      .innerJoin('users as u', 'u.id', 't.user_id')
      .select(['t.user_id', 't.expires_at', 'u.organization_id', 'u.role', 'u.status'])
      .where('t.token_hash', '=', tokenHash),
  );
  return {
    async insert(token: {
      tokenHash: string;
      userId: string;
      expiresAt: string | undefined;
      createdAt: string;
    }): Promise<void> {
      await db
        .insertInto('personal_access_tokens')
        .values({
          token_hash: token.tokenHash,
          user_id: token.userId,
          expires_at: token.expiresAt ?? null,
          created_at: token.createdAt,
        })
        .execute();
    },
    async findOwner(tokenHash: string): Promise<TokenOwner | undefined> {
      const [row] = await owner(tokenHash);
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
