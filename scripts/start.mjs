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
  // STATIC_DIR names other files to serve: dist/ is not used, so it is not built either.
  const staticDir = process.env.STATIC_DIR?.trim();
  if (staticDir && staticDir !== 'dist') return false;
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
// A supervisor's SIGTERM or Ctrl+C's SIGINT reaches this process only (package.json's `exec`
// keeps npm's shell from swallowing it): the server gets it too and shuts down gracefully.
const forwarded = ['SIGINT', 'SIGTERM', 'SIGHUP'];
for (const signal of forwarded) {
  process.on(signal, () => {
    if (server.exitCode === null && server.signalCode === null) server.kill(signal);
  });
}
// Should this process lose its parent some other way (the shell killed), stop the server too
// rather than leave it holding the port and the database.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) server.kill('SIGTERM');
}, 1000).unref();
server.on('exit', (code, signal) => {
  if (code !== null) process.exit(code);
  // Killed by a signal: end the same way, so our parent sees the same status.
  for (const name of forwarded) process.removeAllListeners(name);
  process.kill(process.pid, signal ?? 'SIGTERM');
});
