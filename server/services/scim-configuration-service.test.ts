import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServiceContext } from '../app.ts';
import { hashToken, SCIM_TOKEN_PREFIX } from '../security/tokens.ts';
import { createTestBackend, type TestBackend } from '../testing/test-backend.ts';
import { columnValues } from '../testing/test-database.ts';
import {
  createScimConfiguration,
  MAX_UPDATED_AT_LEAD_MS,
  nextUpdatedAt,
  regenerateScimToken,
  updateScimConfiguration,
} from './scim-configuration-service.ts';

let backend: TestBackend;
beforeAll(async () => {
  backend = await createTestBackend();
});
afterAll(() => backend.close());

const DAY = 86_400_000;

async function storedHash(id: string): Promise<unknown> {
  const [hash] = await columnValues(
    backend.database,
    sql`SELECT token_hash FROM scim_configurations WHERE id = ${id}`,
  );
  return hash;
}

async function storedLifetime(id: string): Promise<number> {
  const [lifetime] = await columnValues(
    backend.database,
    sql`SELECT token_lifetime_seconds FROM scim_configurations WHERE id = ${id}`,
  );
  return Number(lifetime);
}

async function create(body: Record<string, unknown> = {}) {
  return backend.call('createScimConfiguration', {
    organizationId: backend.acme.id,
    ssoConfigurationId: backend.acme.okta,
    ...body,
  });
}

describe('CreateSCIMConfiguration', () => {
  it('creates an enabled configuration, returns the token once and stores only its hash', async () => {
    const before = Date.now();
    const created = await create({ name: 'Okta provisioning' });
    const config = created.scimConfiguration;
    expect(config).toMatchObject({
      organizationId: backend.acme.id,
      name: 'Okta provisioning',
      enabled: true,
      ssoConfigurationId: backend.acme.okta,
      allowUnverifiedEmailAccountLinking: false,
    });
    expect(config.createdAt).toBe(config.updatedAt);
    expect(created.token.startsWith(SCIM_TOKEN_PREFIX)).toBe(true);
    // 32 random bytes in base64url = 43 characters after the prefix.
    expect(created.token.length - SCIM_TOKEN_PREFIX.length).toBeGreaterThanOrEqual(43);
    expect(await storedHash(config.id)).toBe(hashToken(created.token));
    // Default lifetime: one year, remembered for RegenerateSCIMToken.
    const expires = Date.parse(created.tokenExpiresAt);
    expect(expires - before).toBeGreaterThanOrEqual(365 * DAY - 1000);
    expect(expires - Date.now()).toBeLessThanOrEqual(365 * DAY);
    expect(config.tokenExpiresAt).toBe(created.tokenExpiresAt);
    expect(await storedLifetime(config.id)).toBe(365 * 86_400);
  });

  it('honours tokenExpiresIn and allowUnverifiedEmailAccountLinking', async () => {
    const created = await create({
      tokenExpiresIn: '7776000s',
      allowUnverifiedEmailAccountLinking: true,
    });
    const lifetime =
      Date.parse(created.tokenExpiresAt) - Date.parse(created.scimConfiguration.createdAt);
    expect(lifetime).toBe(90 * DAY);
    expect(created.scimConfiguration.allowUnverifiedEmailAccountLinking).toBe(true);
    expect(await storedLifetime(created.scimConfiguration.id)).toBe(7_776_000);
  });

  it('accepts the bounds 86400s and 63072000s', async () => {
    await expect(create({ tokenExpiresIn: '86400s' })).resolves.toBeDefined();
    await expect(create({ tokenExpiresIn: '63072000s' })).resolves.toBeDefined();
  });

  it('requires an SSO configuration of the caller organization that is ACTIVE', async () => {
    const unknown = await backend.fail('createScimConfiguration', {
      organizationId: backend.acme.id,
      ssoConfigurationId: '01980ed3-a090-7b5b-8000-000000000000',
    });
    expect(unknown).toMatchObject({ status: 404, code: 'not_found' });

    const otherOrg = await backend.fail('createScimConfiguration', {
      organizationId: backend.acme.id,
      ssoConfigurationId: backend.globex.sso,
    });
    expect(otherOrg).toMatchObject({ status: 404, code: 'not_found' });

    const inactive = await backend.fail('createScimConfiguration', {
      organizationId: backend.acme.id,
      ssoConfigurationId: backend.acme.inactive,
    });
    expect(inactive).toMatchObject({ status: 400, code: 'failed_precondition' });
    expect(inactive.message).toContain('https://accounts.google.com');
    expect(inactive.message).toContain('not active');
  });

  it('answers not_found for another organization id', async () => {
    const answer = await backend.fail('createScimConfiguration', {
      organizationId: backend.globex.id,
      ssoConfigurationId: backend.globex.sso,
    });
    expect(answer).toMatchObject({ status: 404, code: 'not_found' });
  });

  it.each([
    [{ organizationId: 'not-a-uuid' }, 'organizationId: must be a valid UUID'],
    [{ ssoConfigurationId: '123' }, 'ssoConfigurationId: must be a valid UUID'],
    [{ ssoConfigurationId: undefined }, 'ssoConfigurationId: is required'],
    [{ name: 'n'.repeat(129) }, 'name: must be at most 128 characters'],
    [{ tokenExpiresIn: '86399s' }, 'tokenExpiresIn: must be a duration'],
    [{ tokenExpiresIn: '63072001s' }, 'tokenExpiresIn: must be a duration'],
    [{ tokenExpiresIn: '90d' }, 'tokenExpiresIn: must be a duration'],
    [{ tokenExpiresIn: 7776000 }, 'tokenExpiresIn:'],
    [{ enabled: true }, 'unknown field "enabled"'],
  ])('rejects %j as invalid_argument', async (override, message) => {
    const answer = await backend.fail('createScimConfiguration', {
      organizationId: backend.acme.id,
      ssoConfigurationId: backend.acme.okta,
      ...override,
    });
    expect(answer).toMatchObject({ status: 400, code: 'invalid_argument' });
    expect(answer.message).toContain(message);
  });

  it('accepts a name of exactly 128 characters', async () => {
    const created = await create({ name: 'n'.repeat(128) });
    expect(created.scimConfiguration.name).toHaveLength(128);
  });
});

describe('GetSCIMConfiguration', () => {
  it('returns the configuration without any token', async () => {
    const created = await backend.raw('createScimConfiguration', {
      organizationId: backend.acme.id,
      ssoConfigurationId: backend.acme.okta,
      name: 'get me',
    });
    const { scimConfiguration } = created.json as { scimConfiguration: { id: string } };
    const { json } = await backend.raw('getScimConfiguration', {
      scimConfigurationId: scimConfiguration.id,
    });
    expect(json).toEqual({ scimConfiguration });
    expect(JSON.stringify(json)).not.toContain(SCIM_TOKEN_PREFIX);
  });

  it('answers not_found for an unknown id and rejects a malformed one', async () => {
    const missing = await backend.fail('getScimConfiguration', {
      scimConfigurationId: '01980ed3-a090-7b5b-8000-000000000000',
    });
    expect(missing).toMatchObject({ status: 404, code: 'not_found' });
    const malformed = await backend.fail('getScimConfiguration', { scimConfigurationId: 'x' });
    expect(malformed).toMatchObject({
      status: 400,
      code: 'invalid_argument',
      message: 'scimConfigurationId: must be a valid UUID',
    });
  });

  it('finds an id written in upper case', async () => {
    const created = await create();
    const found = await backend.call('getScimConfiguration', {
      scimConfigurationId: created.scimConfiguration.id.toUpperCase(),
    });
    expect(found.scimConfiguration.id).toBe(created.scimConfiguration.id);
  });
});

describe('UpdateSCIMConfiguration', () => {
  it('answers the no-op update of the API reference (only scimConfigurationId) with the configuration', async () => {
    const created = await create({ name: 'unchanged' });
    const response = await backend.raw('updateScimConfiguration', {
      scimConfigurationId: created.scimConfiguration.id,
    });
    expect(response.status).toBe(200);
    const { scimConfiguration } = response.json as {
      scimConfiguration: Record<string, unknown>;
    };
    expect(Object.keys(scimConfiguration).sort()).toEqual(
      [
        'id',
        'organizationId',
        'name',
        'enabled',
        'ssoConfigurationId',
        'createdAt',
        'updatedAt',
        'tokenExpiresAt',
      ].sort(),
    );
    expect(scimConfiguration).toMatchObject({
      id: created.scimConfiguration.id,
      name: 'unchanged',
      enabled: true,
    });
    expect(Date.parse(String(scimConfiguration.updatedAt))).toBeGreaterThan(
      Date.parse(created.scimConfiguration.updatedAt),
    );
  });

  it('changes only the fields present and bumps updatedAt', async () => {
    const created = (await create({ name: 'before', allowUnverifiedEmailAccountLinking: true }))
      .scimConfiguration;
    const disabled = (
      await backend.call('updateScimConfiguration', {
        scimConfigurationId: created.id,
        enabled: false,
      })
    ).scimConfiguration;
    expect(disabled).toEqual({
      ...created,
      enabled: false,
      updatedAt: disabled.updatedAt,
    });
    expect(disabled.updatedAt > created.updatedAt).toBe(true);

    const renamed = (
      await backend.call('updateScimConfiguration', {
        scimConfigurationId: created.id,
        name: 'after',
        ssoConfigurationId: backend.acme.entra,
      })
    ).scimConfiguration;
    expect(renamed).toEqual({
      ...disabled,
      name: 'after',
      ssoConfigurationId: backend.acme.entra,
      updatedAt: renamed.updatedAt,
    });
    expect(renamed.updatedAt > disabled.updatedAt).toBe(true);

    const linking = (
      await backend.call('updateScimConfiguration', {
        scimConfigurationId: created.id,
        allowUnverifiedEmailAccountLinking: false,
        enabled: true,
      })
    ).scimConfiguration;
    expect(linking).toMatchObject({
      name: 'after',
      enabled: true,
      allowUnverifiedEmailAccountLinking: false,
    });
    const reread = await backend.call('getScimConfiguration', { scimConfigurationId: created.id });
    expect(reread.scimConfiguration).toEqual(linking);
  });

  it('applies the SSO rules of Create to ssoConfigurationId', async () => {
    const id = (await create()).scimConfiguration.id;
    const inactive = await backend.fail('updateScimConfiguration', {
      scimConfigurationId: id,
      ssoConfigurationId: backend.acme.inactive,
    });
    expect(inactive.code).toBe('failed_precondition');
    const foreign = await backend.fail('updateScimConfiguration', {
      scimConfigurationId: id,
      ssoConfigurationId: backend.globex.sso,
    });
    expect(foreign.code).toBe('not_found');
    const empty = await backend.fail('updateScimConfiguration', {
      scimConfigurationId: id,
      ssoConfigurationId: '',
    });
    expect(empty).toMatchObject({
      code: 'invalid_argument',
      message: 'ssoConfigurationId: must be a valid UUID',
    });
    const unchanged = await backend.call('getScimConfiguration', { scimConfigurationId: id });
    expect(unchanged.scimConfiguration.ssoConfigurationId).toBe(backend.acme.okta);
  });

  it('rejects a 129-character name and a non-boolean enabled', async () => {
    const id = (await create()).scimConfiguration.id;
    const long = await backend.fail('updateScimConfiguration', {
      scimConfigurationId: id,
      name: 'x'.repeat(129),
    });
    expect(long.message).toBe('name: must be at most 128 characters');
    const notBoolean = await backend.fail('updateScimConfiguration', {
      scimConfigurationId: id,
      enabled: 'yes',
    });
    expect(notBoolean).toMatchObject({ code: 'invalid_argument' });
    expect(notBoolean.message).toMatch(/^enabled: /);
  });

  it('answers not_found for an unknown id', async () => {
    const answer = await backend.fail('updateScimConfiguration', {
      scimConfigurationId: '01980ed3-a090-7b5b-8000-000000000000',
      name: 'x',
    });
    expect(answer).toMatchObject({ status: 404, code: 'not_found' });
  });
});

describe('DeleteSCIMConfiguration', () => {
  it('returns {} and a second delete is not_found', async () => {
    const id = (await create()).scimConfiguration.id;
    const first = await backend.raw('deleteScimConfiguration', { scimConfigurationId: id });
    expect(first).toEqual({ status: 200, json: {} });
    const second = await backend.fail('deleteScimConfiguration', { scimConfigurationId: id });
    expect(second).toMatchObject({ status: 404, code: 'not_found' });
    const get = await backend.fail('getScimConfiguration', { scimConfigurationId: id });
    expect(get.code).toBe('not_found');
  });
});

describe('RegenerateSCIMToken', () => {
  it('replaces the stored hash: the old token no longer matches, the new one does', async () => {
    const created = await create({ tokenExpiresIn: '2592000s' });
    const id = created.scimConfiguration.id;
    const oldHash = await storedHash(id);
    expect(oldHash).toBe(hashToken(created.token));

    const regenerated = await backend.call('regenerateScimToken', { scimConfigurationId: id });
    expect(regenerated.token).not.toBe(created.token);
    expect(regenerated.token.startsWith(SCIM_TOKEN_PREFIX)).toBe(true);
    const newHash = await storedHash(id);
    expect(newHash).not.toBe(oldHash);
    expect(newHash).toBe(hashToken(regenerated.token));
    const [oldStillThere] = await columnValues(
      backend.database,
      sql`SELECT count(*) FROM scim_configurations WHERE token_hash = ${hashToken(created.token)}`,
    );
    expect(Number(oldStillThere)).toBe(0);

    // The stored 30-day lifetime is reused when tokenExpiresIn is omitted.
    const config = (await backend.call('getScimConfiguration', { scimConfigurationId: id }))
      .scimConfiguration;
    expect(config.tokenExpiresAt).toBe(regenerated.tokenExpiresAt);
    expect(Date.parse(config.tokenExpiresAt) - Date.parse(config.updatedAt)).toBe(30 * DAY);
    expect(config.updatedAt > created.scimConfiguration.updatedAt).toBe(true);
  });

  it('uses and remembers a new tokenExpiresIn', async () => {
    const id = (await create()).scimConfiguration.id;
    const first = await backend.call('regenerateScimToken', {
      scimConfigurationId: id,
      tokenExpiresIn: '15552000s',
    });
    const afterFirst = (await backend.call('getScimConfiguration', { scimConfigurationId: id }))
      .scimConfiguration;
    expect(Date.parse(first.tokenExpiresAt) - Date.parse(afterFirst.updatedAt)).toBe(180 * DAY);
    expect(await storedLifetime(id)).toBe(15_552_000);

    await backend.call('regenerateScimToken', { scimConfigurationId: id });
    const afterSecond = (await backend.call('getScimConfiguration', { scimConfigurationId: id }))
      .scimConfiguration;
    expect(Date.parse(afterSecond.tokenExpiresAt) - Date.parse(afterSecond.updatedAt)).toBe(
      180 * DAY,
    );
  });

  it.each(['86399s', '63072001s', '90d', '-86400s'])(
    'rejects tokenExpiresIn %s',
    async (tokenExpiresIn) => {
      const id = (await create()).scimConfiguration.id;
      const answer = await backend.fail('regenerateScimToken', {
        scimConfigurationId: id,
        tokenExpiresIn,
      });
      expect(answer).toMatchObject({ status: 400, code: 'invalid_argument' });
      expect(answer.message).toMatch(/^tokenExpiresIn: /);
    },
  );

  it('answers not_found for an unknown id', async () => {
    const answer = await backend.fail('regenerateScimToken', {
      scimConfigurationId: '01980ed3-a090-7b5b-8000-000000000000',
    });
    expect(answer.code).toBe('not_found');
  });
});

describe('ListSCIMConfigurations', () => {
  it('lists the caller organization only, oldest first, with pagination {} on the last page', async () => {
    const fresh = await createTestBackend();
    try {
      const empty = await fresh.raw('listScimConfigurations', {});
      expect(empty).toEqual({ status: 200, json: { pagination: {} } });
      const a = await fresh.raw('createScimConfiguration', {
        organizationId: fresh.acme.id,
        ssoConfigurationId: fresh.acme.okta,
        name: 'a',
      });
      const b = await fresh.raw('createScimConfiguration', {
        organizationId: fresh.acme.id,
        ssoConfigurationId: fresh.acme.entra,
        name: 'b',
      });
      const configurationOf = (answer: { json: unknown }) =>
        (answer.json as { scimConfiguration: unknown }).scimConfiguration;
      await fresh.call(
        'createScimConfiguration',
        { organizationId: fresh.globex.id, ssoConfigurationId: fresh.globex.sso },
        { token: 'test-globex-admin-token' },
      );
      const list = await fresh.raw('listScimConfigurations', {});
      expect(list.json).toEqual({
        pagination: {},
        scimConfigurations: [configurationOf(a), configurationOf(b)],
      });
    } finally {
      fresh.close();
    }
  });
});

describe('updatedAt under a burst of writes', () => {
  it('stays in order and never more than 1 s ahead of the clock over 2,000 rapid updates', async () => {
    // A frozen clock is the extreme of "faster than one write per millisecond".
    const frozen = new Date('2026-06-01T08:00:00.000Z');
    const other = await createTestBackend({ now: () => frozen });
    try {
      const ctx = createServiceContext(other.storage, () => frozen);
      const caller = {
        userId: other.acme.adminId,
        organizationId: other.acme.id,
        role: 'ORGANIZATION_ROLE_ADMIN' as const,
      };
      const { scimConfiguration } = await createScimConfiguration(ctx, caller, {
        organizationId: other.acme.id,
        ssoConfigurationId: other.acme.okta,
      });
      let previous = scimConfiguration.updatedAt;
      for (let round = 0; round < 2000; round += 1) {
        const input = { scimConfigurationId: scimConfiguration.id };
        let updatedAt: string;
        if (round % 100 === 99) {
          const rotated = await regenerateScimToken(ctx, caller, input);
          const stored = await other.repos.scimConfigurations.findInOrganization(
            other.acme.id,
            scimConfiguration.id,
          );
          // The new token's expiry counts from the rotation's recorded time, not beyond.
          const lifetimeMs = (stored?.tokenLifetimeSeconds ?? 0) * 1000;
          expect(Date.parse(rotated.tokenExpiresAt) - frozen.getTime()).toBeLessThanOrEqual(
            lifetimeMs + MAX_UPDATED_AT_LEAD_MS,
          );
          updatedAt = stored?.updatedAt ?? '';
        } else {
          const updated = await updateScimConfiguration(ctx, caller, {
            ...input,
            name: `n${round % 7}`,
          });
          updatedAt = updated.scimConfiguration.updatedAt;
        }
        expect(updatedAt >= previous).toBe(true);
        previous = updatedAt;
      }
      expect(Date.parse(previous) - frozen.getTime()).toBe(MAX_UPDATED_AT_LEAD_MS);
    } finally {
      await other.close();
    }
    // 2,000 sequential transactions, each a round trip on PostgreSQL: more than the default 5 s.
  }, 60_000);

  it('keeps strictly increasing timestamps while the clock allows it', () => {
    const now = new Date('2026-06-01T08:00:00.000Z');
    expect(nextUpdatedAt(now, '2026-06-01T08:00:00.000Z')).toBe('2026-06-01T08:00:00.001Z');
    expect(nextUpdatedAt(now, '2026-06-01T07:00:00.000Z')).toBe('2026-06-01T08:00:00.000Z');
    expect(nextUpdatedAt(now, '2026-06-01T08:00:01.000Z')).toBe('2026-06-01T08:00:01.000Z');
    // A value already further ahead (written before the cap) is kept, never moved back.
    expect(nextUpdatedAt(now, '2026-06-01T08:00:30.000Z')).toBe('2026-06-01T08:00:30.000Z');
  });
});
