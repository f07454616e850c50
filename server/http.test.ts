// Everything around the API: health, runtime config, headers, CORS, the SPA and request logs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeConfigSchema } from '../contracts/runtime-config.ts';
import { createApp } from './app.ts';
import { silentLog } from './log.ts';
import {
  collectingLog,
  createTestBackend,
  post,
  type TestBackend,
  tempDir,
  tokens,
} from './testing/test-backend.ts';

let backend: TestBackend;
let staticDir: string;
const log = collectingLog();

beforeAll(async () => {
  const parent = tempDir('scim-admin-static-');
  writeFileSync(join(parent, 'secret.txt'), 'outside the static folder');
  staticDir = join(parent, 'dist');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>SCIM admin</title>');
  writeFileSync(join(staticDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(
    join(staticDir, 'assets', 'index-abc123.js.map'),
    '{"version":3,"sourcesContent":["secret source"]}',
  );
  backend = await createTestBackend({
    config: { staticDir, corsOrigins: ['https://admin.example.com'] },
    log,
  });
});
afterAll(() => backend.close());

const CONTENT_SECURITY_POLICY = [
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

function expectSecurityHeaders(response: Response) {
  expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('x-frame-options')).toBe('DENY');
  expect(response.headers.get('permissions-policy')).toBe(
    'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  );
  expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
  expect(response.headers.get('cross-origin-resource-policy')).toBe('same-origin');
}

describe('health and runtime config', () => {
  it('answers /healthz with 200 once the database is open', async () => {
    const response = await backend.app.request('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', mode: 'local' });
  });

  it('answers 503 on /healthz, with the reason, when the database cannot be written', async () => {
    let clock = Date.parse('2026-06-01T08:00:00.000Z');
    const other = await createTestBackend({ now: () => new Date(clock) });
    try {
      await sql`PRAGMA query_only = ON`.execute(other.database.db);
      const health = await other.app.request('/healthz');
      expect(health.status).toBe(503);
      expect(await health.json()).toEqual({
        status: 'unavailable',
        mode: 'local',
        reason: 'the database cannot be written: attempt to write a readonly database',
      });
      // Reads still work meanwhile: the API keeps answering what it can.
      const list = await post(
        other.app,
        'gitpod.v1.OrganizationService/ListSCIMConfigurations',
        {},
      );
      expect(list.status).toBe(200);
      await sql`PRAGMA query_only = OFF`.execute(other.database.db);
      clock += 1000;
      expect((await other.app.request('/healthz')).status).toBe(200);
    } finally {
      await other.close();
    }
  });

  it('answers 503 on /healthz when the database is closed', async () => {
    const other = await createTestBackend();
    await other.database.close();
    try {
      expect((await other.app.request('/healthz')).status).toBe(503);
    } finally {
      await other.close();
    }
  });

  it('derives the SCIM base URL from the request origin, uncached', async () => {
    const response = await backend.app.request('http://admin.local:8080/runtime-config.json');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const config = runtimeConfigSchema.parse(await response.json());
    expect(config).toEqual({
      scimBaseUrl: 'http://admin.local:8080/scim/v2',
      apiTarget: 'local',
      mode: 'local',
    });
  });

  it('uses SCIM_BASE_URL when configured', async () => {
    const app = createApp({
      database: backend.database,
      config: { scimBaseUrl: 'https://scim.example.com/scim/v2' },
      log: silentLog,
    });
    const config = await (await app.request('/runtime-config.json')).json();
    expect(config).toMatchObject({ scimBaseUrl: 'https://scim.example.com/scim/v2' });
  });
});

describe('security headers', () => {
  it('are on API answers, errors, static files and 404s', async () => {
    const responses = [
      await post(backend.app, 'gitpod.v1.OrganizationService/ListSCIMConfigurations', {}),
      await post(backend.app, 'gitpod.v1.OrganizationService/Nope', {}),
      await backend.app.request('/'),
      await backend.app.request('/assets/missing.js'),
      await backend.app.request('/healthz'),
    ];
    for (const response of responses) expectSecurityHeaders(response);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self';");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });
});

describe('the SPA', () => {
  it('serves index.html without caching and hashed assets with a long cache', async () => {
    const index = await backend.app.request('/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(await index.text()).toContain('SCIM admin');
    const asset = await backend.app.request('/assets/index-abc123.js');
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const icon = await backend.app.request('/favicon.svg');
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
  });

  it('never serves source maps: they hold the full source', async () => {
    for (const path of ['/assets/index-abc123.js.map', '/assets/INDEX-ABC123.JS.MAP']) {
      const response = await backend.app.request(path);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('secret source');
    }
  });

  it('falls back to index.html for deep links, including /scim/<id>', async () => {
    for (const path of ['/scim/01980ed3-a090-7b5b-8000-000000000000', '/settings/a/b', '/scim']) {
      const response = await backend.app.request(path);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('SCIM admin');
    }
  });

  it('does not fall back for missing files or server paths', async () => {
    for (const path of ['/assets/missing.js', '/api', '/nope.png']) {
      const response = await backend.app.request(path);
      // 404, or the SCIM endpoint's own 401 for its paths: never the SPA's index.html.
      expect([401, 404]).toContain(response.status);
      expect(await response.text()).not.toContain('SCIM admin');
    }
    // The SCIM endpoint answers for itself (here: no token).
    for (const path of ['/scim/v2/Users', '/scim/v2']) {
      const scim = await backend.app.request(path);
      expect(scim.status).toBe(401);
      expect(await scim.text()).not.toContain('SCIM admin');
    }
  });

  it('never serves files outside the static folder', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/..%5csecret.txt',
    ]) {
      const response = await backend.app.request(path);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('outside');
    }
  });
});

describe('CORS', () => {
  it('answers a preflight from a listed origin with the allowed headers only', async () => {
    const response = await backend.app.request(
      '/api/gitpod.v1.OrganizationService/ListSCIMConfigurations',
      {
        method: 'OPTIONS',
        headers: {
          origin: 'https://admin.example.com',
          'access-control-request-method': 'POST',
          'access-control-request-headers':
            'authorization, content-type, connect-protocol-version, x-stainless-retry-count, x-evil',
        },
      },
    );
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://admin.example.com');
    expect(response.headers.get('access-control-allow-headers')).toBe(
      'authorization, content-type, connect-protocol-version, x-stainless-retry-count',
    );
  });

  it('adds no CORS header for other origins or when no origin is configured', async () => {
    const other = await post(
      backend.app,
      'gitpod.v1.OrganizationService/ListSCIMConfigurations',
      {},
      {
        headers: { origin: 'https://evil.example.com' },
      },
    );
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const listed = await post(
      backend.app,
      'gitpod.v1.OrganizationService/ListSCIMConfigurations',
      {},
      {
        headers: { origin: 'https://admin.example.com' },
      },
    );
    expect(listed.headers.get('access-control-allow-origin')).toBe('https://admin.example.com');
    const noCors = createApp({ database: backend.database, config: {}, log: silentLog });
    const preflight = await noCors.request('/api/x/Y', {
      method: 'OPTIONS',
      headers: { origin: 'https://admin.example.com', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('request logs', () => {
  it('write one line per request: method, path, status, duration; never a token', async () => {
    await backend.call('createScimConfiguration', {
      organizationId: backend.acme.id,
      ssoConfigurationId: backend.acme.okta,
    });
    log.lines.length = 0;
    const created = await backend.call('createScimConfiguration', {
      organizationId: backend.acme.id,
      ssoConfigurationId: backend.acme.okta,
    });
    const page = await backend.call('listScimConfigurations', { pagination: { pageSize: 1 } });
    await backend.call(
      'listScimConfigurations',
      {},
      { query: `?token=${encodeURIComponent(page.pagination.nextToken)}` },
    );
    await backend.call('regenerateScimToken', {
      scimConfigurationId: created.scimConfiguration.id,
    });
    expect(log.lines).toHaveLength(4);
    expect(log.lines[0]).toMatch(
      /^POST \/api\/gitpod\.v1\.OrganizationService\/CreateSCIMConfiguration 200 \d+\.\dms$/,
    );
    const all = log.lines.join('\n');
    for (const secret of [tokens.acmeAdmin, created.token, 'Bearer', 'authorization']) {
      expect(all).not.toContain(secret);
    }
    expect(all).not.toContain('token=');
  });

  it('redact token-shaped path segments', async () => {
    log.lines.length = 0;
    const pat = 'ona_pat_Zm9vYmFyYmF6cXV4cXV1eDEyMzQ1Njc4OTA';
    const scim = 'scim_c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0';
    await backend.app.request(`/scim/v2/Users/${scim}`);
    await backend.app.request(`/api/${pat}`, { method: 'POST' });
    await backend.app.request(`/scim%5F${scim.slice(5)}/x`);
    const all = log.lines.join('\n');
    expect(all).toContain('/scim/v2/Users/scim_[redacted] ');
    expect(all).toContain('/api/ona_pat_[redacted] ');
    for (const secret of [pat, scim, scim.slice(5)]) expect(all).not.toContain(secret);
  });
});
