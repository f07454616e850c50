// `npm run bench`: measures the product against its limits and prints a markdown table that is also
// written to bench-results/latest.md. BENCH_SECONDS shortens each load case for a quick look.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { benchAdapter } from './bench/adapter.ts';
import { benchApi } from './bench/api.ts';
import { startBackend } from './bench/processes.ts';
import { formatAdapterReport, formatReport } from './bench/report.ts';
import { benchUi, prepareStaticDir } from './bench/ui.ts';
import { measureInitialLoad } from './bundle-size.ts';

const CONFIGURATIONS = 10_000;
const durationSeconds = Number(process.env.BENCH_SECONDS ?? 10);
// BENCH_ONLY=api or BENCH_ONLY=ui runs one half, for iterating on it; BENCH_ONLY=adapter compares
// the two ways of serving /api (scripts/bench/adapter.ts).
const only = process.env.BENCH_ONLY;
const token = `bench-admin-${process.pid}-token`;
const log = (line: string) => process.stderr.write(`${line}\n`);
const started = Date.now();
const machineSummary = () =>
  `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const today = () => new Date().toISOString().slice(0, 10);

if (!existsSync('dist/index.html')) {
  log('Building the SPA (dist/ is missing)');
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], { stdio: 'inherit' });
}
const bundle = measureInitialLoad('dist');

const workDir = mkdtempSync(join(tmpdir(), 'scim-admin-bench-'));
const seedFile = join(workDir, 'seed.json');
writeFileSync(
  seedFile,
  JSON.stringify({
    organizations: [
      {
        name: 'Bench Corp',
        ssoConfigurations: [
          {
            displayName: 'Okta',
            issuerUrl: 'https://bench.okta.com',
            state: 'SSO_CONFIGURATION_STATE_ACTIVE',
          },
        ],
        members: [
          {
            name: 'Bench Admin',
            email: 'admin@bench.test',
            role: 'ORGANIZATION_ROLE_ADMIN',
            token,
          },
        ],
        scimConfigurations: { count: CONFIGURATIONS },
      },
    ],
  }),
);

const databasePath = join(workDir, 'bench.sqlite');
log(`Seeding ${CONFIGURATIONS} configurations and starting the backend`);
const backend = await startBackend({
  DATABASE_PATH: databasePath,
  SEED_FILE: seedFile,
  STATIC_DIR: await prepareStaticDir('dist', workDir),
});

try {
  if (only === 'adapter') {
    const figures = await benchAdapter({
      databasePath,
      token,
      durationSeconds,
      connections: 16,
      log,
    });
    const report = formatAdapterReport(figures, machineSummary(), today());
    process.stdout.write(`${report}\n`);
    mkdirSync('bench-results', { recursive: true });
    writeFileSync('bench-results/adapter.md', `${report}\n`);
    process.exit(0);
  }
  // The UI runs first, on exactly the seeded rows; the API's create case adds thousands more.
  const ui =
    only === 'api'
      ? undefined
      : await benchUi({
          baseUrl: backend.url,
          token,
          expectedRows: CONFIGURATIONS,
          coldLoads: 5,
          log,
        });
  const api =
    only === 'ui'
      ? undefined
      : await benchApi({
          backend,
          token,
          databasePath,
          workDir,
          durationSeconds,
          connections: 16,
          log,
        });
  const machine = machineSummary();
  const report = formatReport({
    bundle,
    api,
    ui,
    machine,
    date: today(),
    durationSeconds,
    totalSeconds: (Date.now() - started) / 1000,
  });
  process.stdout.write(`${report}\n`);
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/latest.md', `${report}\n`);
  log('Written to bench-results/latest.md');
} finally {
  await backend.stop();
  rmSync(workDir, { recursive: true, force: true });
}
