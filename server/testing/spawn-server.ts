// Runs `node --import tsx server/index.ts` as a child process, the way `npm start` does.
import { type ChildProcess, spawn } from 'node:child_process';
import { procedures } from '../../contracts/procedures.ts';

export interface SpawnedServer {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  /** SIGKILL, and wait for the exit. */
  kill: () => Promise<void>;
}

function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/**
 * `server/index.ts` with `env` over this process's environment, minus the database variables: a
 * test names its database (DATABASE_PATH, or DATABASE_URL for PostgreSQL), never inherits one.
 */
function startServer(env: Record<string, string>): ChildProcess {
  const { DATABASE_URL: _url, DATABASE_PATH: _path, ...inherited } = process.env;
  return spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: { ...inherited, HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Resolves once the server prints its "Listening on" line (PORT=0 picks a free port). */
export function spawnServer(env: Record<string, string>): Promise<SpawnedServer> {
  const child = startServer({ LOG_LEVEL: 'error', ...env });
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void killHard(child);
      reject(new Error(`server did not start:\n${err}`));
    }, 20_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Listening on (http:\/\/\S+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: match[1], stdout: () => out, kill: () => killHard(child) });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${err}`));
    });
  });
}

/** Runs the server expecting it to exit; resolves with its exit code and output. */
export function runServerToExit(
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = startServer(env);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * A SCIM token of a new configuration of the demo organization, minted through the API with the
 * admin token the server printed (a server started on an empty database).
 */
export async function mintScimToken(server: SpawnedServer): Promise<string> {
  const adminToken = /with the admin token: (\S+)/.exec(server.stdout())?.[1] ?? '';
  const call = async (path: string, body: unknown) => {
    const response = await fetch(`${server.url}/api/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify(body),
    });
    return (await response.json()) as Record<string, unknown>;
  };
  const { organizationId } = await call(procedures.getAuthenticatedIdentity.path, {});
  const { ssoConfigurations } = (await call(procedures.listSsoConfigurations.path, {
    organizationId,
  })) as { ssoConfigurations: { id: string; state?: string }[] };
  const sso = ssoConfigurations.find((item) => item.state === 'SSO_CONFIGURATION_STATE_ACTIVE');
  const { token } = await call(procedures.createScimConfiguration.path, {
    organizationId,
    ssoConfigurationId: sso?.id,
  });
  return String(token);
}
