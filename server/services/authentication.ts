// Bearer personal access token -> caller. Tokens are looked up by SHA-256 digest only.
import { ConnectError } from '../../contracts/connect.ts';
import type { AccessTokenRepository } from '../repositories/access-token-repository.ts';
import { bearerToken, hashToken } from '../security/tokens.ts';
import type { Caller } from './service-context.ts';

export type Authenticate = (authorization: string | undefined) => Promise<Caller>;

export function createAuthenticator(
  accessTokens: AccessTokenRepository,
  now: () => Date,
): Authenticate {
  return async (authorization) => {
    if (!authorization) {
      throw new ConnectError(
        'unauthenticated',
        'missing credentials: send "Authorization: Bearer <personal access token>"',
      );
    }
    const token = bearerToken(authorization);
    if (!token) {
      throw new ConnectError(
        'unauthenticated',
        'malformed Authorization header: expected "Bearer <personal access token>"',
      );
    }
    const owner = await accessTokens.findOwner(hashToken(token));
    if (!owner) throw new ConnectError('unauthenticated', 'unknown personal access token');
    if (owner.expiresAt !== undefined && owner.expiresAt <= now().toISOString()) {
      throw new ConnectError('unauthenticated', 'personal access token has expired');
    }
    if (owner.userStatus === 'USER_STATUS_SUSPENDED') {
      throw new ConnectError('unauthenticated', 'the user of this token is suspended');
    }
    return { userId: owner.userId, organizationId: owner.organizationId, role: owner.role };
  };
}
