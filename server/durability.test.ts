// Data survives restarts and kill -9; no secret is ever written to the database files in plain text.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { procedures } from '../contracts/procedures.ts';
import { createApp } from './app.ts';
import { openDatabase } from './db/database.ts';
import type { SeedSpec } from './db/seed.ts';
import { silentLog } from './log.ts';
import { spawnServer } from './testing/spawn-server.ts';
import { createTestBackend, post, tempDir, tokens } from './testing/test-backend.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Every file SQLite keeps for the database: the main file, the WAL and the shared-memory index. */
function databaseBytes(path: string): Buffer {
  return Buffer.concat(
    [path, `${path}-wal`, `${path}-shm`].filter(existsSync).map((file) => readFileSync(file)),
  );
}

function expectNoPlaintext(path: string, secrets: string[]) {
  const bytes = databaseBytes(path);
  expect(bytes.length).toBeGreaterThan(0);
  for (const secret of secrets) {
    expect(bytes.includes(Buffer.from(secret, 'utf8')), `found ${secret.slice(0, 12)}…`).toBe(
      false,
    );
  }
}

describe('restart on the same file', () => {
  it('keeps configurations and does not store tokens in plain text', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const backend = await createTestBackend({ dir });
    const created = await backend.call('createScimConfiguration', {
      organizationId: backend.acme.id,
      ssoConfigurationId: backend.acme.okta,
      name: 'survivor',
    });
    const regenerated = await backend.call('regenerateScimToken', {
      scimConfigurationId: created.scimConfiguration.id,
    });
    const secrets = [created.token, regenerated.token, tokens.acmeAdmin, tokens.acmeMember];
    expectNoPlaintext(backend.dbPath, secrets);
    expect(databaseBytes(backend.dbPath).includes('survivor')).toBe(true);
    await backend.close();

    const database = openDatabase({ kind: 'sqlite', path: backend.dbPath });
    try {
      const app = createApp({ database, config: {}, log: silentLog });
      const response = await post(app, procedures.getScimConfiguration.path, {
        scimConfigurationId: created.scimConfiguration.id,
      });
      expect(response.status).toBe(200);
      const { scimConfiguration } = procedures.getScimConfiguration.response.parse(
        await response.json(),
      );
      expect(scimConfiguration.name).toBe('survivor');
      expect(scimConfiguration.tokenExpiresAt).toBe(regenerated.tokenExpiresAt);
      expectNoPlaintext(backend.dbPath, secrets);
    } finally {
      await database.close();
    }
  });
});

const ADMIN_TOKEN = 'durability-admin-token-6f1c0c8e';

async function rpc<T>(url: string, path: string, body: unknown): Promise<T> {
  const response = await fetch(`${url}/api/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

describe('kill -9', () => {
  it('loses no acknowledged write', { timeout: 40_000 }, async () => {
    const dir = tempDir();
    dirs.push(dir);
    const databasePath = join(dir, 'data', 'kill.sqlite');
    const seedFile = join(dir, 'seed.json');
    const seed: SeedSpec = {
      organizations: [
        {
          name: 'Durable Inc',
          ssoConfigurations: [{ displayName: 'Okta', issuerUrl: 'https://durable.okta.com' }],
          members: [
            {
              name: 'Dora',
              email: 'dora@durable.test',
              role: 'ORGANIZATION_ROLE_ADMIN',
              token: ADMIN_TOKEN,
            },
          ],
          scimConfigurations: { count: 3 },
        },
      ],
    };
    writeFileSync(seedFile, JSON.stringify(seed));
    const env = { DATABASE_PATH: databasePath, SEED_FILE: seedFile };

    const first = await spawnServer(env);
    onTestFinished(() => first.kill());
    expect(first.stdout()).toContain('Seeded 1 organization(s)');
    const identity = await rpc<{ organizationId: string }>(
      first.url,
      procedures.getAuthenticatedIdentity.path,
      {},
    );
    const sso = await rpc<{ ssoConfigurations: { id: string }[] }>(
      first.url,
      procedures.listSsoConfigurations.path,
      { organizationId: identity.organizationId },
    );
    const ssoConfigurationId = sso.ssoConfigurations[0]?.id;
    const secrets = [ADMIN_TOKEN];
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const created = await rpc<{ scimConfiguration: { id: string }; token: string }>(
        first.url,
        procedures.createScimConfiguration.path,
        { organizationId: identity.organizationId, ssoConfigurationId, name: `kill ${i}` },
      );
      ids.push(created.scimConfiguration.id);
      secrets.push(created.token);
    }
    const renamedId = ids[0] ?? '';
    await rpc(first.url, procedures.updateScimConfiguration.path, {
      scimConfigurationId: renamedId,
      name: 'renamed before the kill',
      enabled: false,
    });
    const deletedId = ids[1] ?? '';
    await rpc(first.url, procedures.deleteScimConfiguration.path, {
      scimConfigurationId: deletedId,
    });
    const rotated = await rpc<{ token: string; tokenExpiresAt: string }>(
      first.url,
      procedures.regenerateScimToken.path,
      { scimConfigurationId: ids[2], tokenExpiresIn: '86400s' },
    );
    secrets.push(rotated.token);
    await first.kill();

    // The WAL still holds the writes: no secret may be in it either.
    expect(existsSync(`${databasePath}-wal`)).toBe(true);
    expectNoPlaintext(databasePath, secrets);
    // The scan does see plain data written just before the kill.
    expect(databaseBytes(databasePath).includes('renamed before the kill')).toBe(true);

    const second = await spawnServer(env);
    try {
      expect(second.stdout()).not.toContain('Seeded');
      const list = await rpc<{
        scimConfigurations: {
          id: string;
          name?: string;
          enabled?: boolean;
          tokenExpiresAt: string;
        }[];
      }>(second.url, procedures.listScimConfigurations.path, { pagination: { pageSize: 100 } });
      const byId = new Map(list.scimConfigurations.map((config) => [config.id, config]));
      expect(list.scimConfigurations).toHaveLength(3 + 10 - 1);
      for (const id of ids) {
        if (id === deletedId) expect(byId.has(id)).toBe(false);
        else expect(byId.has(id)).toBe(true);
      }
      expect(byId.get(renamedId)).toMatchObject({ name: 'renamed before the kill' });
      expect(byId.get(renamedId)).not.toHaveProperty('enabled');
      expect(byId.get(ids[2] ?? '')?.tokenExpiresAt).toBe(rotated.tokenExpiresAt);
    } finally {
      await second.kill();
    }
  });
});
