// Headers every response carries.
import type { Context, MiddlewareHandler } from 'hono';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const securityHeaderValues: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  // The console needs no device or sensor API: none may be used, not even by an injected script.
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  // No other origin's window shares a browsing context group with ours, or loads our responses.
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * Adds headers to the response a handler already produced. They are set in place: Hono's
 * `c.header()` on a finished response copies it around its body *stream*, which turns the
 * server's direct write of a string body into a streamed one (several times slower). Headers of
 * responses from `fetch()` or `Response.redirect()` are immutable; those take the copying path.
 */
export function setResponseHeaders(c: Context, headers: Readonly<Record<string, string>>): void {
  const entries = Object.entries(headers);
  try {
    const target = c.res.headers;
    for (const [name, value] of entries) target.set(name, value);
  } catch {
    for (const [name, value] of entries) c.header(name, value);
  }
}

export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  setResponseHeaders(c, securityHeaderValues);
};

const noStoreValues = { 'Cache-Control': 'no-store' };

/** API answers hold organization data and one-time tokens: no cache may keep them. */
export const noStore: MiddlewareHandler = async (c, next) => {
  await next();
  setResponseHeaders(c, noStoreValues);
};

const corsAllowedHeaders = new Set([
  'authorization',
  'content-type',
  'accept',
  'connect-protocol-version',
  'connect-timeout-ms',
  'x-ona-user-agent',
]);

function corsAllowsHeader(name: string): boolean {
  // Access-Control-Allow-Headers has no prefix wildcard, so X-Stainless-* is checked here.
  return corsAllowedHeaders.has(name) || name.startsWith('x-stainless-');
}

/** CORS for the listed origins only; other origins get no CORS headers at all. */
export function cors(allowedOrigins: readonly string[]): MiddlewareHandler {
  const origins = new Set(allowedOrigins);
  return async (c, next) => {
    const origin = c.req.header('origin');
    if (!origin || !origins.has(origin)) {
      await next();
      return;
    }
    const requestedMethod = c.req.header('access-control-request-method');
    if (c.req.method === 'OPTIONS' && requestedMethod) {
      const requested = (c.req.header('access-control-request-headers') ?? '')
        .split(',')
        .map((name) => name.trim().toLowerCase())
        .filter(Boolean);
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Vary', 'Origin');
      c.header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      c.header('Access-Control-Allow-Headers', requested.filter(corsAllowsHeader).join(', '));
      c.header('Access-Control-Max-Age', '600');
      return c.body(null, 204);
    }
    await next();
    setResponseHeaders(c, { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' });
  };
}
