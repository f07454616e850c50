// The address a request came from, for per-client limits. The socket's peer, never a header:
// X-Forwarded-For is the client's to write.
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/** undefined for in-process requests (`app.request` in tests, the connection test). */
export function clientAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
}
