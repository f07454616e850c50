// The Connect unary protocol as the adapter speaks it.
import { Hono } from 'hono';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { procedures } from '../contracts/procedures.ts';
import { createConnectHandler, MAX_NESTING_DEPTH } from './connect.ts';
import {
  collectingLog,
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

  it('answers 405 with Connect JSON for GET and other methods', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const response = await backend.app.request(`/api/${list}`, {
        method,
        headers: { authorization: `Bearer ${tokens.acmeAdmin}` },
      });
      expect(response.headers.get('allow')).toBe('POST');
      expect(await readError(response)).toMatchObject({ status: 405, code: 'unimplemented' });
    }
  });

  it('answers 415 for a content type other than JSON, and accepts a charset', async () => {
    for (const contentType of [
      'text/plain',
      'application/proto',
      'application/x-www-form-urlencoded',
    ]) {
      const response = await post(
        backend.app,
        list,
        {},
        { headers: { 'content-type': contentType } },
      );
      expect(await readError(response)).toEqual({
        status: 415,
        code: 'invalid_argument',
        message: 'content-type must be application/json',
      });
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
    expect((await readError(duplicate)).message).toBe(
      'pagination.pageSize: field given more than once',
    );
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
  const tooDeep = `the message is nested too deeply (at most ${MAX_NESTING_DEPTH} levels)`;

  it('answers invalid_argument, not internal, for ~40 KB of nested lists', async () => {
    const body = `{"pagination":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    expect(body.length).toBeLessThan(64 * 1024);
    const response = await post(backend.app, list, body);
    expect(await readError(response)).toEqual({
      status: 400,
      code: 'invalid_argument',
      message: tooDeep,
    });
  });

  it('allows 100 levels, counting the request message as the first', async () => {
    const nested = (levels: number) =>
      `{"pagination":${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}}`;
    expect((await readError(await post(backend.app, list, nested(100)))).message).toBe(
      'pagination: must be of type object',
    );
    expect((await readError(await post(backend.app, list, nested(101)))).message).toBe(tooDeep);
    const objects = `${'{"a":'.repeat(150)}1${'}'.repeat(150)}`;
    expect((await readError(await post(backend.app, list, objects))).message).toBe(tooDeep);
  });

  it('maps a RangeError while decoding to invalid_argument', async () => {
    const log = collectingLog();
    const app = new Hono().all(
      '/api/*',
      createConnectHandler({
        methods: [
          {
            path: 'test.v1.TestService/Overflow',
            request: z.custom(() => {
              throw new RangeError('Maximum call stack size exceeded');
            }),
            handle: () => ({}),
          },
        ],
        authenticate: async () => ({
          userId: backend.acme.adminId,
          organizationId: backend.acme.id,
          role: 'ORGANIZATION_ROLE_ADMIN',
        }),
        log,
      }),
    );
    const response = await post(app, 'test.v1.TestService/Overflow', {});
    expect(await readError(response)).toEqual({
      status: 400,
      code: 'invalid_argument',
      message: tooDeep,
    });
    expect(log.lines).toEqual([]);
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
    expect(await readError(response)).toEqual({
      status: 400,
      code: 'invalid_argument',
      message: 'name: must be valid UTF-8 text',
    });
    const after = await backend.call('listScimConfigurations', {});
    expect(after.scimConfigurations).toHaveLength(before.scimConfigurations.length);
  });

  it('names nested fields and list items, and refuses a malformed field name', async () => {
    const members = procedures.listMembers.path;
    for (const [path, body, message] of [
      [list, '{"pagination":{"token":"\\udc00"}}', 'pagination.token: must be valid UTF-8 text'],
      [
        members,
        `{"organizationId":"${backend.acme.id}","filter":{"userIds":["x","\\ud83d"]}}`,
        'filter.userIds[1]: must be valid UTF-8 text',
      ],
      [list, '{"\\ud800":1}', 'field names must be valid UTF-8 text'],
    ] as const) {
      expect((await readError(await post(backend.app, path, body))).message).toBe(message);
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
      expect(config[field]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
  });

  it('answers JSON with Cache-Control: no-store', async () => {
    const response = await post(backend.app, list, {});
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const error = await post(backend.app, list, '{');
    expect(error.headers.get('cache-control')).toBe('no-store');
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
