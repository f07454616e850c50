// `npm run bench`: measures the product against its limits and prints a markdown table that is also
// written to bench-results/latest.md. BENCH_SECONDS shortens each load case for a quick look.
// The API and SCIM cases run on SQLite and, when PostgreSQL 15+ is installed, on a throw-away
// PostgreSQL cluster too (the same seed, the same cases).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Database, type DatabaseTarget, openDatabase } from '../server/db/database.ts';
import {
  findPostgresBin,
  postgresUrlFor,
  startPostgresCluster,
} from '../server/testing/postgres-cluster.ts';
import { type AdapterFigures, benchAdapter } from './bench/adapter.ts';
import { type ApiFigures, benchApi } from './bench/api.ts';
import { type Running, startBackend } from './bench/processes.ts';
import { formatAdapterReport, formatReport } from './bench/report.ts';
import { benchScim, type ScimFigures, servesScim } from './bench/scim.ts';
import { benchUi, prepareStaticDir } from './bench/ui.ts';
import { measureInitialLoad } from './bundle-size.ts';

const CONFIGURATIONS = 10_000;
const durationSeconds = Number(process.env.BENCH_SECONDS ?? 10);
// BENCH_ONLY=api|scim|ui runs one part, BENCH_DATABASE=sqlite|postgres one database, to iterate.
// BENCH_ONLY=adapter compares the two ways of serving /api instead (scripts/bench/adapter.ts).
const only = process.env.BENCH_ONLY;
const onlyDatabase = process.env.BENCH_DATABASE;
const runs = (part: string) => only === undefined || only === part;
const token = `bench-admin-${process.pid}-token`;
const log = (line: string) => process.stderr.write(`${line}\n`);
const started = Date.now();

if (!existsSync('dist/index.html')) {
  log('Building the SPA (dist/ is missing)');
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], { stdio: 'inherit' });
}
const bundle = measureInitialLoad('dist');

const workDir = mkdtempSync(join(tmpdir(), 'scim-admin-bench-'));

function organization(name: string, adminToken: string, configurations: number) {
  const slug = name.toLowerCase().replace(/\W+/g, '-');
  return {
    name,
    ssoConfigurations: [
      {
        displayName: 'Okta',
        issuerUrl: `https://${slug}.okta.com`,
        state: 'SSO_CONFIGURATION_STATE_ACTIVE',
      },
    ],
    members: [
      {
        name: `${name} Admin`,
        email: `admin@${slug}.test`,
        role: 'ORGANIZATION_ROLE_ADMIN',
        token: adminToken,
      },
    ],
    scimConfigurations: { count: configurations },
  };
}

function writeSeed(name: string, organizations: unknown[]): string {
  const file = join(workDir, name);
  writeFileSync(file, JSON.stringify({ organizations }));
  return file;
}

const apiSeed = writeSeed('api-seed.json', [organization('Bench Corp', token, CONFIGURATIONS)]);
// The SCIM case: one organization synced by POSTs, another holding the users looked up.
const syncAdminToken = `${token}-sync`;
const lookupAdminToken = `${token}-lookup`;
const scimSeed = writeSeed('scim-seed.json', [
  organization('Sync Corp', syncAdminToken, 0),
  organization('Lookup Corp', lookupAdminToken, 0),
]);
const staticDir = await prepareStaticDir('dist', workDir);

interface Side {
  label: string;
  /** A new, empty database for one case: where the backend stores it, and how the bench opens it. */
  newDatabase(name: string): Promise<{ env: Record<string, string>; target: DatabaseTarget }>;
}

/** One backend on a new database seeded from `seedFile`, with the bench's own handle on it. */
async function withBackend<T>(
  side: Side,
  name: string,
  seedFile: string,
  run: (backend: Running, database: Database) => Promise<T>,
): Promise<T> {
  const { env, target } = await side.newDatabase(name);
  const backend = await startBackend({ ...env, SEED_FILE: seedFile, STATIC_DIR: staticDir });
  // No statement timeout: the bench inserts rows in bulk.
  const database = openDatabase(target, { statementTimeoutMs: 0, maxConnections: 2 });
  try {
    return await run(backend, database);
  } finally {
    await database.close();
    await backend.stop();
  }
}

const api: { database: string; figures: ApiFigures }[] = [];
const scim: { database: string; figures: ScimFigures }[] = [];
const skipped: string[] = [];
let ui: Awaited<ReturnType<typeof benchUi>> | undefined;
let adapter: AdapterFigures | undefined;

async function measure(side: Side) {
  if (only === 'adapter') {
    // The serving layer does not depend on the database: measured on SQLite only.
    if (side.label !== 'SQLite') return;
    await withBackend(side, 'bench_adapter', apiSeed, async (_backend, database) => {
      adapter = await benchAdapter({ database, token, durationSeconds, connections: 16, log });
    });
    return;
  }
  if (runs('api') || (runs('ui') && side.label === 'SQLite')) {
    log(`${side.label}: seeding ${CONFIGURATIONS} configurations and starting the backend`);
    await withBackend(side, 'bench_api', apiSeed, async (backend, database) => {
      // The UI runs first (once, on SQLite), on exactly the seeded rows; the API's create case adds thousands more.
      if (runs('ui') && side.label === 'SQLite') {
        ui = await benchUi({
          baseUrl: backend.url,
          token,
          expectedRows: CONFIGURATIONS,
          coldLoads: 5,
          log,
        });
      }
      if (!runs('api')) return;
      const figures = await benchApi({
        backend,
        token,
        database,
        workDir,
        durationSeconds,
        connections: 16,
        log: (line) => log(`${side.label}: ${line}`),
      });
      api.push({ database: side.label, figures });
    });
  }
  if (runs('scim')) {
    await withBackend(side, 'bench_scim', scimSeed, async (backend, database) => {
      if (!(await servesScim(backend.url))) {
        skipped.push(
          `${side.label}: the SCIM case (this backend does not serve /scim/v2 on it yet)`,
        );
        return;
      }
      const figures = await benchScim({
        url: backend.url,
        syncAdminToken,
        lookupAdminToken,
        database,
        durationSeconds,
        connections: 16,
        log: (line) => log(`${side.label}: ${line}`),
      });
      scim.push({ database: side.label, figures });
    });
  }
}

const sqlite: Side = {
  label: 'SQLite',
  async newDatabase(name) {
    const path = join(workDir, `${name}.sqlite`);
    return { env: { DATABASE_PATH: path }, target: { kind: 'sqlite', path } };
  },
};

try {
  if (onlyDatabase === undefined || onlyDatabase === 'sqlite') await measure(sqlite);
  if (onlyDatabase === undefined || onlyDatabase === 'postgres') {
    if (findPostgresBin()) {
      log('PostgreSQL: starting a throw-away cluster');
      const cluster = await startPostgresCluster();
      const admin = new pg.Client({ connectionString: cluster.url });
      try {
        await admin.connect();
        await measure({
          label: 'PostgreSQL',
          async newDatabase(name) {
            await admin.query(`CREATE DATABASE ${name}`);
            const url = postgresUrlFor(cluster.url, name);
            return { env: { DATABASE_URL: url }, target: { kind: 'postgres', url } };
          },
        });
      } finally {
        await admin.end();
        cluster.stop();
      }
    } else {
      const line =
        'PostgreSQL: not installed (PostgreSQL 15+ under /usr/lib/postgresql, or POSTGRES_BIN)';
      log(`SKIPPED ${line}`);
      skipped.push(line);
    }
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const date = new Date().toISOString().slice(0, 10);
  const [report, file] = adapter
    ? [formatAdapterReport(adapter, machine, date), 'bench-results/adapter.md']
    : [
        formatReport({
          bundle,
          api,
          scim,
          skipped,
          ui,
          machine,
          date,
          durationSeconds,
          totalSeconds: (Date.now() - started) / 1000,
        }),
        'bench-results/latest.md',
      ];
  process.stdout.write(`${report}\n`);
  mkdirSync('bench-results', { recursive: true });
  writeFileSync(file, `${report}\n`);
  log(`Written to ${file}`);
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
