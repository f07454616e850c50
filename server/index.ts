// CLI entry: read the environment, open + migrate + seed the database, listen.
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { ConfigError, loadConfig, type ServerConfig } from './config.ts';
import { errorText } from './db/connection-errors.ts';
import { type Database, describeTarget } from './db/database.ts';
import { DEMO_ORGANIZATION, SeedError, type SeedOutcome, seedIfEmpty } from './db/seed.ts';
import { DatabaseStartError, openMigratedDatabase, refreshStatistics } from './db/startup.ts';
import { createProcessLog } from './log.ts';
import { createStorage } from './repositories/repositories.ts';
import { ensurePageTokenSecret } from './services/page-tokens.ts';
import { gracefulShutdown, SHUTDOWN_GRACE_MS } from './shutdown.ts';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

let config: ServerConfig;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (error instanceof ConfigError) fail(`Invalid configuration: ${error.message}`);
  throw error;
}

// One JSON line per entry, stdout written in batches (see createProcessLog); flushed on every exit.
const log = createProcessLog({ level: config.logLevel });
process.on('exit', () => log.flush());

let database: Database | undefined;
let seeded: SeedOutcome = { kind: 'existing' };
if (!config.proxy) {
  if (config.ignoredDatabaseUrl) {
    log.error(
      'DATABASE_URL is not a postgres:// or postgresql:// URL: using SQLite (DATABASE_PATH)',
    );
  }
  try {
    database = await openMigratedDatabase(config.database, {
      waitMs: config.databaseWaitMs,
      // The pool replaces the connection; requests meanwhile answer `unavailable`.
      onIdleError: (error) => log.error(`Database connection lost: ${errorText(error)}`),
    });
    const storage = createStorage(database);
    seeded = await seedIfEmpty(storage, { seedFile: config.seedFile });
    if (seeded.kind !== 'existing') await refreshStatistics(database);
    await ensurePageTokenSecret(storage.repos.settings);
  } catch (error) {
    if (error instanceof SeedError || error instanceof DatabaseStartError) fail(error.message);
    fail(`Cannot open the database (${describeTarget(config.database)}): ${errorText(error)}`);
  }
}

const app = createApp({
  database,
  config: {
    scimBaseUrl: config.scimBaseUrl,
    corsOrigins: config.corsOrigins,
    proxy: config.proxy,
    staticDir: config.staticDir,
  },
  log,
  logRequests: config.logLevel === 'info',
});

const server = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, (info) => {
  const url = `http://${config.host}:${info.port}`;
  const mode = config.proxy ? ` (proxy mode: /api -> ${config.proxy.upstream})` : '';
  // stdout on purpose, whatever LOG_LEVEL says: scripts wait for these lines (one write) for the port.
  const lines = [`Listening on ${url}${mode}`];
  if (!config.proxy) lines.push(`Database: ${describeTarget(config.database)}`);
  if (seeded.kind === 'demo') {
    lines.push(
      `Demo organization "${DEMO_ORGANIZATION}" created. Sign in at ${url} with the admin token: ${seeded.adminToken}`,
    );
  } else if (seeded.kind === 'file') {
    lines.push(`Seeded ${seeded.organizations.length} organization(s) from ${config.seedFile}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
});

server.on('error', (error) =>
  fail(`Cannot listen on ${config.host}:${config.port}: ${error.message}`),
);

// serve() makes a node:http server unless told to use http2, which this entry never does.
const stopper = gracefulShutdown(server as Server);
let stopping = false;
function shutdown(signal: NodeJS.Signals) {
  if (stopping) {
    // A second Ctrl+C: stop waiting for requests in flight.
    (server as Server).closeAllConnections();
    return;
  }
  stopping = true;
  log.info(`${signal}: finishing requests in flight (up to ${SHUTDOWN_GRACE_MS / 1000} s)`);
  void stopper.drain(SHUTDOWN_GRACE_MS).then(async (graceful) => {
    if (!graceful)
      log.error('Shutdown: requests still running after the grace period were cut off');
    await database?.close();
    log.flush();
    process.exit(0);
  });
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
