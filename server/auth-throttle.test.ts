// Guessing tokens over real connections: the throttle engages per client address on /api and
// /scim/v2, answers 429 with Retry-After (Connect resource_exhausted on /api), spares valid tokens
// from another address, releases after its window and shows the refusals in GetActivity.
import { once } from 'node:events';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { procedures } from '../contracts/procedures.ts';
import { AUTH_FAILURES_PER_MINUTE } from './security/auth-throttle.ts';
import { createTestBackend, type TestBackend, tokens } from './testing/test-backend.ts';

let backend: TestBackend;
let server: ServerType;
let port: number;
let clock = Date.parse('2026-06-01T08:00:00.000Z');

beforeEach(async () => {
  backend = await createTestBackend({ now: () => new Date(clock) });
  server = serve({ fetch: backend.app.fetch, hostname: '127.0.0.1', port: 0 });
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});
afterEach(() => {
  server.close();
  (server as { closeAllConnections?: () => void }).closeAllConnections?.();
  backend.close();
});

interface Answer {
  status: number;
  retryAfter: string | undefined;
  body: string;
}

function send(
  path: string,
  token: string,
  options: { from?: string; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.body === undefined ? 'GET' : 'POST',
        ...(options.from && { localAddress: options.from }),
        headers: {
          authorization: `Bearer ${token}`,
          ...(options.body !== undefined && { 'content-type': 'application/json' }),
        },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => {
          body += chunk.toString();
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'], body }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const rpc = (name: keyof typeof procedures, token: string, body: unknown, from?: string) =>
  send(`/api/${procedures[name].path}`, token, {
    body: JSON.stringify(body),
    ...(from && { from }),
  });

it('throttles guessed personal access tokens and SCIM tokens per address, and releases', async () => {
  // Failures on both surfaces count together for one address.
  const statuses: number[] = [];
  for (let attempt = 0; attempt < AUTH_FAILURES_PER_MINUTE; attempt += 1) {
    const answer =
      attempt % 2 === 0
        ? await rpc('getAuthenticatedIdentity', `ona_pat_guess${attempt}`, {})
        : await send('/scim/v2/Users', `scim_guess${attempt}`);
    statuses.push(answer.status);
  }
  expect(statuses.every((status) => status === 401)).toBe(true);

  const api = await rpc('getAuthenticatedIdentity', 'ona_pat_guess', {});
  expect(api.status).toBe(429);
  expect(JSON.parse(api.body)).toEqual({
    code: 'resource_exhausted',
    message: 'too many failed authentication attempts from this address: retry in 60 s',
  });
  expect(api.retryAfter).toBe('60');
  const scim = await send('/scim/v2/Users', 'scim_guess');
  expect(scim.status).toBe(429);
  expect(scim.retryAfter).toBe('60');
  expect(JSON.parse(scim.body)).toMatchObject({ status: '429' });
  // The throttled address is refused even with a valid token…
  expect((await rpc('getAuthenticatedIdentity', tokens.acmeAdmin, {})).status).toBe(429);

  // …while the same admin from another address is not slowed, and sees the refusals counted.
  const activity = await rpc(
    'getActivity',
    tokens.acmeAdmin,
    { scimConfigurationIds: ['00000000-0000-7000-8000-000000000000'] },
    '127.0.0.2',
  );
  expect(activity.status).toBe(200);
  expect(JSON.parse(activity.body)).toEqual({ throttledLast24h: 3 });

  clock += 30_000;
  const later = await rpc('getAuthenticatedIdentity', tokens.acmeAdmin, {});
  expect(later.retryAfter).toBe('30');
  clock += 30_000;
  expect((await rpc('getAuthenticatedIdentity', tokens.acmeAdmin, {})).status).toBe(200);
});
