import { sql } from 'kysely';
// Keyset pagination: stable walks under concurrent writes, both token placements, tamper evidence.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { silentLog } from '../log.ts';
import {
  createTestBackend,
  post,
  readError,
  type TestBackend,
  tokens,
} from '../testing/test-backend.ts';
import { columnValues } from '../testing/test-database.ts';

let backend: TestBackend;
const initialIds: string[] = [];

async function createConfig(name: string): Promise<string> {
  const created = await backend.call('createScimConfiguration', {
    organizationId: backend.acme.id,
    ssoConfigurationId: backend.acme.okta,
    name,
  });
  return created.scimConfiguration.id;
}

beforeAll(async () => {
  backend = await createTestBackend();
  // Many of these share a millisecond, so the id tie-breaker of the (createdAt, id) order matters.
  for (let i = 0; i < 250; i++) initialIds.push(await createConfig(`initial ${i}`));
});
afterAll(() => backend.close());

type Placement = 'body' | 'query';

async function page(token: string, placement: Placement, pageSize = 30) {
  if (placement === 'body') {
    return backend.call('listScimConfigurations', { pagination: { token, pageSize } });
  }
  // The Stainless SDKs keep the body unchanged and send the token in the query string.
  return backend.call(
    'listScimConfigurations',
    { pagination: { pageSize } },
    { query: token ? `?token=${encodeURIComponent(token)}` : '' },
  );
}

describe.each<Placement>(['body', 'query'])('a walk with the token in the %s', (placement) => {
  it('sees every row that existed throughout exactly once, despite inserts and deletes', async () => {
    const before = (await page('', placement, 100)).pagination.nextToken;
    expect(before).not.toBe('');
    const existing = await allIds();
    const seen: string[] = [];
    const deleted = new Set<string>();
    const deletedAhead = new Set<string>();
    const inserted: string[] = [];
    let token = '';
    let pages = 0;
    do {
      const result = await page(token, placement);
      seen.push(...result.scimConfigurations.map((config) => config.id));
      token = result.pagination.nextToken;
      pages++;
      // Between pages: delete one row already seen and one not yet seen, and add one.
      const seenVictim = seen[seen.length - 3];
      const aheadVictim = existing.find((id) => !seen.includes(id) && !deleted.has(id));
      for (const victim of [seenVictim, aheadVictim]) {
        if (!victim || deleted.has(victim)) continue;
        await backend.call('deleteScimConfiguration', { scimConfigurationId: victim });
        deleted.add(victim);
        if (victim === aheadVictim) deletedAhead.add(victim);
      }
      inserted.push(await createConfig(`inserted during ${placement} walk`));
    } while (token !== '' && pages < 100);

    expect(pages).toBeGreaterThan(8);
    expect(new Set(seen).size).toBe(seen.length);
    const survivors = existing.filter((id) => !deleted.has(id));
    const seenSet = new Set(seen);
    expect(survivors.filter((id) => !seenSet.has(id))).toEqual([]);
    // Rows deleted before the walk reached them are not returned.
    expect(deletedAhead.size).toBeGreaterThan(5);
    expect([...deletedAhead].filter((id) => seenSet.has(id))).toEqual([]);
    // Rows inserted during the walk sort after everything that existed, so the walk reaches them
    // (all but the one added after the last page).
    expect(inserted.slice(0, -1).filter((id) => !seenSet.has(id))).toEqual([]);
  });
});

async function allIds(): Promise<string[]> {
  const ids: string[] = [];
  let token = '';
  do {
    const result = await page(token, 'body', 100);
    ids.push(...result.scimConfigurations.map((config) => config.id));
    token = result.pagination.nextToken;
  } while (token);
  return ids;
}

describe('page size and token resolution', () => {
  it('defaults to 25 (absent or 0) and caps the response at the page size', async () => {
    expect((await backend.call('listScimConfigurations', {})).scimConfigurations).toHaveLength(25);
    const zero = await backend.call('listScimConfigurations', { pagination: { pageSize: 0 } });
    expect(zero.scimConfigurations).toHaveLength(25);
    const hundred = await backend.call('listScimConfigurations', { pagination: { pageSize: 100 } });
    expect(hundred.scimConfigurations).toHaveLength(100);
  });

  it('takes pageSize from the query when the body has none, the body winning otherwise', async () => {
    const fromQuery = await backend.call('listScimConfigurations', {}, { query: '?pageSize=7' });
    expect(fromQuery.scimConfigurations).toHaveLength(7);
    const bodyWins = await backend.call(
      'listScimConfigurations',
      { pagination: { pageSize: 3 } },
      { query: '?pageSize=7' },
    );
    expect(bodyWins.scimConfigurations).toHaveLength(3);
    for (const bad of ['101', '-1', '1.5', 'ten']) {
      const answer = await backend.fail(
        'listScimConfigurations',
        {},
        { query: `?pageSize=${bad}` },
      );
      expect(answer).toMatchObject({ status: 400, code: 'invalid_argument' });
      expect(answer.message).toMatch(/^pagination\.pageSize: /);
    }
  });

  it('lets the query token win over the body token', async () => {
    const first = await backend.call('listScimConfigurations', { pagination: { pageSize: 5 } });
    const second = await backend.call(
      'listScimConfigurations',
      { pagination: { pageSize: 5, token: 'garbage-that-would-fail' } },
      { query: `?token=${encodeURIComponent(first.pagination.nextToken)}` },
    );
    expect(second.scimConfigurations[0]?.id).not.toBe(first.scimConfigurations[0]?.id);
    const firstIds = first.scimConfigurations.map((config) => config.id);
    for (const config of second.scimConfigurations) expect(firstIds).not.toContain(config.id);
  });

  it('omits nextToken on the last page', async () => {
    const { json } = await backend.raw('listSsoConfigurations', {
      organizationId: backend.acme.id,
    });
    expect((json as { pagination: object }).pagination).toEqual({});
  });
});

describe('page tokens are tamper-evident', () => {
  async function nextToken(): Promise<string> {
    return (await backend.call('listScimConfigurations', { pagination: { pageSize: 2 } }))
      .pagination.nextToken;
  }

  async function expectRejected(token: string, options: { token?: string } = {}) {
    for (const placement of ['body', 'query'] as const) {
      const response = await post(
        backend.app,
        'gitpod.v1.OrganizationService/ListSCIMConfigurations',
        placement === 'body' ? { pagination: { token } } : {},
        {
          ...(placement === 'query' && { query: `?token=${encodeURIComponent(token)}` }),
          ...(options.token && { token: options.token }),
        },
      );
      expect(await readError(response)).toEqual({
        status: 400,
        code: 'invalid_argument',
        message: 'pagination.token: invalid page token',
      });
    }
  }

  it('rejects garbled and forged tokens', async () => {
    const token = await nextToken();
    const [payload = '', mac = ''] = token.split('.');
    await expectRejected('not-a-token');
    await expectRejected(`${token}x`);
    // A changed tag (never the same two characters it ended with).
    const tail = mac.endsWith('AA') ? 'BA' : 'AA';
    await expectRejected(`${payload}.${mac.slice(0, -2)}${tail}`);
    // A cursor pointing elsewhere, with the old tag: the tag no longer matches.
    const forgedCursor = Buffer.from(JSON.stringify(['1970-01-01T00:00:00.000Z', '0'])).toString(
      'base64url',
    );
    await expectRejected(`${forgedCursor}.${mac}`);
    await expectRejected(`${payload}.${mac}.extra`);
  });

  it('rejects a token minted for another organization or another list', async () => {
    const globexToken = await (async () => {
      for (let i = 0; i < 3; i++) {
        await backend.call(
          'createScimConfiguration',
          { organizationId: backend.globex.id, ssoConfigurationId: backend.globex.sso },
          { token: tokens.globexAdmin },
        );
      }
      const globexPage = await backend.call(
        'listScimConfigurations',
        { pagination: { pageSize: 1 } },
        { token: tokens.globexAdmin },
      );
      return globexPage.pagination.nextToken;
    })();
    expect(globexToken).not.toBe('');
    await expectRejected(globexToken);

    const ssoToken = (
      await backend.call('listSsoConfigurations', {
        organizationId: backend.acme.id,
        pagination: { pageSize: 1 },
      })
    ).pagination.nextToken;
    await expectRejected(ssoToken);
    const membersToken = (
      await backend.call('listMembers', {
        organizationId: backend.acme.id,
        pagination: { pageSize: 1 },
      })
    ).pagination.nextToken;
    await expectRejected(membersToken);
  });

  it('stays valid for a new app on the same database (the secret is stored)', async () => {
    const token = await nextToken();
    const restarted = createApp({ database: backend.database, config: {}, log: silentLog });
    const response = await post(restarted, 'gitpod.v1.OrganizationService/ListSCIMConfigurations', {
      pagination: { token, pageSize: 1 },
    });
    expect(response.status).toBe(200);
  });

  it('walks the index: page cost does not depend on depth', async () => {
    const page = sql`SELECT * FROM scim_configurations
      WHERE organization_id = ${'a'} AND (created_at, id) > (${'b'}, ${'c'})
      ORDER BY created_at, id LIMIT 26`;
    if (backend.database.kind === 'sqlite') {
      const details = (await columnValues(backend.database, sql`EXPLAIN QUERY PLAN ${page}`))
        .map(String)
        .join('\n');
      expect(details).not.toContain('TEMP B-TREE');
      return;
    }
    // PostgreSQL prefers a scan of this tiny table; with scans priced out, the index must serve
    // the keyset's order and bounds by itself (no Sort node).
    const plan = await backend.database.db.transaction().execute(async (trx) => {
      await sql`SET LOCAL enable_seqscan = off`.execute(trx);
      const { rows } = await sql<{ 'QUERY PLAN': string }>`EXPLAIN ${page}`.execute(trx);
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('Index Scan using scim_configurations_page');
    expect(plan).not.toContain('Sort');
  });
});
