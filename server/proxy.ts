// Proxy mode: `/api/*` is forwarded to ONA_API_URL and the answer streamed back unchanged.
import type { Context } from 'hono';
import { ConnectError } from '../contracts/connect.ts';
import { clientAddress } from './client-address.ts';
import { errorResponse } from './connect.ts';
import { readLimited } from './http-body.ts';
import type { LogSink } from './log.ts';

export interface ProxyOptions {
  upstream: string;
  timeoutMs: number;
  log: LogSink;
  fetch?: typeof fetch;
}

const MAX_PROXIED_BODY_BYTES = 1024 * 1024;

const forwardedRequestHeaders = ['authorization', 'content-type', 'accept'];
const forwardedRequestPrefixes = ['connect-', 'x-stainless-'];
const forwardedRequestExtras = ['x-ona-user-agent'];
// Connect errors and the retry hints the SDKs honour; hop-by-hop and encoding headers stay behind
// (fetch already decoded the body).
const forwardedResponseHeaders = [
  'content-type',
  'retry-after',
  'retry-after-ms',
  'ratelimit-retryafter',
  'x-should-retry',
];

// `/api/<package.Service>/<Method>` and nothing else: no `..`, no percent-encoding (an encoded
// `/` or `\` would reach a different path upstream), no extra segments.
const procedurePath =
  /^\/api\/[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+\/[A-Za-z_][A-Za-z0-9_]*$/;

/** The path as sent (before any decoding), so `%2F` and `%5C` are seen as such. */
function rawPath(requestUrl: string): string {
  const afterOrigin = requestUrl.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  const end = afterOrigin.search(/[?#]/);
  return end === -1 ? afterOrigin : afterOrigin.slice(0, end);
}

function requestHeaders(incoming: Headers, client: string | undefined): Headers {
  const headers = new Headers();
  incoming.forEach((value, name) => {
    if (
      forwardedRequestHeaders.includes(name) ||
      forwardedRequestExtras.includes(name) ||
      forwardedRequestPrefixes.some((prefix) => name.startsWith(prefix))
    ) {
      headers.set(name, value);
    }
  });
  // The upstream sees who is calling; an X-Forwarded-For the client sent is kept in front.
  if (client !== undefined) {
    const previous = incoming.get('x-forwarded-for');
    headers.set('x-forwarded-for', previous ? `${previous}, ${client}` : client);
  }
  return headers;
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

export function createProxyHandler(options: ProxyOptions) {
  const send = options.fetch ?? fetch;
  const upstreamHost = new URL(options.upstream).host;
  return async (c: Context): Promise<Response> => {
    const path = rawPath(c.req.url);
    if (!procedurePath.test(path)) {
      return c.json(
        new ConnectError(
          'unimplemented',
          'only /api/<package.Service>/<Method> is forwarded',
        ).toJSON(),
        404,
      );
    }
    const url = new URL(c.req.url);
    const target = `${options.upstream}${path.replace(/^\/api/, '')}${url.search}`;
    const hasBody = c.req.method !== 'GET' && c.req.method !== 'HEAD';
    const body = hasBody ? await readLimited(c.req.raw, MAX_PROXIED_BODY_BYTES) : undefined;
    if (hasBody && !body) {
      return errorResponse(c, new ConnectError('resource_exhausted', 'request body exceeds 1 MiB'));
    }
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new DOMException('upstream timed out', 'TimeoutError')),
      options.timeoutMs,
    );
    let upstream: Response;
    try {
      upstream = await send(target, {
        method: c.req.method,
        headers: requestHeaders(c.req.raw.headers, clientAddress(c)),
        ...(body && { body: new Uint8Array(body) }),
        signal: controller.signal,
        redirect: 'manual',
      });
    } catch (error) {
      clearTimeout(timer);
      if (isTimeout(error)) {
        return errorResponse(
          c,
          new ConnectError(
            'deadline_exceeded',
            `${upstreamHost} did not answer within ${options.timeoutMs} ms`,
          ),
        );
      }
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
      options.log.error(
        `proxy to ${upstreamHost} failed: ${cause instanceof Error ? cause.message : String(cause)}`,
      );
      return errorResponse(c, new ConnectError('unavailable', `${upstreamHost} is unreachable`));
    }
    const headers = new Headers();
    for (const name of forwardedResponseHeaders) {
      const value = upstream.headers.get(name);
      if (value !== null) headers.set(name, value);
    }
    if (!upstream.body) {
      clearTimeout(timer);
      return new Response(null, { status: upstream.status, headers });
    }
    // The timeout covers the whole exchange: it is cleared once the body has been streamed.
    const streamed = upstream.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        flush: () => clearTimeout(timer),
      }),
    );
    return new Response(streamed, { status: upstream.status, headers });
  };
}
