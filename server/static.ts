// Serves the built SPA with a history fallback: a deep link such as /scim/<id> answers index.html.
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { Context } from 'hono';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/** Paths that belong to the server, never to the SPA: no fallback to index.html there. */
export function isServerPath(path: string): boolean {
  return (
    path === '/api' ||
    path.startsWith('/api/') ||
    path === '/scim/v2' ||
    path.startsWith('/scim/v2/') ||
    path === '/healthz' ||
    path === '/runtime-config.json'
  );
}

async function fileAt(path: string): Promise<Buffer | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() ? await readFile(path) : undefined;
  } catch {
    return undefined;
  }
}

export function createStaticHandler(staticDir: string) {
  const root = resolve(staticDir);
  const serve = (c: Context, body: Buffer, file: string, cacheControl: string) => {
    c.header(
      'Content-Type',
      contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream',
    );
    c.header('Cache-Control', cacheControl);
    return c.body(new Uint8Array(body));
  };

  return async (c: Context): Promise<Response> => {
    const path = c.req.path;
    if (isServerPath(path)) return c.text('Not Found', 404);
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return c.text('Bad Request', 400);
    }
    // Source maps hold the full source: they are built for error tracking, never served.
    if (extname(decoded).toLowerCase() === '.map') return c.text('Not Found', 404);
    const file = resolve(root, `.${decoded}`);
    if ((file === root || file.startsWith(root + sep)) && !decoded.includes('\0')) {
      const body = file === root ? undefined : await fileAt(file);
      if (body) {
        // Vite fingerprints everything under /assets/, so those never change under one name.
        const cache = decoded.startsWith('/assets/')
          ? 'public, max-age=31536000, immutable'
          : 'no-cache';
        return serve(c, body, file, cache);
      }
    }
    // A missing file (something with an extension) is a real 404; anything else is an SPA route.
    if (extname(decoded) !== '') return c.text('Not Found', 404);
    const index = join(root, 'index.html');
    const html = await fileAt(index);
    if (!html) {
      return c.text('The web app is not built yet: run `npm run build` (or `npm start`).', 404);
    }
    return serve(c, html, index, 'no-cache');
  };
}
