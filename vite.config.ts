import react from '@vitejs/plugin-react';
import { configDefaults, defineConfig } from 'vitest/config';
import { findPostgresBin } from './server/testing/postgres-cluster.ts';

// The API lives on the backend; in `npm run dev` Vite proxies it so the SPA stays same-origin.
const backend = process.env.BACKEND_URL ?? 'http://127.0.0.1:8080';

// The server suites that also run against PostgreSQL (the `postgres` project): a server given by
// TEST_DATABASE_URL, else a throw-away local cluster when PostgreSQL 15+ is installed. CI must run it.
const postgresSuites = [
  'server/db/migrate.test.ts',
  'server/db/seed.test.ts',
  'server/repositories/**/*.test.ts',
  'server/services/**/*.test.ts',
  'server/connect.test.ts',
  'server/routes/**/*.test.ts',
  // PostgreSQL only: several instances on one server, a lost connection.
  'server/**/*.postgres.test.ts',
];
const postgresAvailable = Boolean(process.env.TEST_DATABASE_URL) || findPostgresBin() !== undefined;
if (process.env.VITEST && !postgresAvailable) {
  if (process.env.CI)
    throw new Error('CI must run the PostgreSQL half: PostgreSQL is not installed');
  process.stderr.write(
    'PostgreSQL half SKIPPED: set TEST_DATABASE_URL or install PostgreSQL 15+ to run the server tests against it\n',
  );
}

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: [
      { find: '@', replacement: new URL('./src', import.meta.url).pathname },
      // wouter still imports the pre-React-18 shim; React 19 has the hook itself (saves its code).
      { find: /^use-sync-external-store\/shim(\/index\.js)?$/, replacement: 'react' },
    ],
  },
  server: {
    proxy: { '/api': backend, '/scim/v2': backend, '/runtime-config.json': backend },
  },
  // 'hidden': maps are written (for error tracking) but not referenced; the server never serves them.
  build: {
    target: 'es2022',
    sourcemap: 'hidden',
    rollupOptions: {
      output: {
        // Everything the first page imports statically in one chunk: split along lazy boundaries,
        // modules the first page shares with lazy chunks would otherwise land in extra preloaded
        // chunks, each compressed apart (and so larger in total).
        codeSplitting: { groups: [{ name: 'first-page', tags: ['$initial'] }] },
      },
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['contracts/**/*.test.ts', 'server/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'server/**/*.postgres.test.ts'],
          env: { TEST_DATABASE: 'sqlite' },
        },
      },
      ...(postgresAvailable
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                environment: 'node',
                include: postgresSuites,
                env: { TEST_DATABASE: 'postgres' },
                globalSetup: ['./server/testing/postgres-global-setup.ts'],
                // A real server on 2 shared cores: seeding thousands of rows takes seconds.
                testTimeout: 30_000,
              },
            },
          ]
        : []),
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['src/**/*.test.{ts,tsx}'],
          setupFiles: ['./src/testing/setup-tests.ts'],
          // Each screen test runs the real backend in-process (SQLite, Connect, SCIM) on 2 shared cores.
          testTimeout: 15_000,
        },
      },
    ],
  },
});
