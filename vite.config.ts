import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The API lives on the backend; in `npm run dev` Vite proxies it so the SPA stays same-origin.
const backend = process.env.BACKEND_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  resolve: { alias: { '@': new URL('./src', import.meta.url).pathname } },
  server: {
    proxy: { '/api': backend, '/scim/v2': backend, '/runtime-config.json': backend },
  },
  // 'hidden': maps are written (for error tracking) but not referenced; the server never serves them.
  build: { target: 'es2022', sourcemap: 'hidden' },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['contracts/**/*.test.ts', 'server/**/*.test.ts', 'scripts/**/*.test.ts'],
        },
      },
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
