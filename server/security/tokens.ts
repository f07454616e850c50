// Bearer secrets: minted from a CSPRNG, handed out once, stored only as SHA-256 digests.
import { createHash, randomBytes } from 'node:crypto';

/** Recognizable prefixes, so a leaked secret can be spotted by secret scanners. */
export const SCIM_TOKEN_PREFIX = 'scim_';
export const PERSONAL_ACCESS_TOKEN_PREFIX = 'ona_pat_';

/** 32 bytes = 256 bits of entropy, base64url without padding. */
function randomSecret(prefix: string): string {
  return prefix + randomBytes(32).toString('base64url');
}

export function newScimToken(): string {
  return randomSecret(SCIM_TOKEN_PREFIX);
}

export function newPersonalAccessToken(): string {
  return randomSecret(PERSONAL_ACCESS_TOKEN_PREFIX);
}

/**
 * Lowercase hex SHA-256. Lookups go by digest (an indexed equality match), so no code path
 * compares a presented secret with a stored one character by character.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Reads `Authorization: Bearer <token>`; undefined when absent or malformed. */
export function bearerToken(authorization: string | undefined | null): string | undefined {
  if (!authorization) return undefined;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization);
  return match?.[1];
}
