// Fails the test run when the first page's JavaScript outgrows its budget. Run after `vite build`.
import { existsSync } from 'node:fs';
import { INITIAL_JS_BUDGET_GZIP_BYTES, measureInitialLoad } from './bundle-size.ts';

const distDir = process.argv[2] ?? 'dist';
if (!existsSync(`${distDir}/index.html`)) {
  console.error(`${distDir}/index.html is missing: run \`vite build\` first.`);
  process.exit(1);
}

const load = measureInitialLoad(distDir);
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
for (const file of load.files) {
  console.log(
    `  ${file.path.padEnd(48)} ${kB(file.bytes).padStart(10)} ${kB(file.gzipBytes).padStart(10)} gzip`,
  );
}
console.log(
  `Initial load: JS ${kB(load.jsGzipBytes)} gzip (budget ${kB(INITIAL_JS_BUDGET_GZIP_BYTES)}), CSS ${kB(load.cssGzipBytes)} gzip`,
);
if (load.files.filter((f) => f.kind === 'js').length === 0) {
  console.error('No JavaScript found in index.html: the budget check measured nothing.');
  process.exit(1);
}
if (load.jsGzipBytes > INITIAL_JS_BUDGET_GZIP_BYTES) {
  console.error(`Over budget by ${kB(load.jsGzipBytes - INITIAL_JS_BUDGET_GZIP_BYTES)}.`);
  process.exit(1);
}
