// Headers every response carries.
import type { MiddlewareHandler } from 'hono';

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

export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('X-Frame-Options', 'DENY');
};

/** API answers hold organization data and one-time tokens: no cache may keep them. */
export const noStore: MiddlewareHandler = async (c, next) => {
  await next();
  c.header('Cache-Control', 'no-store');
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
    c.header('Access-Control-Allow-Origin', origin);
    c.header('Vary', 'Origin');
  };
}
