// The SCIM endpoint under abuse: resources that would grow without bound, floods of rejected
// requests, a database that cannot be written, oversized, aborted or mislabelled bodies.
import { once } from 'node:events';
import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createConnection } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { Hono } from 'hono';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../ids.ts';
import { MAX_PAGE_CHARS } from '../../scim/scim-list.ts';
import {
  MAX_RESOURCE_BYTES,
  MAX_VALUE_BYTES,
  MAX_VALUES,
} from '../../scim/scim-resource-limits.ts';
import {
  AUTH_FAILURES_PER_MINUTE,
  type AuthThrottle,
  createAuthThrottle,
} from '../../security/auth-throttle.ts';
import { RECORDING_FAILURE_LOG_INTERVAL_MS } from '../../services/scim/scim-authentication.ts';
import { type ScimFixture, scimFixture } from '../../testing/scim/scim-fixture.ts';
import {
  GROUP_SCHEMA,
  patchOp,
  scimClient,
  USER_SCHEMA,
} from '../../testing/scim/scim-test-client.ts';
import { createScimV2App } from './scim-app.ts';

let f: ScimFixture;
beforeEach(async () => {
  f = await scimFixture();
});
afterEach(() => f.close());

const emails = (count: number, length: number, tag: string) =>
  Array.from({ length: count }, (_, index) => ({
    value: `${tag}-${index}-${'x'.repeat(length)}@grow.test`,
  }));

const storedBytes = async (userId: string) =>
  Number(
    await f.value(sql`SELECT octet_length(attributes) FROM scim_users WHERE user_id = ${userId}`),
  );

/** Provisioned users written straight to the tables: setup for list tests, not what they test. */
async function seedUsers(
  count: number,
  attributes: (index: number) => object = () => ({}),
): Promise<string[]> {
  const at = new Date().toISOString();
  const ids: string[] = [];
  await f.storage.transaction(async (repos) => {
    for (let index = 0; index < count; index += 1) {
      const id = uuidv7();
      const userName = `seeded${index}@acme.test`;
      await repos.users.insert({
        id,
        organizationId: f.orgA,
        name: `Seeded ${index}`,
        email: userName,
        role: 'ORGANIZATION_ROLE_MEMBER',
        createdAt: at,
      });
      const json = JSON.stringify({ userName, active: true, ...attributes(index) });
      await repos.scimUsers.insert(
        {
          id,
          organizationId: f.orgA,
          userName,
          userNameKey: userName,
          externalId: null,
          active: true,
          attributes: json,
          at,
        },
        f.configA.id,
      );
      ids.push(id);
    }
  });
  return ids;
}

describe('resource caps', () => {
  it('refuses the emails growth attack at the cap, naming the limit, and keeps the user', async () => {
    const user = await f.a.post('/Users', { schemas: [USER_SCHEMA], userName: 'grow' });
    let accepted = 0;
    let refusal: { status: number; body: { scimType?: string; detail?: string } } | undefined;
    for (let round = 0; round < 40 && !refusal; round += 1) {
      const answer = await f.a.patch(
        `/Users/${user.body.id}`,
        patchOp({ op: 'add', path: 'emails', value: emails(10, 1500, `r${round}`) }),
      );
      if (answer.status === 200) accepted += 1;
      else refusal = answer;
    }
    expect(refusal).toMatchObject({ status: 400, body: { scimType: 'invalidValue' } });
    expect(refusal?.body.detail).toContain(String(MAX_RESOURCE_BYTES));
    // 10 values of ~1.5 KB a round: the 64 KiB row cap comes first, after a few rounds.
    expect(accepted).toBeGreaterThan(0);
    expect(accepted).toBeLessThan(6);
    expect(await storedBytes(user.body.id)).toBeLessThanOrEqual(MAX_RESOURCE_BYTES);
    const stored = await f.a.get(`/Users/${user.body.id}`);
    expect(stored.body.emails).toHaveLength(accepted * 10);
  });

  it('refuses more than 100 values in one attribute and a value over 2 KiB', async () => {
    const many = await f.a.post('/Users', {
      schemas: [USER_SCHEMA],
      userName: 'many',
      emails: emails(MAX_VALUES + 1, 1, 'm'),
    });
    expect(many).toMatchObject({ status: 400, body: { scimType: 'invalidValue' } });
    expect(many.body.detail).toBe(`emails has 101 values; at most ${MAX_VALUES} are allowed`);
    expect(
      (
        await f.a.post('/Users', {
          schemas: [USER_SCHEMA],
          userName: 'ok',
          emails: emails(100, 1, 'o'),
        })
      ).status,
    ).toBe(201);

    const long = await f.a.post('/Users', {
      schemas: [USER_SCHEMA],
      userName: 'long',
      displayName: 'x'.repeat(MAX_VALUE_BYTES + 1),
    });
    expect(long).toMatchObject({ status: 400, body: { scimType: 'invalidValue' } });
    expect(long.body.detail).toBe(`displayName is longer than ${MAX_VALUE_BYTES} bytes`);
    // Bytes, not characters: 700 three-byte characters are 2,100 bytes.
    const wide = await f.a.post('/Users', {
      schemas: [USER_SCHEMA],
      userName: 'wide',
      displayName: '€'.repeat(700),
    });
    expect(wide.status).toBe(400);
    const group = await f.a.post('/Groups', {
      schemas: [GROUP_SCHEMA],
      displayName: 'y'.repeat(MAX_VALUE_BYTES + 1),
    });
    expect(group).toMatchObject({ status: 400, body: { scimType: 'invalidValue' } });
    expect(await f.value(sql`SELECT count(*) FROM scim_users`)).toBe(1);
  });
});

describe('bounded lists', () => {
  it('stops a page of large users before MAX_PAGE_CHARS and the client pages on from there', async () => {
    // 40 users of ~60 KB each: 200 of them would be a 2.4 MB answer.
    await seedUsers(40, (index) => ({
      emails: emails(30, 1900, `u${index}`).map((email) => ({ ...email, type: 'work' })),
    }));
    const first = await f.a.get('/Users?count=200');
    expect(first.status).toBe(200);
    expect(first.body.totalResults).toBe(40);
    expect(first.body.itemsPerPage).toBeGreaterThan(0);
    expect(first.body.itemsPerPage).toBeLessThan(40);
    expect(JSON.stringify(first.body.Resources).length).toBeLessThanOrEqual(MAX_PAGE_CHARS);
    const seen = new Set<string>(first.body.Resources.map((user: { id: string }) => user.id));
    let startIndex = 1 + first.body.itemsPerPage;
    for (let page = 0; page < 40 && startIndex <= 40; page += 1) {
      const next = await f.a.get(`/Users?count=200&startIndex=${startIndex}`);
      for (const user of next.body.Resources) seen.add(user.id);
      startIndex += next.body.itemsPerPage;
    }
    expect(seen.size).toBe(40);
    const filtered = await f.a.get('/Users?count=200&filter=userName sw "seeded"');
    expect(filtered.body.totalResults).toBe(40);
    expect(JSON.stringify(filtered.body.Resources).length).toBeLessThanOrEqual(MAX_PAGE_CHARS);
  });

  it('lists groups of thousands of members in bounded pages, and without members on request', async () => {
    const members = (await seedUsers(6000)).map((value) => ({ value }));
    for (const name of ['Engineering', 'Everyone', 'Sales']) {
      const created = await f.a.post('/Groups', {
        schemas: [GROUP_SCHEMA],
        displayName: name,
        members,
      });
      expect(created.status).toBe(201);
    }
    const full = await f.a.get('/Groups?count=200');
    expect(full.body.totalResults).toBe(3);
    // One group with its 6,000 members is ~0.6 MB: the page stops before the second.
    expect(full.body.itemsPerPage).toBe(1);
    expect(full.body.Resources[0].members).toHaveLength(6000);
    const slim = await f.a.get('/Groups?count=200&excludedAttributes=members');
    expect(slim.body.itemsPerPage).toBe(3);
    expect(slim.body.Resources.every((group: object) => !('members' in group))).toBe(true);
    expect(JSON.stringify(slim.body).length).toBeLessThan(2000);
  });
});

describe('request activity storage', () => {
  it('grows by less than 100 KiB over 10,000 rejected requests', async () => {
    const disabled = await f.configuration(f.orgA, { enabled: false });
    const expired = await f.configuration(f.orgA, { expiresAt: new Date(f.now().getTime() - 1) });
    const clients = [f.client(disabled.token), f.client(expired.token)];
    const before = await f.storageBytes();
    for (let index = 0; index < 10_000; index += 1) {
      const answer = await clients[index % 2]?.get('/Users');
      if (answer?.status !== 401) throw new Error(`request ${index} answered ${answer?.status}`);
      if (index % 1000 === 0) f.advance(60_000);
    }
    expect((await f.storageBytes()) - before).toBeLessThan(100 * 1024);
    const counted = await f.value(
      sql`SELECT sum(requests) FROM scim_request_counts
        WHERE scim_configuration_id IN (${disabled.id}, ${expired.id})`,
    );
    expect(Number(counted)).toBe(10_000);
  }, 60_000);
});

describe('a database that cannot be written', () => {
  it('keeps SCIM reads working, and reports the failed recording once per minute', async () => {
    const lines: string[] = [];
    await f.a.post('/Users', { schemas: [USER_SCHEMA], userName: 'before@acme.test' });
    const readOnly = await f.readOnly();
    const server = new Hono().route(
      '/scim/v2',
      createScimV2App({
        storage: readOnly.storage,
        now: f.now,
        log: { error: (line) => lines.push(line) },
      }),
    );
    const client = scimClient(server, f.configA.token, 'http://scim.test/scim/v2');
    try {
      for (let index = 0; index < 5; index += 1) {
        const list = await client.get('/Users');
        expect(list.status).toBe(200);
        expect(list.body.totalResults).toBe(1);
      }
      expect((await client.get('/ServiceProviderConfig')).status).toBe(200);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /^SCIM activity not recorded \(1 request\(s\) since the last report\): /,
      );
      f.advance(RECORDING_FAILURE_LOG_INTERVAL_MS);
      await client.get('/Users');
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain('(6 request(s) since the last report)');
      // A write still fails, and says so, instead of pretending.
      const write = await client.post('/Users', { schemas: [USER_SCHEMA], userName: 'after' });
      expect(write.status).toBe(500);
    } finally {
      await readOnly.restore();
    }
  });
});

describe('request bodies', () => {
  const raw = (body: Uint8Array<ArrayBuffer> | string, contentType?: string) =>
    f.a.send('/Users', {
      method: 'POST',
      headers: contentType === undefined ? {} : { 'Content-Type': contentType },
      body,
    });

  it('refuses a body that is not valid UTF-8 with 400 invalidSyntax, storing nothing', async () => {
    const body = new Uint8Array(
      Buffer.concat([
        Buffer.from(`{"schemas":["${USER_SCHEMA}"],"userName":"bad`),
        Buffer.from([0xff, 0xfe]),
        Buffer.from('@acme.test"}'),
      ]),
    );
    const answer = await raw(body, 'application/scim+json');
    expect(answer).toMatchObject({
      status: 400,
      body: { scimType: 'invalidSyntax', detail: 'The request body is not valid UTF-8' },
    });
    expect(await f.value(sql`SELECT count(*) FROM scim_users`)).toBe(0);
  });

  it('requires application/scim+json or application/json on bodies (415 otherwise)', async () => {
    const body = JSON.stringify({ schemas: [USER_SCHEMA], userName: 'typed' });
    for (const type of [
      undefined,
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/json; charset=latin1',
    ]) {
      const answer = await raw(body, type);
      expect(answer.status, String(type)).toBe(415);
      expect(answer.body.detail).toBe(
        'The request body must be sent as application/scim+json (or application/json)',
      );
    }
    expect((await raw(body, 'application/json; charset=utf-8')).status).toBe(201);
    const user = await f.a.get('/Users');
    const patched = await f.a.send(`/Users/${user.body.Resources[0].id}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'text/plain' },
      body: JSON.stringify(patchOp({ op: 'replace', path: 'active', value: false })),
    });
    expect(patched.status).toBe(415);
  });
});

describe('over a real connection', () => {
  let server: ServerType;
  let port: number;
  let throttle: AuthThrottle;
  const lines: string[] = [];

  beforeEach(async () => {
    lines.length = 0;
    const root = new Hono();
    root.use(async (c, next) => {
      await next();
      lines.push(`${c.req.method} ${c.req.path} ${c.res.status}`);
    });
    throttle = createAuthThrottle();
    root.route(
      '/scim/v2',
      createScimV2App({
        storage: f.storage,
        now: f.now,
        throttle,
        log: { error: (line) => lines.push(`error: ${line}`) },
      }),
    );
    server = serve({ fetch: root.fetch, hostname: '127.0.0.1', port: 0 });
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  });
  afterEach(async () => {
    server.close();
    (server as { closeAllConnections?: () => void }).closeAllConnections?.();
  });

  function send(
    agent: Agent | undefined,
    method: string,
    path: string,
    body?: Buffer,
    options: { token?: string; from?: string } = {},
  ): Promise<{ status: number; connection: string | undefined; retryAfter?: string }> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: `/scim/v2${path}`,
          method,
          ...(agent && { agent }),
          ...(options.from && { localAddress: options.from }),
          headers: {
            Authorization: `Bearer ${options.token ?? f.configA.token}`,
            ...(body && {
              'Content-Type': 'application/scim+json',
              'Content-Length': String(body.length),
            }),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              connection: res.headers.connection,
              ...(res.headers['retry-after'] !== undefined && {
                retryAfter: res.headers['retry-after'],
              }),
            }),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  it('answers 413 and the next request on the same keep-alive agent works', async () => {
    for (let round = 0; round < 5; round += 1) {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        const big = await send(agent, 'POST', '/Users', Buffer.alloc(2 * 1024 * 1024, 'a'));
        expect(big).toEqual({ status: 413, connection: 'close' });
        expect((await send(agent, 'GET', '/ServiceProviderConfig')).status).toBe(200);
      } finally {
        agent.destroy();
      }
    }
  });

  const counted = async () =>
    Number(await f.value(sql`SELECT coalesce(sum(requests), 0) FROM scim_request_counts`));
  async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
    for (let attempt = 0; attempt < 500 && !(await condition()); attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    if (!(await condition())) throw new Error('the server never got there');
  }

  it('logs an aborted upload once, as a client abort', async () => {
    for (let round = 0; round < 5; round += 1) {
      const socket = createConnection(port, '127.0.0.1');
      await once(socket, 'connect');
      socket.write(
        `POST /scim/v2/Users HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${f.configA.token}\r\n` +
          'Content-Type: application/scim+json\r\nContent-Length: 100000\r\n\r\n{"schemas":',
      );
      // Once the request is counted, it is authenticated and waiting for the rest of its body.
      await until(async () => (await counted()) === round + 1);
      socket.destroy();
      await until(() => lines.length === round + 1);
    }
    expect(lines).toEqual(Array.from({ length: 5 }, () => 'POST /scim/v2/Users 499'));
  });

  it('throttles failed authentication per address, spares other addresses, and releases', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < AUTH_FAILURES_PER_MINUTE + 5; attempt += 1) {
      const answer = await send(undefined, 'GET', '/Users', undefined, {
        token: `scim_guess${attempt}`,
      });
      statuses.push(answer.status);
    }
    expect(statuses.slice(0, AUTH_FAILURES_PER_MINUTE).every((status) => status === 401)).toBe(
      true,
    );
    expect(statuses.slice(AUTH_FAILURES_PER_MINUTE).every((status) => status === 429)).toBe(true);
    const refused = await send(undefined, 'GET', '/Users');
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60);
    // The identity provider on another address is not slowed at all.
    expect((await send(undefined, 'GET', '/Users', undefined, { from: '127.0.0.2' })).status).toBe(
      200,
    );
    expect(throttle.refusedLast24h(f.now().getTime())).toBe(6);
    f.advance(60_000);
    expect((await send(undefined, 'GET', '/Users')).status).toBe(200);
  });
});
