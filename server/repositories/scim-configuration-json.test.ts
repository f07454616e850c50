// The SQL encoder of list rows must write the message the object path builds, defaults omitted.

import { fromJson, type JsonValue, toJson } from '@bufbuild/protobuf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedOrganizations } from '../db/seed.ts';
import { SCIMConfigurationSchema } from '../gen/gitpod/v1/organization_pb.ts';
import { toScimConfigurationMessage } from '../services/scim-configuration-service.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { createStorage, type Repositories } from './repositories.ts';
import { keysetOfScimConfigurationJson } from './scim-configuration-json.ts';
import type { NewScimConfiguration } from './scim-configuration-repository.ts';

let test: TestDatabase;
let repos: Repositories;
let organizationId = '';
let ssoId = '';

beforeAll(async () => {
  test = await createTestDatabase();
  const storage = createStorage(test.database);
  repos = storage.repos;
  const [org] = await seedOrganizations(storage, {
    organizations: [{ name: 'Acme', ssoConfigurations: [{ issuerUrl: 'https://acme.okta.com' }] }],
  });
  organizationId = org?.id ?? '';
  ssoId = org?.ssoConfigurationIds[0] ?? '';
});
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

describe('scimConfigurationJsonSql', () => {
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
      const message = JSON.parse(JSON.stringify(toScimConfigurationMessage(record))) as JsonValue;
      const expected = toJson(SCIMConfigurationSchema, fromJson(SCIMConfigurationSchema, message));
      const text = JSON.parse(encoded[index] ?? '') as JsonValue;
      expect(toJson(SCIMConfigurationSchema, fromJson(SCIMConfigurationSchema, text))).toEqual(
        expected,
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

  it('returns no rows for another organization', async () => {
    const other = await repos.scimConfigurations.pageJson('0190a000-0000-7000-8000-ffffffffffff', {
      after: undefined,
      limit: 10,
    });
    expect(other).toEqual([]);
  });
});
