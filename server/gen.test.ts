// The committed descriptors in server/gen/ must be what `npm run generate` makes of proto/ now.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, expect, test } from 'vitest';

const root = join(import.meta.dirname, '..');
const bin = join(root, 'node_modules', '.bin');
const out = mkdtempSync(join(tmpdir(), 'buf-gen-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function filesUnder(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(dir, path), readFileSync(path, 'utf8'));
  }
  return files;
}

test('server/gen matches buf generate of proto/', { timeout: 60_000 }, () => {
  // Same plugin and options as buf.gen.yaml, written to a scratch directory.
  const template = join(out, 'buf.gen.yaml');
  writeFileSync(
    template,
    readFileSync(join(root, 'buf.gen.yaml'), 'utf8').replace(
      'out: server/gen',
      `out: ${join(out, 'gen')}`,
    ),
  );
  execFileSync(join(bin, 'buf'), ['generate', '--template', template], {
    cwd: root,
    env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` },
    stdio: 'pipe',
  });
  const fresh = filesUnder(join(out, 'gen'));
  const committed = filesUnder(join(root, 'server', 'gen'));
  expect([...committed.keys()].sort()).toEqual([...fresh.keys()].sort());
  for (const [path, text] of fresh) {
    expect(committed.get(path), `${path} is stale: run npm run generate`).toBe(text);
  }
});
