// What the browser must download before the first render: the entry script, its modulepreloads and
// the stylesheets that dist/index.html links, measured as gzip -9 bytes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface InitialLoad {
  files: { path: string; kind: 'js' | 'css'; bytes: number; gzipBytes: number }[];
  jsGzipBytes: number;
  cssGzipBytes: number;
}

/** Same-origin asset URLs that index.html loads eagerly (scripts, modulepreloads, stylesheets). */
export function initialAssetPaths(html: string): { path: string; kind: 'js' | 'css' }[] {
  const assets: { path: string; kind: 'js' | 'css' }[] = [];
  const tags = html.match(/<(script|link)\b[^>]*>/g) ?? [];
  for (const tag of tags) {
    const attr = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
    if (tag.startsWith('<script')) {
      const src = attr('src');
      // Module entries and classic scripts alike run before the first render.
      if (src) assets.push({ path: src, kind: 'js' });
    } else {
      const rel = attr('rel');
      const href = attr('href');
      if (!href) continue;
      if (rel === 'modulepreload') assets.push({ path: href, kind: 'js' });
      if (rel === 'stylesheet') assets.push({ path: href, kind: 'css' });
    }
  }
  return assets.filter((a) => a.path.startsWith('/'));
}

export function measureInitialLoad(distDir: string): InitialLoad {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const files = initialAssetPaths(html).map(({ path, kind }) => {
    const content = readFileSync(join(distDir, path));
    return { path, kind, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
  });
  const sum = (kind: 'js' | 'css') =>
    files.filter((f) => f.kind === kind).reduce((total, f) => total + f.gzipBytes, 0);
  return { files, jsGzipBytes: sum('js'), cssGzipBytes: sum('css') };
}

/** The budget the setup-kit issue sets for the first page's JavaScript. */
export const INITIAL_JS_BUDGET_GZIP_BYTES = 110_000;
