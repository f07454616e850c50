// A list the database wrote as JSON rows encodes to exactly what connect-es would write for it.
import { fromJson, type JsonValue, toBinary, toJson } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import { createListEncoder, EncodedList } from './encoded-list.ts';
import {
  ListSCIMConfigurationsResponseSchema,
  ListSSOConfigurationsRequestSchema,
} from './gen/gitpod/v1/organization_pb.ts';

const schema = ListSCIMConfigurationsResponseSchema;

function row(index: number, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    id: `0198${String(index).padStart(4, '0')}-a090-7b5b-8d3c-5f2e1a0b9c77`,
    organizationId: 'b0e12f6c-4c67-429d-a4a6-d9838b5da047',
    createdAt: '2026-06-01T08:00:00.123Z',
    updatedAt: '2026-06-01T08:00:00.123456Z',
    tokenExpiresAt: '2026-09-01T08:00:00Z',
    ...extra,
  });
}

/** What connect-es writes when it is handed the whole response as JSON. */
function reference(list: EncodedList<unknown>): Uint8Array {
  return toBinary(schema, fromJson(schema, JSON.parse(list.json) as JsonValue));
}

describe('an encoded list', () => {
  const rows = [
    row(1),
    row(2, { name: 'Okta "prod" ✓', enabled: true }),
    row(3, {
      ssoConfigurationId: 'd2c94c27-3b76-4a42-b88c-95a85e392c68',
      allowUnverifiedEmailAccountLinking: true,
    }),
  ];

  it('is the proto3 JSON of the response, pagination always present', () => {
    const list = new EncodedList('scimConfigurations', rows, { nextToken: 'abc.def' });
    expect(toJson(schema, fromJson(schema, JSON.parse(list.json) as JsonValue))).toEqual({
      scimConfigurations: rows.map((text) => JSON.parse(text)),
      pagination: { nextToken: 'abc.def' },
    });
    expect(new EncodedList('scimConfigurations', [], {}).json).toBe('{"pagination":{}}');
  });

  it('encodes to the bytes toBinary writes, with and without rows and a next page', () => {
    const encoder = createListEncoder(schema);
    for (const list of [
      new EncodedList('scimConfigurations', rows, { nextToken: 'abc.def' }),
      new EncodedList('scimConfigurations', rows, {}),
      new EncodedList('scimConfigurations', [], {}),
    ]) {
      expect(encoder.binary(list)).toEqual(reference(list));
      expect(toBinary(schema, encoder.message(list))).toEqual(reference(list));
    }
  });

  it('answers a row that changed with its new value, not a kept encoding', () => {
    const encoder = createListEncoder(schema);
    const before = new EncodedList('scimConfigurations', [row(1)], {});
    const after = new EncodedList('scimConfigurations', [row(1, { name: 'renamed' })], {});
    expect(encoder.binary(before)).toEqual(reference(before));
    expect(encoder.binary(after)).toEqual(reference(after));
    expect(encoder.binary(before)).toEqual(reference(before));
  });

  it('keeps encoding correctly past its row bound', () => {
    const encoder = createListEncoder(schema);
    for (let start = 0; start < 10_200; start += 100) {
      const page = Array.from({ length: 100 }, (_, index) => row(start + index));
      const list = new EncodedList('scimConfigurations', page, {});
      if (start % 5_000 === 0 || start >= 10_000) {
        expect(encoder.binary(list)).toEqual(reference(list));
      } else {
        encoder.binary(list);
      }
    }
    const first = new EncodedList('scimConfigurations', [row(0)], {});
    expect(encoder.binary(first)).toEqual(reference(first));
  });

  it('is refused at registration for a message that is not a list response', () => {
    expect(() => createListEncoder(ListSSOConfigurationsRequestSchema)).toThrow(
      /organization_id is not the list or its pagination/,
    );
  });
});
