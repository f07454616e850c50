// SIGTERM to the server: what is in flight is answered, idle keep-alive clients get a clean close,
// the database is closed and the process exits 0.
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { createConnection, type Socket } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { mintScimToken, spawnServer } from './testing/spawn-server.ts';
import { tempDir } from './testing/test-backend.ts';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A raw connection that collects what the server sends and whether it reset the connection. */
function connect(port: number) {
  const socket = createConnection(port, '127.0.0.1');
  const state = { received: '', ended: false, error: undefined as string | undefined, socket };
  socket.on('data', (chunk: Buffer) => {
    state.received += chunk.toString();
  });
  socket.on('end', () => {
    state.ended = true;
  });
  socket.on('error', (error: NodeJS.ErrnoException) => {
    state.error = error.code ?? error.message;
  });
  return state;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let attempt = 0; attempt < 1000 && !condition(); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  if (!condition()) throw new Error(`never happened: ${what}`);
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket: Socket = createConnection(port, '127.0.0.1');
    socket.on('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

it('answers the request in flight, closes idle keep-alive connections cleanly and exits 0', {
  timeout: 60_000,
}, async () => {
  const databasePath = join(dir, 'shutdown.sqlite');
  const server = await spawnServer({ DATABASE_PATH: databasePath });
  const port = Number(new URL(server.url).port);
  try {
    const token = await mintScimToken(server);

    // An idle keep-alive connection: one answered request, then nothing.
    const idle = connect(port);
    idle.socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    await until(() => idle.received.includes('"status":"ok"'), 'the idle request answered');

    // A request in flight: authenticated (so counted), its body still on the way.
    const body = JSON.stringify({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'in-flight@example.com',
    });
    const inFlight = connect(port);
    inFlight.socket.write(
      `POST /scim/v2/Users HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\n` +
        `Content-Type: application/scim+json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
    );
    const reader = new Database(databasePath, { readonly: true });
    const counted = () =>
      Number(
        reader.prepare('SELECT coalesce(sum(requests), 0) FROM scim_request_counts').pluck().get(),
      );
    await until(() => counted() === 1, 'the in-flight request authenticated');
    reader.close();

    const exited = once(server.child, 'exit');
    server.child.kill('SIGTERM');
    await until(() => idle.ended, 'the idle connection closed');
    expect(idle.error).toBeUndefined();
    expect(await accepts(port)).toBe(false);

    inFlight.socket.end(body.slice(10));
    await until(() => inFlight.ended, 'the in-flight connection closed');
    expect(inFlight.error).toBeUndefined();
    expect(inFlight.received).toMatch(/^HTTP\/1\.1 201 /);
    expect(inFlight.received.toLowerCase()).toContain('connection: close');

    const [code] = await exited;
    expect(code).toBe(0);
    // The database was closed cleanly: the user written during shutdown is there.
    const after = new Database(databasePath, { readonly: true });
    expect(
      after
        .prepare('SELECT count(*) FROM scim_users WHERE user_name = ?')
        .pluck()
        .get('in-flight@example.com'),
    ).toBe(1);
    after.close();
  } finally {
    await server.kill();
  }
});
