// Headers every response carries.
import type { Context, MiddlewareHandler } from 'hono';
import { secureHeaders as honoSecureHeaders } from 'hono/secure-headers';

/**
 * Hono's middleware with our values: its defaults, a CSP for the SPA, no device or sensor API
 * (none may be used, not even by an injected script), no framing at all. No other origin's window
 * shares a browsing context group with ours or loads our responses (its COOP and CORP defaults).
 * Strict-Transport-Security is the TLS terminator's to send: this server speaks plain HTTP.
 * It sets headers in place on the response a handler produced, as `setResponseHeaders` does.
 */
export const securityHeaders: MiddlewareHandler = honoSecureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    fontSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [], usb: [] },
  xFrameOptions: 'DENY',
  strictTransportSecurity: false,
});

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
