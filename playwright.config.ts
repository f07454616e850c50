import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { chromiumArgs, chromiumExecutablePath } from './scripts/chromium.ts';

const port = Number(process.env.E2E_PORT ?? 4180);
const baseURL = `http://127.0.0.1:${port}`;
// A fresh database per run: the seed file defines every organization, member and token the journeys use.
const databasePath = join(tmpdir(), `scim-admin-e2e-${Date.now()}-${process.pid}.sqlite`);
const executablePath = chromiumExecutablePath();

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results/e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    ...devices['Desktop Chrome'],
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      args: chromiumArgs,
      ...(executablePath ? { executablePath } : {}),
    },
  },
  webServer: {
    command: 'node --import tsx server/index.ts',
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_PATH: databasePath,
      SEED_FILE: 'e2e/fixtures/seed.json',
    },
  },
});
