// UI figures in a real Chromium against the production build: first row, long scroll, optimistic toggle.
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from '@playwright/test';
import { build } from 'vite';
import { chromiumArgs, chromiumExecutablePath } from '../chromium.ts';

/** Where the SPA keeps the personal access token for the tab (see src/features/session). */
export const SESSION_STORAGE_KEY = 'scim-admin.session';
/** Every configuration row links to its detail page. */
const ROW_LINK = 'a[href^="/scim/"]';

export interface UiFigures {
  firstRowMs: number[];
  baselineFirstRowMs: number[];
  /** A minimal React page doing the baseline's work: what React alone costs here. */
  reactFloorFirstRowMs: number[];
  scroll: {
    totalMs: number;
    maxRowsInDom: number;
    rowsReached: number;
    longestTaskMs: number;
    longTasksOver200Ms: number;
    heapUsedMb: number;
  };
  toggleMs: number;
  /** From typing a configuration's name right after the first row showed to its row showing. */
  search: { row: number; firstMatchMs: number };
}

/** A page that does the least a list page can: one fetch, rows built with DOM calls. */
const baselineHtml = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Baseline list</title>
<script type="module" src="/bench-baseline.js"></script></head>
<body><main><h1>SCIM provisioning</h1><ul id="rows"></ul></main></body></html>`;

const baselineJs = `const token = sessionStorage.getItem(${JSON.stringify(SESSION_STORAGE_KEY)});
const response = await fetch('/api/gitpod.v1.OrganizationService/ListSCIMConfigurations', {
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token },
  body: JSON.stringify({ pagination: { pageSize: 100 } }),
});
const page = await response.json();
const list = document.getElementById('rows');
for (const config of page.scimConfigurations ?? []) {
  const item = document.createElement('li');
  const link = document.createElement('a');
  link.href = '/scim/' + config.id;
  link.textContent = config.name || 'Unnamed configuration';
  item.append(link);
  list.append(item);
}
`;

export const BASELINE_PATH = '/bench-baseline.html';
export const REACT_FLOOR_PATH = '/bench-react-floor/index.html';

/** Copies the production build and adds the baseline and minimal React pages next to it. */
export async function prepareStaticDir(distDir: string, workDir: string): Promise<string> {
  const staticDir = join(workDir, 'static');
  cpSync(distDir, staticDir, { recursive: true });
  writeFileSync(join(staticDir, 'bench-baseline.html'), baselineHtml);
  writeFileSync(join(staticDir, 'bench-baseline.js'), baselineJs);
  await build({
    configFile: false,
    root: fileURLToPath(new URL('./react-floor', import.meta.url)),
    base: '/bench-react-floor/',
    logLevel: 'warn',
    build: {
      outDir: join(staticDir, 'bench-react-floor'),
      emptyOutDir: true,
      target: 'es2022',
    },
  });
  return staticDir;
}

// Runs before any page script: records when the first row is attached, and every long task.
const instrumentation = `(() => {
  window.__bench = { firstRowAt: 0, longTasks: [] };
  const seen = () => document.querySelector(${JSON.stringify(ROW_LINK)});
  const observer = new MutationObserver(() => {
    if (!window.__bench.firstRowAt && seen()) {
      window.__bench.firstRowAt = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true });
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__bench.longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
})();`;

interface BenchWindow {
  __bench: { firstRowAt: number; longTasks: number[] };
}

async function newSignedInPage(browser: Browser, baseUrl: string, token: string): Promise<Page> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 1440, height: 900 },
  });
  await context.addInitScript(
    ([key, value]) => {
      window.sessionStorage.setItem(key as string, value as string);
    },
    [SESSION_STORAGE_KEY, token],
  );
  await context.addInitScript(instrumentation);
  return context.newPage();
}

async function firstRowTime(browser: Browser, baseUrl: string, token: string, path: string) {
  const page = await newSignedInPage(browser, baseUrl, token);
  try {
    await page.goto(path);
    await page.locator(ROW_LINK).first().waitFor({ state: 'visible', timeout: 30_000 });
    return await page.evaluate(() => (window as unknown as BenchWindow).__bench.firstRowAt);
  } finally {
    await page.context().close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export { median };

export async function benchUi(options: {
  baseUrl: string;
  token: string;
  expectedRows: number;
  coldLoads: number;
  log: (line: string) => void;
}): Promise<UiFigures> {
  const { baseUrl, token, log } = options;
  const executablePath = chromiumExecutablePath();
  const browser = await chromium.launch({
    args: [...chromiumArgs, '--enable-precise-memory-info'],
    ...(executablePath ? { executablePath } : {}),
  });
  try {
    // One warm-up of each so the OS page cache and the server's statement cache are not measured.
    await firstRowTime(browser, baseUrl, token, '/');
    await firstRowTime(browser, baseUrl, token, BASELINE_PATH);
    await firstRowTime(browser, baseUrl, token, REACT_FLOOR_PATH);
    const firstRowMs: number[] = [];
    const baselineFirstRowMs: number[] = [];
    const reactFloorFirstRowMs: number[] = [];
    for (let run = 0; run < options.coldLoads; run++) {
      log(`UI: cold load ${run + 1}/${options.coldLoads}`);
      firstRowMs.push(await firstRowTime(browser, baseUrl, token, '/'));
      baselineFirstRowMs.push(await firstRowTime(browser, baseUrl, token, BASELINE_PATH));
      reactFloorFirstRowMs.push(await firstRowTime(browser, baseUrl, token, REACT_FLOOR_PATH));
    }

    log(`UI: scrolling through ${options.expectedRows} rows`);
    const scroll = await scrollToEnd(browser, baseUrl, token, options.expectedRows);

    log('UI: optimistic toggle with a 500 ms server delay');
    const toggleMs = await optimisticToggle(browser, baseUrl, token);

    // Near the end of the list: the search has to load almost every page first.
    const searchRow = options.expectedRows - 13;
    log(`UI: search for row ${searchRow} right after the first row showed`);
    const search = {
      row: searchRow,
      firstMatchMs: await searchFirstMatch(
        browser,
        baseUrl,
        token,
        searchRow,
        options.expectedRows,
      ),
    };
    return { firstRowMs, baselineFirstRowMs, reactFloorFirstRowMs, scroll, toggleMs, search };
  } finally {
    await browser.close();
  }
}

async function scrollToEnd(browser: Browser, baseUrl: string, token: string, expectedRows: number) {
  const page = await newSignedInPage(browser, baseUrl, token);
  try {
    await page.goto('/');
    await page.locator(ROW_LINK).first().waitFor({ state: 'visible' });
    const started = Date.now();
    const deadline = started + 180_000;
    let maxRowsInDom = 0;
    let rowsReached = 0;
    while (Date.now() < deadline) {
      const state = await page.evaluate((selector) => {
        window.scrollTo(0, document.documentElement.scrollHeight);
        const links = document.querySelectorAll(selector);
        const last = links[links.length - 1]?.closest('[aria-posinset]');
        return {
          rows: links.length,
          position: Number(last?.getAttribute('aria-posinset') ?? 0),
        };
      }, ROW_LINK);
      maxRowsInDom = Math.max(maxRowsInDom, state.rows);
      rowsReached = Math.max(rowsReached, state.position);
      if (rowsReached >= expectedRows) break;
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    }
    const totalMs = Date.now() - started;
    const longTasks = await page.evaluate(
      () => (window as unknown as BenchWindow).__bench.longTasks,
    );
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    return {
      totalMs,
      maxRowsInDom,
      rowsReached,
      longestTaskMs: Math.max(0, ...longTasks),
      longTasksOver200Ms: longTasks.filter((d) => d > 200).length,
      heapUsedMb: heap.usedSize / 1024 / 1024,
    };
  } finally {
    await page.context().close();
  }
}

async function optimisticToggle(browser: Browser, baseUrl: string, token: string) {
  const page = await newSignedInPage(browser, baseUrl, token);
  try {
    await page.route(
      '**/api/gitpod.v1.OrganizationService/UpdateSCIMConfiguration',
      async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 500));
        await route.continue();
      },
    );
    await page.goto('/');
    const toggle = page.getByRole('switch').first();
    await toggle.waitFor({ state: 'visible' });
    // The seeded configurations are enabled, and disabling asks first: what is timed is the
    // dialog's confirmation, after which the switch must show the new state at once.
    // Kept before the dialog opens: the modal hides the rest of the page from role queries.
    await toggle.evaluate((element) => {
      (window as unknown as { __toggle: Element }).__toggle = element;
    });
    await toggle.click();
    const confirm = page
      .getByRole('alertdialog')
      .getByRole('button', { name: 'Disable provisioning' });
    await confirm.waitFor({ state: 'visible' });
    await confirm.evaluate((element) => {
      (window as unknown as { __confirm: Element }).__confirm = element;
    });
    // A string, not a function: tsx would wrap named inner functions in a helper the page lacks.
    return await page.evaluate<number>(`new Promise((resolve) => {
      const element = window.__toggle;
      const before = element.getAttribute('aria-checked');
      const started = performance.now();
      function check() {
        if (element.isConnected && element.getAttribute('aria-checked') !== before) {
          resolve(performance.now() - started);
        } else if (performance.now() - started > 5000) {
          resolve(Number.POSITIVE_INFINITY);
        } else {
          requestAnimationFrame(check);
        }
      }
      window.__confirm.click();
      requestAnimationFrame(check);
    })`);
  } finally {
    await page.context().close();
  }
}

/** The seed names rows "SCIM configuration 00001"… (see server/db/seed.ts). */
function seededName(row: number, rows: number): string {
  return `SCIM configuration ${String(row).padStart(String(rows).length, '0')}`;
}

async function searchFirstMatch(
  browser: Browser,
  baseUrl: string,
  token: string,
  row: number,
  rows: number,
): Promise<number> {
  const page = await newSignedInPage(browser, baseUrl, token);
  try {
    await page.goto('/');
    await page.locator(ROW_LINK).first().waitFor({ state: 'visible' });
    const name = seededName(row, rows);
    // Timed in the page, from the search box's first input event to the moment the matching row is
    // attached (a MutationObserver, as for the first row): Playwright's own waiting polls at
    // intervals of up to half a second, which would be measured too.
    await page.evaluate(`(() => {
      const name = ${JSON.stringify(name)};
      window.__search = { inputAt: 0, matchAt: 0 };
      document.addEventListener('input', () => {
        if (!window.__search.inputAt) window.__search.inputAt = performance.now();
      }, { capture: true });
      const observer = new MutationObserver(() => {
        for (const link of document.querySelectorAll(${JSON.stringify(ROW_LINK)})) {
          if (link.textContent.includes(name)) {
            window.__search.matchAt = performance.now();
            observer.disconnect();
            return;
          }
        }
      });
      observer.observe(document, { childList: true, subtree: true, characterData: true });
    })()`);
    await page.getByRole('searchbox', { name: 'Search' }).fill(name);
    await page
      .locator(ROW_LINK, { hasText: name })
      .first()
      .waitFor({ state: 'visible', timeout: 60_000 });
    return await page.evaluate<number>('window.__search.matchAt - window.__search.inputAt');
  } finally {
    await page.context().close();
  }
}
