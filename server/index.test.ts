// The CLI entry as `npm start` runs it.
import { existsSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { procedures } from '../contracts/procedures.ts';
import { mintScimToken, runServerToExit, spawnServer } from './testing/spawn-server.ts';
import { tempDir } from './testing/test-backend.ts';

const dirs: string[] = [];

/** A POST with a Host header of our choosing (fetch may not send a forged one). */
function postWithHost(
  url: string,
  host: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      { method: 'POST', headers: { ...headers, host, 'content-length': Buffer.byteLength(body) } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('server/index.ts', () => {
  it('creates the demo once, prints the admin token once, and the token works', {
    timeout: 30_000,
  }, async () => {
    const dir = tempDir();
    dirs.push(dir);
    const env = { DATABASE_PATH: join(dir, 'nested', 'folder', 'demo.sqlite') };
    const first = await spawnServer(env);
    let token = '';
    try {
      const match =
        /Demo organization "Acme Corp" created\. Sign in at (\S+) with the admin token: (\S+)/.exec(
          first.stdout(),
        );
      expect(match?.[1]).toBe(first.url);
      token = match?.[2] ?? '';
      const response = await fetch(`${first.url}/api/${procedures.getAuthenticatedIdentity.path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: '{}',
      });
      expect(response.status).toBe(200);
    } finally {
      await first.kill();
    }
    const second = await spawnServer(env);
    try {
      expect(second.stdout()).not.toContain('Demo organization');
      expect(second.stdout()).not.toContain(token);
    } finally {
      await second.kill();
    }
  });

  it('tests the SCIM connection in-process, whatever the Host header names', {
    timeout: 30_000,
  }, async () => {
    const dir = tempDir();
    dirs.push(dir);
    const server = await spawnServer({ DATABASE_PATH: join(dir, 'host.sqlite') });
    try {
      const adminToken = /with the admin token: (\S+)/.exec(server.stdout())?.[1] ?? '';
      const token = await mintScimToken(server);
      // Nothing listens on port 1: a server that fetched the Host would report ECONNREFUSED.
      const answer = await postWithHost(
        `${server.url}/api/${procedures.testConnection.path}`,
        '127.0.0.1:1',
        { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
        JSON.stringify({ token }),
      );
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toEqual({
        ok: true,
        status: 200,
        url: 'http://127.0.0.1:1/scim/v2/ServiceProviderConfig',
      });
    } finally {
      await server.kill();
    }
  });

  // Each spawns a whole server process: start-up under load takes longer than Vitest's 5 s default.
  it('exits with a clear message on an invalid variable', { timeout: 30_000 }, async () => {
    const result = await runServerToExit({ PORT: 'eighty' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Invalid configuration: PORT must be an integer');
  });

  it('exits with a clear message on an invalid SEED_FILE', { timeout: 30_000 }, async () => {
    const dir = tempDir();
    dirs.push(dir);
    const result = await runServerToExit({
      DATABASE_PATH: join(dir, 'x.sqlite'),
      SEED_FILE: join(dir, 'missing.json'),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('SEED_FILE');
  });

  it('gives up on an unreachable PostgreSQL server with the reason, after DATABASE_WAIT_MS', {
    timeout: 30_000,
  }, async () => {
    // Port 9 (discard) has no listener on loopback: every connection attempt is refused.
    const started = Date.now();
    const result = await runServerToExit({
      DATABASE_URL: 'postgres://scim:hunter2@127.0.0.1:9/scim',
      DATABASE_WAIT_MS: '1500',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'Cannot reach the database (PostgreSQL at 127.0.0.1:9/scim) within 1.5 s: connect ECONNREFUSED',
    );
    expect(result.stderr).not.toContain('hunter2');
    // It retried for the wait rather than giving up at the first refusal.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
  });

  it('refuses a malformed DATABASE_URL without repeating it', { timeout: 30_000 }, async () => {
    const result = await runServerToExit({ DATABASE_URL: 'postgres://scim:hunter2@/scim' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Invalid configuration: DATABASE_URL must be a URL such as');
    expect(result.stderr).not.toContain('hunter2');
  });

  it('opens no database in proxy mode', { timeout: 30_000 }, async () => {
    const dir = tempDir();
    dirs.push(dir);
    const databasePath = join(dir, 'proxy.sqlite');
    const server = await spawnServer({
      DATABASE_PATH: databasePath,
      ONA_API_URL: 'http://127.0.0.1:9/api',
    });
    try {
      expect(server.stdout()).toContain('proxy mode');
      // Nothing listens on port 9: the instance cannot do its job, and says so.
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({
        status: 'unavailable',
        mode: 'proxy',
        reason: expect.stringContaining('the upstream 127.0.0.1:9 is unreachable'),
      });
      expect(existsSync(databasePath)).toBe(false);
    } finally {
      await server.kill();
    }
  });
});
