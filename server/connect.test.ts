// The Connect unary protocol as the /api edge speaks it (JSON here; other encodings: peer.test.ts).
import { getEventListeners } from 'node:events';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { procedures } from '../contracts/procedures.ts';
import { neverAborted } from './connect.ts';
import {
  createTestBackend,
  post,
  readError,
  type TestBackend,
  tokens,
} from './testing/test-backend.ts';

let backend: TestBackend;
beforeAll(async () => {
  backend = await createTestBackend();
});
afterAll(() => backend.close());

const list = procedures.listScimConfigurations.path;
const get = procedures.getScimConfiguration.path;

describe('request decoding', () => {
  it('answers 404 unimplemented for an unknown method or service', async () => {
    for (const path of [
      'gitpod.v1.OrganizationService/NoSuchMethod',
      'gitpod.v1.NoSuchService/ListSCIMConfigurations',
      'nothing',
    ]) {
      const response = await post(backend.app, path, {});
      expect(await readError(response)).toMatchObject({ status: 404, code: 'unimplemented' });
    }
  });

  it('answers 405 with Connect JSON for other methods, and for GET on a mutation', async () => {
    const create = procedures.createScimConfiguration.path;
    for (const [method, path, allow] of [
      ['PUT', list, 'POST, GET'],
      ['DELETE', list, 'POST, GET'],
      ['GET', create, 'POST'],
    ] as const) {
      const response = await backend.app.request(`/api/${path}`, {
        method,
        headers: { authorization: `Bearer ${tokens.acmeAdmin}` },
      });
      expect(response.headers.get('allow')).toBe(allow);
      expect(await readError(response)).toMatchObject({ status: 405, code: 'unimplemented' });
    }
  });

  it('answers 415 for a content type Connect does not speak, and accepts a charset', async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded']) {
      const response = await post(
        backend.app,
        list,
        {},
        { headers: { 'content-type': contentType } },
      );
      expect(await readError(response)).toMatchObject({ status: 415, code: 'invalid_argument' });
    }
    const withCharset = await post(
      backend.app,
      list,
      {},
      {
        headers: { 'content-type': 'application/json; charset=utf-8' },
      },
    );
    expect(withCharset.status).toBe(200);
  });

  it('answers a binary body that is not the message as invalid_argument, not internal', async () => {
    // Field 1 (pagination) declared 2 bytes long, then a string tag with no length after it.
    const response = await backend.app.request(`/api/${list}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.acmeAdmin}`, 'content-type': 'application/proto' },
      body: new Uint8Array([0x0a, 0x02, 0x12, 0x64]),
    });
    expect(await readError(response)).toEqual({
      status: 400,
      code: 'invalid_argument',
      message: 'request body is not a valid protobuf message: premature EOF',
    });
  });

  it('answers a gRPC-web body that is not the message with grpc-status 3, not 13', async () => {
    const message = new Uint8Array([0x0a, 0x02, 0x12, 0x64]);
    const frame = new Uint8Array(5 + message.length);
    new DataView(frame.buffer).setUint32(1, message.length);
    frame.set(message, 5);
    const response = await backend.app.request(`/api/${list}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tokens.acmeAdmin}`,
        'content-type': 'application/grpc-web+proto',
      },
      body: frame,
    });
    expect(response.status).toBe(200);
    const body = new Uint8Array(await response.arrayBuffer());
    expect(body[0]).toBe(0x80);
    expect(new TextDecoder().decode(body.subarray(5))).toBe(
      `grpc-status: 3\r\ngrpc-message: ${encodeURIComponent(
        'request body is not a valid protobuf message: premature EOF',
      )}\r\n`,
    );
  });

  it('rejects a body over 64 KiB as resource_exhausted, with or without Content-Length', async () => {
    const big = JSON.stringify({ pagination: { token: 'x'.repeat(70 * 1024) } });
    const declared = await post(backend.app, list, big);
    expect(await readError(declared)).toMatchObject({ status: 429, code: 'resource_exhausted' });

    // A chunked body declares no length: the limit applies to what is actually read.
    const encoder = new TextEncoder();
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 80; i++) controller.enqueue(encoder.encode('x'.repeat(1024)));
        controller.close();
      },
    });
    const streamed = await backend.app.request(`/api/${list}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.acmeAdmin}` },
      body: chunked,
      duplex: 'half',
    } as RequestInit);
    expect(await readError(streamed)).toMatchObject({ status: 429, code: 'resource_exhausted' });
  });

  it.each([
    ['malformed JSON', '{"pagination":', 'request body is not valid JSON'],
    ['an empty body', '', 'request body is not valid JSON'],
    ['a JSON array', '[]', 'request body must be a JSON object'],
    ['a JSON string', '"hello"', 'request body must be a JSON object'],
    ['JSON null', 'null', 'request body must be a JSON object'],
  ])('rejects %s as invalid_argument', async (_label, body, message) => {
    const response = await post(backend.app, list, body);
    expect(await readError(response)).toEqual({ status: 400, code: 'invalid_argument', message });
  });

  it('names an unknown field, also nested', async () => {
    const top = await post(backend.app, list, { organizationId: backend.acme.id });
    expect(await readError(top)).toMatchObject({
      code: 'invalid_argument',
      message: 'unknown field "organizationId"',
    });
    const nested = await post(backend.app, list, { pagination: { limit: 5 } });
    expect((await readError(nested)).message).toBe('unknown field "pagination.limit"');
  });

  it.each([
    [{ pagination: { pageSize: 101 } }, 'pagination.pageSize: must be between 0 and 100'],
    [{ pagination: { pageSize: -1 } }, 'pagination.pageSize: must be between 0 and 100'],
    [{ pagination: { pageSize: 1.5 } }, 'pagination.pageSize: must be an integer'],
    [{ pagination: { pageSize: 'abc' } }, 'pagination.pageSize: must be an integer'],
    [{ pagination: { pageSize: '3.5' } }, 'pagination.pageSize: must be an integer'],
    [{ pagination: { pageSize: '' } }, 'pagination.pageSize: must be an integer'],
    [{ pagination: { pageSize: '101' } }, 'pagination.pageSize: must be between 0 and 100'],
    [{ pagination: 'first' }, 'pagination: must be of type object'],
  ])('rejects %j', async (body, message) => {
    const response = await post(backend.app, list, body);
    expect(await readError(response)).toEqual({ status: 400, code: 'invalid_argument', message });
  });

  it('accepts an int32 as a decimal string, as proto3 JSON does', async () => {
    const sso = procedures.listSsoConfigurations;
    for (const pagination of [{ pageSize: '2' }, { page_size: '2' }, { pageSize: 2 }]) {
      const { status, json } = await backend.raw('listSsoConfigurations', {
        organizationId: backend.acme.id,
        pagination,
      });
      expect(status).toBe(200);
      const page = sso.response.parse(json);
      expect(page.ssoConfigurations).toHaveLength(2);
      expect(page.pagination.nextToken).not.toBe('');
    }
  });

  it('accepts snake_case field names, nested too, and reads null as unset', async () => {
    const created = await backend.call('createScimConfiguration', {
      organization_id: backend.acme.id,
      sso_configuration_id: backend.acme.okta,
      token_expires_in: '86400s',
      allow_unverified_email_account_linking: true,
      name: null,
    });
    expect(created.scimConfiguration.allowUnverifiedEmailAccountLinking).toBe(true);
    expect(created.scimConfiguration.name).toBe('');
    const page = await backend.call('listScimConfigurations', { pagination: { page_size: 1 } });
    expect(page.scimConfigurations).toHaveLength(1);
    const duplicate = await post(backend.app, list, {
      pagination: { page_size: 1, pageSize: 2 },
    });
    expect(await readError(duplicate)).toMatchObject({
      code: 'invalid_argument',
      message: expect.stringMatching(/page_size.*set multiple times/),
    });
  });

  it('accepts and ignores Connect, Stainless and Ona client headers', async () => {
    const response = await post(
      backend.app,
      list,
      {},
      {
        headers: {
          'connect-protocol-version': '1',
          'connect-timeout-ms': '10000',
          'x-stainless-retry-count': '0',
          'x-stainless-lang': 'js',
          'x-ona-user-agent': 'ona-sdk/1.0.0',
          accept: 'application/json',
        },
      },
    );
    expect(response.status).toBe(200);
  });

  it('authenticates before looking at the message', async () => {
    const response = await post(backend.app, get, { scimConfigurationId: 'nope' }, { token: null });
    expect(await readError(response)).toMatchObject({ code: 'unauthenticated' });
  });

  it('keeps a __proto__ key an ordinary (unknown) field', async () => {
    const response = await post(backend.app, list, '{"__proto__":{"pagination":{}}}');
    expect(await readError(response)).toMatchObject({
      code: 'invalid_argument',
      message: 'unknown field "__proto__"',
    });
  });
});

describe('deep nesting', () => {
  it('answers invalid_argument, not internal, for ~40 KB of nested lists or objects', async () => {
    const lists = `{"pagination":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    const objects = `{"pagination":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_001)}`;
    for (const body of [lists, objects]) {
      expect(body.length).toBeLessThan(64 * 1024);
      const response = await post(backend.app, list, body);
      expect(await readError(response)).toMatchObject({ status: 400, code: 'invalid_argument' });
    }
  });
});

describe('text that is not valid UTF-8', () => {
  it('rejects a lone surrogate in a string field, naming the field, and stores nothing', async () => {
    const before = await backend.call('listScimConfigurations', {});
    const response = await post(
      backend.app,
      procedures.createScimConfiguration.path,
      `{"organizationId":"${backend.acme.id}","ssoConfigurationId":"${backend.acme.okta}","name":"a\\ud800c"}`,
    );
    expect(await readError(response)).toMatchObject({
      status: 400,
      code: 'invalid_argument',
      message: expect.stringMatching(/\.name .*invalid UTF8/),
    });
    const after = await backend.call('listScimConfigurations', {});
    expect(after.scimConfigurations).toHaveLength(before.scimConfigurations.length);
  });

  it('names nested fields and list items, and refuses a malformed field name', async () => {
    const members = procedures.listMembers.path;
    for (const [path, body, message] of [
      [list, '{"pagination":{"token":"\\udc00"}}', /PaginationRequest\.token .*invalid UTF8/],
      [
        members,
        `{"organizationId":"${backend.acme.id}","filter":{"userIds":["${backend.acme.adminId}","\\ud83d"]}}`,
        /^filter\.userIds\[1\]: /,
      ],
      [list, '{"\\ud800":1}', /^unknown field/],
    ] as const) {
      expect(await readError(await post(backend.app, path, body))).toMatchObject({
        code: 'invalid_argument',
        message: expect.stringMatching(message),
      });
    }
  });

  it('keeps surrogate pairs (characters outside the BMP) as they are', async () => {
    const name = 'Okta \u{1F511} SCIM';
    const created = await backend.call('createScimConfiguration', {
      organizationId: backend.acme.id,
      ssoConfigurationId: backend.acme.okta,
      name,
    });
    const id = created.scimConfiguration.id;
    expect(created.scimConfiguration.name).toBe(name);
    const read = await backend.call('getScimConfiguration', { scimConfigurationId: id });
    expect(read.scimConfiguration.name).toBe(name);
  });
});

describe('response encoding', () => {
  it('omits defaults and writes RFC 3339 Z timestamps', async () => {
    const created = await backend.call('createScimConfiguration', {
      organizationId: backend.acme.id,
      ssoConfigurationId: backend.acme.okta,
    });
    const id = created.scimConfiguration.id;
    await backend.call('updateScimConfiguration', { scimConfigurationId: id, enabled: false });
    const { json } = await backend.raw('getScimConfiguration', { scimConfigurationId: id });
    const config = (json as { scimConfiguration: Record<string, unknown> }).scimConfiguration;
    expect(config).not.toHaveProperty('name');
    expect(config).not.toHaveProperty('enabled');
    expect(config).not.toHaveProperty('allowUnverifiedEmailAccountLinking');
    for (const field of ['createdAt', 'updatedAt', 'tokenExpiresAt']) {
      // As connect-go writes them: fractional digits only when the milliseconds are not zero.
      expect(config[field]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{3})?Z$/);
    }
  });

  it('answers JSON with Cache-Control: no-store', async () => {
    const response = await post(backend.app, list, {});
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const error = await post(backend.app, list, '{');
    expect(error.headers.get('cache-control')).toBe('no-store');
  });

  it('lets go of the shared call signal however a call ends, also many at once', async () => {
    const grpcWebFrame = (message: Uint8Array) => {
      const frame = new Uint8Array(5 + message.length);
      new DataView(frame.buffer).setUint32(1, message.length);
      frame.set(message, 5);
      return frame;
    };
    const calls = () => [
      post(backend.app, list, {}),
      post(backend.app, list, { pagination: { pageSize: 1000 } }),
      post(backend.app, get, { scimConfigurationId: '0190a000-0000-7000-8000-000000000000' }),
      backend.app.request(`/api/${list}?encoding=json&message=%7B%7D`, {
        headers: { authorization: `Bearer ${tokens.acmeAdmin}` },
      }),
      ...[new Uint8Array(), new Uint8Array([0x0a, 0x02, 0x12, 0x64])].map((message) =>
        backend.app.request(`/api/${list}`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${tokens.acmeAdmin}`,
            'content-type': 'application/grpc-web+proto',
          },
          body: grpcWebFrame(message),
        }),
      ),
    ];
    const responses = await Promise.all(Array.from({ length: 5 }, calls).flat());
    await Promise.all(responses.map((response) => response.arrayBuffer()));
    expect(new Set(responses.map((response) => response.status))).toEqual(new Set([200, 400, 404]));
    expect(getEventListeners(neverAborted, 'abort')).toHaveLength(0);
  });

  it('maps an unexpected failure to internal without leaking it', async () => {
    const broken = await createTestBackend();
    try {
      // Renaming works alike on both databases; every query of the table then fails.
      await sql`ALTER TABLE scim_configurations RENAME TO gone`.execute(broken.database.db);
      const response = await post(broken.app, list, {});
      expect(await readError(response)).toEqual({
        status: 500,
        code: 'internal',
        message: 'internal error',
      });
      const logged = broken.log as unknown as { lines: string[] };
      expect(logged.lines.some((line) => /no such table|does not exist/.test(line))).toBe(true);
    } finally {
      await broken.close();
    }
  });
});
