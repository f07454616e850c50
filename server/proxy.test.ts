// Proxy mode against real upstreams listening on ephemeral ports.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { procedures } from '../contracts/procedures.ts';
import { createApp } from './app.ts';
import {
  collectingLog,
  createTestBackend,
  post,
  readError,
  type TestBackend,
  tokens,
} from './testing/test-backend.ts';

type Server = ReturnType<typeof serve>;

async function listen(app: Hono): Promise<{ server: Server; url: string }> {
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}` };
}

async function close(server: Server) {
  server.close();
  // Keep-alive sockets would hold the server open until their timeout.
  if ('closeAllConnections' in server) server.closeAllConnections();
}

let upstream: TestBackend;
let upstreamServer: { server: Server; url: string };
let echoServer: { server: Server; url: string };
const seen: { method: string; url: string; headers: Record<string, string>; body: string }[] = [];

beforeAll(async () => {
  upstream = await createTestBackend();
  upstreamServer = await listen(upstream.app);
  const echo = new Hono();
  echo.all('/api/slow.v1.SlowService/*', async (c) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    return c.json({});
  });
  echo.all('/api/*', async (c) => {
    const headers: Record<string, string> = {};
    c.req.raw.headers.forEach((value, name) => {
      headers[name] = value;
    });
    seen.push({
      method: c.req.method,
      url: c.req.url,
      headers,
      body: await c.req.text(),
    });
    c.header('retry-after', '3');
    c.header('x-upstream-secret', 'not forwarded');
    return c.body('{"code":"resource_exhausted","message":"slow down"}', 429, {
      'content-type': 'application/json',
    });
  });
  echoServer = await listen(echo);
});

afterAll(async () => {
  await close(upstreamServer.server);
  await close(echoServer.server);
  upstream.close();
});

function proxyApp(upstreamUrl: string, timeoutMs = 5000) {
  const log = collectingLog();
  const app = createApp({
    config: { proxy: { upstream: upstreamUrl, timeoutMs } },
    log,
  });
  return { app, log };
}

describe('proxy mode', () => {
  it('round-trips a Connect call to a real backend with status and body unchanged', async () => {
    const { app } = proxyApp(`${upstreamServer.url}/api`);
    const created = await upstream.call('createScimConfiguration', {
      organizationId: upstream.acme.id,
      ssoConfigurationId: upstream.acme.okta,
      name: 'via upstream',
    });
    const path = procedures.getScimConfiguration.path;
    const body = { scimConfigurationId: created.scimConfiguration.id };
    const direct = await post(upstream.app, path, body);
    const proxied = await post(app, path, body);
    expect(proxied.status).toBe(200);
    expect(proxied.headers.get('content-type')).toBe(direct.headers.get('content-type'));
    expect(await proxied.text()).toBe(await direct.text());

    const unauthenticated = await post(app, path, body, { token: 'wrong' });
    expect(await readError(unauthenticated)).toMatchObject({
      status: 401,
      code: 'unauthenticated',
    });
    const list = await post(
      app,
      procedures.listScimConfigurations.path,
      {},
      {
        query: '?pageSize=1',
      },
    );
    expect(
      ((await list.json()) as { scimConfigurations: unknown[] }).scimConfigurations,
    ).toHaveLength(1);
  });

  it('forwards method, path, query, body and the API headers only, and passes retry hints back', async () => {
    const { app } = proxyApp(`${echoServer.url}/api`);
    seen.length = 0;
    const response = await app.request(
      '/api/gitpod.v1.OrganizationService/ListSCIMConfigurations?token=abc&pageSize=5',
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${tokens.acmeAdmin}`,
          'content-type': 'application/json',
          accept: 'application/json',
          'connect-protocol-version': '1',
          'connect-timeout-ms': '9000',
          'x-stainless-retry-count': '1',
          'x-ona-user-agent': 'ona-sdk/1',
          cookie: 'session=secret',
        },
        body: '{"pagination":{"pageSize":5}}',
      },
    );
    expect(response.status).toBe(429);
    expect(await response.json()).toEqual({ code: 'resource_exhausted', message: 'slow down' });
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('retry-after')).toBe('3');
    expect(response.headers.get('x-upstream-secret')).toBeNull();
    expect(response.headers.get('cache-control')).toBe('no-store');

    const [request] = seen;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe(
      `${echoServer.url}/api/gitpod.v1.OrganizationService/ListSCIMConfigurations?token=abc&pageSize=5`,
    );
    expect(request?.body).toBe('{"pagination":{"pageSize":5}}');
    expect(request?.headers).toMatchObject({
      authorization: `Bearer ${tokens.acmeAdmin}`,
      'content-type': 'application/json',
      accept: 'application/json',
      'connect-protocol-version': '1',
      'connect-timeout-ms': '9000',
      'x-stainless-retry-count': '1',
      'x-ona-user-agent': 'ona-sdk/1',
    });
    expect(request?.headers).not.toHaveProperty('cookie');
  });

  it('forwards only /api/<package.Service>/<Method>, refusing encoded / and \\ and extra segments', async () => {
    const { app } = proxyApp(`${echoServer.url}/api`);
    seen.length = 0;
    for (const path of [
      '/api/gitpod.v1.OrganizationService%2FListSCIMConfigurations',
      '/api/gitpod.v1.OrganizationService/List%5C..%5Cadmin',
      '/api/gitpod.v1.OrganizationService/ListSCIMConfigurations/extra',
      '/api/gitpod.v1.OrganizationService/',
      '/api/OrganizationService/ListSCIMConfigurations',
      '/api/gitpod.v1.OrganizationService/List%2e%2e',
    ]) {
      const response = await app.request(path, { method: 'POST', body: '{}' });
      expect(response.status, path).toBe(404);
      expect(await response.json()).toEqual({
        code: 'unimplemented',
        message: 'only /api/<package.Service>/<Method> is forwarded',
      });
    }
    expect(seen).toEqual([]);
  });

  it('adds the client address to X-Forwarded-For', async () => {
    const { app } = proxyApp(`${echoServer.url}/api`);
    const proxy = await listen(app);
    try {
      seen.length = 0;
      const path = '/api/gitpod.v1.OrganizationService/ListSCIMConfigurations';
      await fetch(`${proxy.url}${path}`, { method: 'POST', body: '{}' });
      await fetch(`${proxy.url}${path}`, {
        method: 'POST',
        body: '{}',
        headers: { 'x-forwarded-for': '203.0.113.9' },
      });
      expect(seen.map((request) => request.headers['x-forwarded-for'])).toEqual([
        '127.0.0.1',
        '203.0.113.9, 127.0.0.1',
      ]);
    } finally {
      await close(proxy.server);
    }
  });

  it('answers unavailable when the upstream cannot be reached, and /healthz says so', async () => {
    const closed = await listen(new Hono());
    const url = closed.url;
    await close(closed.server);
    const { app, log } = proxyApp(`${url}/api`);
    const response = await post(app, procedures.listScimConfigurations.path, {});
    expect(await readError(response)).toMatchObject({ status: 503, code: 'unavailable' });
    expect(log.lines.join('\n')).not.toContain(tokens.acmeAdmin);
    const health = await app.request('/healthz');
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({
      status: 'unavailable',
      mode: 'proxy',
      reason: expect.stringContaining(`the upstream ${new URL(url).host} is unreachable`),
    });
  });

  it('answers deadline_exceeded when the upstream is too slow', async () => {
    const { app } = proxyApp(`${echoServer.url}/api`, 200);
    const started = Date.now();
    const response = await post(app, 'slow.v1.SlowService/Method', {});
    expect(await readError(response)).toMatchObject({ status: 504, code: 'deadline_exceeded' });
    expect(Date.now() - started).toBeLessThan(1400);
  });

  it('reports proxy mode at runtime, is healthy without a database, keeps own services local', async () => {
    const { app } = proxyApp('https://app.gitpod.io/api');
    const config = await (await app.request('/runtime-config.json')).json();
    expect(config).toMatchObject({ mode: 'proxy', apiTarget: 'https://app.gitpod.io/api' });
    const healthy = proxyApp(`${echoServer.url}/api`).app;
    expect(await (await healthy.request('/healthz')).json()).toEqual({
      status: 'ok',
      mode: 'proxy',
    });
    const own = await post(app, procedures.testConnection.path, { token: 'x' });
    expect(await readError(own)).toMatchObject({ status: 501, code: 'unimplemented' });
  });
});
