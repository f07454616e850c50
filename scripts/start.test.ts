// `npm start` stops when its supervisor (or Ctrl+C) says so: the server goes with it, the port is
// freed, and npm exits with the server's status.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'scim-admin-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Under `npm test` npm says where it is; run directly, the `npm` on PATH.
const npm = process.env.npm_execpath;
const command: [string, string[]] = npm?.endsWith('.js')
  ? [process.execPath, [npm, 'start']]
  : ['npm', ['start']];

function startNpm(): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(command[0], command[1], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: '0',
      DATABASE_PATH: join(dir, `start-${Date.now()}.sqlite`),
      // Serving an empty folder: no SPA build is needed to test the process handling.
      STATIC_DIR: dir,
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const port = /Listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out)?.[1];
      if (port) resolve({ child, port: Number(port) });
    });
    child.on('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${out}`)));
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection(port, '127.0.0.1');
    socket.on('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

describe('npm start', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`stops the server and frees the port on ${signal} to npm`, async () => {
      const { child, port } = await startNpm();
      expect(await accepts(port)).toBe(true);
      const exited = once(child, 'exit');
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const [code] = await exited;
      clearTimeout(timer);
      // The server shut down cleanly (exit 0) and npm passed that on.
      expect(code).toBe(0);
      expect(await accepts(port)).toBe(false);
    }, 30_000);
  }
});
