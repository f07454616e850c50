// `npm start`: build the SPA when dist/ is missing or older than its sources, then run the backend.
// Plain JavaScript so it runs before anything is compiled.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

process.chdir(fileURLToPath(new URL('..', import.meta.url)));

const builtIndex = 'dist/index.html';
const sources = ['src', 'contracts', 'public', 'index.html', 'vite.config.ts'];

/** Newest modification time (ms) of a file or of every file below a folder; 0 when absent. */
function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function needsBuild() {
  if (!existsSync('src') || !existsSync('index.html')) return false;
  if (!existsSync(builtIndex)) return true;
  const builtAt = statSync(builtIndex).mtimeMs;
  return sources.some((source) => newestMtime(source) > builtAt);
}

if (needsBuild()) {
  process.stdout.write('Building the web app (dist/ is missing or out of date)...\n');
  const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], {
    stdio: 'inherit',
  });
  if (build.status !== 0) {
    process.stderr.write('The web app build failed; see the output above.\n');
    process.exit(build.status ?? 1);
  }
} else if (!existsSync(builtIndex)) {
  process.stdout.write('No web app to build yet (src/ is missing): starting the API only.\n');
}

const server = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.kill(signal));
}
server.on('exit', (code, signal) => {
  process.exit(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1));
});
