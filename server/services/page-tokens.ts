// Opaque, tamper-evident page tokens: base64url(cursor JSON) "." base64url(HMAC-SHA256).
// The MAC also covers the list identity (procedure + organization), so a token minted for one list
// is rejected by every other list, and the secret lives in the database so tokens survive restarts.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ConnectError } from '../../contracts/connect.ts';
import type { Keyset } from '../repositories/keyset.ts';
import type { SettingsRepository } from '../repositories/settings-repository.ts';

export const PAGE_TOKEN_SECRET_KEY = 'page_token_secret';

export interface PageTokenCodec {
  encode(list: string, position: Keyset): string;
  /** Throws `invalid_argument` for anything this server did not mint for `list`. */
  decode(list: string, token: string): Keyset;
}

export function invalidPageToken(): ConnectError {
  return new ConnectError('invalid_argument', 'pagination.token: invalid page token');
}

export function createPageTokenCodec(secret: Buffer): PageTokenCodec {
  const tag = (list: string, payload: string) =>
    createHmac('sha256', secret).update(list).update('\n').update(payload).digest();

  return {
    encode(list, position) {
      const payload = Buffer.from(JSON.stringify([position.createdAt, position.id])).toString(
        'base64url',
      );
      return `${payload}.${tag(list, payload).toString('base64url')}`;
    },
    decode(list, token) {
      const [payload, mac, ...rest] = token.split('.');
      if (!payload || !mac || rest.length > 0) throw invalidPageToken();
      const expected = tag(list, payload);
      const given = Buffer.from(mac, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw invalidPageToken();
      }
      const cursor: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      if (
        !Array.isArray(cursor) ||
        cursor.length !== 2 ||
        typeof cursor[0] !== 'string' ||
        typeof cursor[1] !== 'string'
      ) {
        throw invalidPageToken();
      }
      return { createdAt: cursor[0], id: cursor[1] };
    },
  };
}

/**
 * Creates the shared secret unless it exists. Start-up calls it after migrating, so reads keep
 * working later even while the database refuses writes.
 */
export async function ensurePageTokenSecret(settings: SettingsRepository): Promise<void> {
  await settings.getOrCreate(PAGE_TOKEN_SECRET_KEY, newSecret);
}

const newSecret = () => randomBytes(32).toString('base64url');

/**
 * The codec over the secret stored in the database, so every instance (and every restart) signs
 * and checks with the same one. Read on first use; a failed read (database away) is retried.
 */
export function sharedPageTokenCodec(settings: SettingsRepository): () => Promise<PageTokenCodec> {
  let loaded: Promise<PageTokenCodec> | undefined;
  return () => {
    loaded ??= settings
      .getOrCreate(PAGE_TOKEN_SECRET_KEY, newSecret)
      .then((secret) => createPageTokenCodec(Buffer.from(secret, 'base64url')))
      .catch((error: unknown) => {
        loaded = undefined;
        throw error;
      });
    return loaded;
  };
}
