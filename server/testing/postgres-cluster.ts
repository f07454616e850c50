// A throw-away PostgreSQL cluster for tests and benchmarks: initdb into a temporary directory,
// listen on a free loopback port, and remove everything on stop. PostgreSQL refuses to run as root,
// so under root the binaries run as the unprivileged `postgres` user the Debian package creates.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const POSTGRES_ROOT = '/usr/lib/postgresql';
const MINIMUM_MAJOR = 15;

export interface PostgresCluster {
  url: string;
  dir: string;
  stop(): void;
}

/** The newest installed server's bin directory (PostgreSQL 15 or newer), if any. */
export function findPostgresBin(): string | undefined {
  const fromEnv = process.env.POSTGRES_BIN;
  if (fromEnv && existsSync(join(fromEnv, 'initdb'))) return fromEnv;
  if (!existsSync(POSTGRES_ROOT)) return undefined;
  const majors = readdirSync(POSTGRES_ROOT)
    .map(Number)
    .filter((major) => major >= MINIMUM_MAJOR)
    .sort((a, b) => b - a);
  for (const major of majors) {
    const bin = join(POSTGRES_ROOT, String(major), 'bin');
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl'))) return bin;
  }
  return undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

const runsAsRoot = () => process.getuid?.() === 0;

function run(bin: string, program: string, args: string[]): void {
  const command = runsAsRoot() ? 'runuser' : join(bin, program);
  const fullArgs = runsAsRoot() ? ['-u', 'postgres', '--', join(bin, program), ...args] : args;
  const result = spawnSync(command, fullArgs, { encoding: 'utf8', cwd: tmpdir() });
  if (result.status !== 0) {
    throw new Error(
      `${program} failed (${result.status}): ${result.stderr || result.stdout || result.error}`,
    );
  }
}

/** `url` with its database name replaced. */
export function postgresUrlFor(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.href;
}

export async function startPostgresCluster(bin = findPostgresBin()): Promise<PostgresCluster> {
  if (!bin) throw new Error('PostgreSQL 15+ is not installed (apt-get install -y postgresql)');
  const dir = mkdtempSync(join(tmpdir(), 'scim-admin-pg-'));
  if (runsAsRoot()) execFileSync('chown', ['postgres:', dir]);
  else chmodSync(dir, 0o700);
  const data = join(dir, 'data');
  const port = await freePort();
  run(bin, 'initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-locale', '-E', 'UTF8']);
  // Throw-away data: durability against an OS crash buys nothing here, speed does.
  const options = [
    `-p ${port}`,
    "-c listen_addresses='127.0.0.1'",
    `-c unix_socket_directories='${dir}'`,
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=300',
  ].join(' ');
  run(bin, 'pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', 'start']);
  const stop = () => stopPostgresCluster(dir, bin);
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, dir, stop };
}

export function stopPostgresCluster(dir: string, bin = findPostgresBin()): void {
  if (bin && existsSync(join(dir, 'data'))) {
    try {
      run(bin, 'pg_ctl', ['-D', join(dir, 'data'), '-m', 'immediate', '-w', 'stop']);
    } catch {
      // Already stopped: removing the directory is all that is left.
    }
  }
  rmSync(dir, { recursive: true, force: true });
}
