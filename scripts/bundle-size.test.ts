import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { initialAssetPaths, measureInitialLoad } from './bundle-size.ts';

const html = `<!doctype html><html><head>
<script src="/early-requests.js"></script>
<script type="module" crossorigin src="/assets/index-abc.js"></script>
<link rel="modulepreload" crossorigin href="/assets/react-def.js">
<link rel="stylesheet" crossorigin href="/assets/index-123.css">
<link rel="icon" href="/favicon.svg">
</head><body><div id="root"></div></body></html>`;

describe('initial load measurement', () => {
  it('counts classic scripts, the entry, its modulepreloads and stylesheets, not icons or lazy chunks', () => {
    expect(initialAssetPaths(html)).toEqual([
      { path: '/early-requests.js', kind: 'js' },
      { path: '/assets/index-abc.js', kind: 'js' },
      { path: '/assets/react-def.js', kind: 'js' },
      { path: '/assets/index-123.css', kind: 'css' },
    ]);
  });

  it('sums gzip bytes per kind', () => {
    const dist = mkdtempSync(join(tmpdir(), 'bundle-size-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), html);
    const entry = 'export const a = 1;'.repeat(200);
    const react = 'console.log("react");'.repeat(50);
    const css = 'body{color:red}'.repeat(30);
    const early = 'fetch("/api");'.repeat(20);
    writeFileSync(join(dist, 'early-requests.js'), early);
    writeFileSync(join(dist, 'assets/index-abc.js'), entry);
    writeFileSync(join(dist, 'assets/react-def.js'), react);
    writeFileSync(join(dist, 'assets/index-123.css'), css);
    writeFileSync(join(dist, 'assets/lazy-dialog.js'), 'x'.repeat(100_000));
    const load = measureInitialLoad(dist);
    const gz = (s: string) => gzipSync(s, { level: 9 }).length;
    expect(load.jsGzipBytes).toBe(gz(early) + gz(entry) + gz(react));
    expect(load.cssGzipBytes).toBe(gz(css));
  });
});
