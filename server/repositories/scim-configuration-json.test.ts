// The SQL encoder of list rows must write the message the object path builds, defaults omitted.

import { fromJson, type JsonValue, toJson } from '@bufbuild/protobuf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedOrganizations } from '../db/seed.ts';
import { SCIMConfigurationSchema } from '../gen/gitpod/v1/organization_pb.ts';
import { toScimConfigurationMessage } from '../services/scim-configuration-service.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { createStorage, type Repositories } from './repositories.ts';
import { keysetOfScimConfigurationJson } from './scim-configuration-json.ts';
import type {
  NewScimConfiguration,
  ScimConfigurationRecord,
} from './scim-configuration-repository.ts';

let test: TestDatabase;
let repos: Repositories;
let organizationId = '';
let ssoId = '';
// A second organization for the writes and the order cases: the first one's pages are counted.
let writesOrganizationId = '';
let writesSsoIds: string[] = [];

beforeAll(async () => {
  test = await createTestDatabase();
  const storage = createStorage(test.database);
  repos = storage.repos;
  const [org, writes] = await seedOrganizations(storage, {
    organizations: [
      { name: 'Acme', ssoConfigurations: [{ issuerUrl: 'https://acme.okta.com' }] },
      {
        name: 'Writes',
        ssoConfigurations: [
          { issuerUrl: 'https://writes.okta.com' },
          { issuerUrl: 'https://login.microsoftonline.com/writes/v2.0' },
        ],
      },
    ],
  });
  organizationId = org?.id ?? '';
  ssoId = org?.ssoConfigurationIds[0] ?? '';
  writesOrganizationId = writes?.id ?? '';
  writesSsoIds = writes?.ssoConfigurationIds ?? [];
});

/** The message the object path builds for a record, as proto3 JSON. */
function objectPathJson(record: ScimConfigurationRecord): JsonValue {
  const message = JSON.parse(JSON.stringify(toScimConfigurationMessage(record))) as JsonValue;
  return toJson(SCIMConfigurationSchema, fromJson(SCIMConfigurationSchema, message));
}
afterAll(() => test.close());

let sequence = 0;
function configuration(overrides: Partial<NewScimConfiguration>): NewScimConfiguration {
  sequence += 1;
  const stamp = new Date(Date.UTC(2026, 0, 1, 0, 0, 0, sequence)).toISOString();
  return {
    id: `0190a000-0000-7000-8000-${String(sequence).padStart(12, '0')}`,
    organizationId,
    name: `Config ${sequence}`,
    enabled: true,
    ssoConfigurationId: ssoId,
    tokenHash: `hash-${sequence}`,
    tokenLifetimeSeconds: 86_400,
    tokenExpiresAt: '2027-01-01T00:00:00.000Z',
    allowUnverifiedEmailAccountLinking: false,
    createdAt: stamp,
    updatedAt: stamp,
    ...overrides,
  };
}

describe('the stored message_json', () => {
  it('writes the same message as the object path for defaults, flags and awkward names', async () => {
    const cases: Partial<NewScimConfiguration>[] = [
      {},
      // Every field at its proto3 default is omitted.
      { name: '', enabled: false, ssoConfigurationId: undefined },
      { allowUnverifiedEmailAccountLinking: true, enabled: false },
      { name: 'Quote " backslash \\ slash / tab \t newline \n' },
      { name: 'Control \u0001\u001f and DEL \u007f' },
      { name: 'Unicode: Zürich 東京 👩‍💻' },
      { name: '</script><script>alert(1)</script>' },
      { updatedAt: '2026-06-01T12:34:56.789Z', tokenExpiresAt: '2028-02-29T23:59:59.999Z' },
    ];
    for (const overrides of cases) await repos.scimConfigurations.insert(configuration(overrides));
    const query = { after: undefined, limit: 100 };
    const records = await repos.scimConfigurations.page(organizationId, query);
    const encoded = await repos.scimConfigurations.pageJson(organizationId, query);
    expect(encoded).toHaveLength(cases.length);
    records.forEach((record, index) => {
      const text = JSON.parse(encoded[index] ?? '') as JsonValue;
      expect(toJson(SCIMConfigurationSchema, fromJson(SCIMConfigurationSchema, text))).toEqual(
        objectPathJson(record),
      );
    });
    // The defaults case really omits the fields (guards against both encoders drifting together).
    expect(JSON.parse(encoded[1] ?? '{}')).not.toHaveProperty('name');
    expect(JSON.parse(encoded[1] ?? '{}')).not.toHaveProperty('enabled');
    expect(JSON.parse(encoded[1] ?? '{}')).not.toHaveProperty('ssoConfigurationId');
  });

  it('pages with the same keyset as the record query, and reads the keyset back', async () => {
    const first = await repos.scimConfigurations.pageJson(organizationId, {
      after: undefined,
      limit: 3,
    });
    const last = first[2] ?? '';
    const after = keysetOfScimConfigurationJson(last);
    const records = await repos.scimConfigurations.page(organizationId, {
      after: undefined,
      limit: 3,
    });
    expect(after).toEqual({ createdAt: records[2]?.createdAt, id: records[2]?.id });
    const next = await repos.scimConfigurations.pageJson(organizationId, { after, limit: 2 });
    const nextRecords = await repos.scimConfigurations.page(organizationId, { after, limit: 2 });
    expect(next.map((json) => (JSON.parse(json) as { id: string }).id)).toEqual(
      nextRecords.map((record) => record.id),
    );
    expect(next).toHaveLength(2);
  });

  it('follows every write: updates, token rotation and the SSO link removed by a delete', async () => {
    const { scimConfigurations, ssoConfigurations } = repos;
    const created = configuration({
      organizationId: writesOrganizationId,
      ssoConfigurationId: writesSsoIds[0],
      name: 'Before',
    });
    await scimConfigurations.insert(created);
    const expectCurrent = async () => {
      const record = await scimConfigurations.findInOrganization(writesOrganizationId, created.id);
      if (!record) throw new Error('configuration vanished');
      const page = await scimConfigurations.pageJson(writesOrganizationId, {
        after: undefined,
        limit: 100,
      });
      const stored = JSON.parse(page.find((json) => json.includes(created.id)) ?? '{}');
      expect(toJson(SCIMConfigurationSchema, fromJson(SCIMConfigurationSchema, stored))).toEqual(
        objectPathJson(record),
      );
      return record;
    };
    await expectCurrent();
    const at = '2026-07-01T00:00:00.000Z';
    await scimConfigurations.update(
      writesOrganizationId,
      created.id,
      { name: 'After "quoted"' },
      at,
    );
    await scimConfigurations.update(writesOrganizationId, created.id, { enabled: false }, at);
    await scimConfigurations.update(
      writesOrganizationId,
      created.id,
      { allowUnverifiedEmailAccountLinking: true, ssoConfigurationId: writesSsoIds[1] ?? '' },
      '2026-07-02T00:00:00.000Z',
    );
    expect(await expectCurrent()).toMatchObject({
      name: 'After "quoted"',
      enabled: false,
      allowUnverifiedEmailAccountLinking: true,
      ssoConfigurationId: writesSsoIds[1],
      updatedAt: '2026-07-02T00:00:00.000Z',
    });
    await scimConfigurations.replaceToken(
      writesOrganizationId,
      created.id,
      {
        tokenHash: 'rotated-hash',
        lifetimeSeconds: 172_800,
        expiresAt: '2026-07-05T00:00:00.000Z',
        updatedAt: '2026-07-03T00:00:00.000Z',
      },
      { keptUntil: '2026-07-04T00:00:00.000Z', keep: 3 },
    );
    expect(await expectCurrent()).toMatchObject({ tokenExpiresAt: '2026-07-05T00:00:00.000Z' });
    // ON DELETE SET NULL writes the row too: the message loses its link.
    await ssoConfigurations.delete(writesOrganizationId, writesSsoIds[1] ?? '');
    expect(await expectCurrent()).toMatchObject({ ssoConfigurationId: undefined });
  });

  it('comes out in keyset order whatever order the rows were written in', async () => {
    const { scimConfigurations } = repos;
    // Written newest first, with ties on createdAt broken by ids written in descending order.
    const written: NewScimConfiguration[] = [];
    for (let index = 24; index >= 0; index--) {
      const stamp = new Date(Date.UTC(2025, 0, 1, 0, 0, Math.floor(index / 3))).toISOString();
      written.push(
        configuration({
          organizationId: writesOrganizationId,
          ssoConfigurationId: undefined,
          id: `0190b000-0000-7000-8000-${String(index).padStart(12, '0')}`,
          createdAt: stamp,
          updatedAt: stamp,
        }),
      );
    }
    for (const row of written) await scimConfigurations.insert(row);
    let after: ReturnType<typeof keysetOfScimConfigurationJson> | undefined;
    for (const limit of [7, 7, 7, 100]) {
      const json = await scimConfigurations.pageJson(writesOrganizationId, { after, limit });
      const records = await scimConfigurations.page(writesOrganizationId, { after, limit });
      expect(json.map((text) => (JSON.parse(text) as { id: string }).id)).toEqual(
        records.map((record) => record.id),
      );
      const last = json.at(-1);
      if (last) after = keysetOfScimConfigurationJson(last);
    }
  });

  it('returns no rows for another organization', async () => {
    const other = await repos.scimConfigurations.pageJson('0190a000-0000-7000-8000-ffffffffffff', {
      after: undefined,
      limit: 10,
    });
    expect(other).toEqual([]);
  });
});
