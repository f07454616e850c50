// The benchmark's markdown table: each figure next to its target and whether it holds.
import type { InitialLoad } from '../bundle-size.ts';
import { INITIAL_JS_BUDGET_GZIP_BYTES } from '../bundle-size.ts';
import type { AdapterFigures } from './adapter.ts';
import type { ApiFigures } from './api.ts';
import { LOOKUP_SIZES, type ScimFigures } from './scim.ts';
import type { UiFigures } from './ui.ts';
import { median } from './ui.ts';

interface ReportInput {
  bundle: InitialLoad;
  /** Per database, in the order they ran. */
  api: { database: string; figures: ApiFigures }[];
  scim: { database: string; figures: ScimFigures }[];
  /** What was not measured, and why (a database that is not installed, say). */
  skipped: string[];
  ui: UiFigures | undefined;
  machine: string;
  date: string;
  durationSeconds: number;
  totalSeconds: number;
}

const verdict = (ok: boolean) => (ok ? 'holds' : '**MISSED**');
const n = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const kB = (bytes: number) => `${n(bytes / 1000, 1)} kB`;

export function formatReport({
  bundle,
  api,
  scim,
  skipped,
  ui,
  machine,
  date,
  durationSeconds,
  totalSeconds,
}: ReportInput) {
  const rows: Row[] = [
    [
      'First-page JS (scripts + modulepreloads, gzip -9)',
      `${kB(bundle.jsGzipBytes)} (CSS ${kB(bundle.cssGzipBytes)})`,
      `≤ ${kB(INITIAL_JS_BUDGET_GZIP_BYTES)}`,
      verdict(bundle.jsGzipBytes <= INITIAL_JS_BUDGET_GZIP_BYTES),
    ],
    ...api.flatMap((run) => labelled(run.database, apiRows(run.figures, durationSeconds))),
    ...scim.flatMap((run) => labelled(run.database, scimRows(run.figures, durationSeconds))),
    ...(ui ? uiRows(ui) : []),
  ];
  return [
    `### Benchmark, ${date}`,
    '',
    `Machine: ${machine}. 16 connections, ${durationSeconds} s per API case (the four list cases in 5 turns each), 10,000 configurations. Run took ${n(totalSeconds)} s.`,
    '',
    '| Measure | Result | Target | |',
    '| --- | --- | --- | --- |',
    ...rows.map((cells) => `| ${cells.join(' | ')} |`),
    ...(skipped.length > 0 ? ['', ...skipped.map((line) => `Skipped: ${line}`)] : []),
  ].join('\n');
}

const labelled = (database: string, rows: Row[]): Row[] =>
  rows.map(([measure, ...rest]) => [`${database}: ${measure}`, ...rest]);

const ms = (value: number) => `${n(value, 2)} ms`;

function scimRows(scim: ScimFigures, durationSeconds: number): Row[] {
  const [small, large] = scim.lookups;
  const perSecond = scim.createdUsers / Math.max(scim.create.seconds, durationSeconds);
  const sizes = LOOKUP_SIZES.map((size) => n(size)).join(' → ');
  const ratioRow = (name: string, at: (figures: typeof small) => number): Row => {
    const ratio = at(large) / Math.max(at(small), 0.001);
    return [
      `SCIM ${name}, p50 at ${sizes} users`,
      `${ms(at(small))} → ${ms(at(large))} (ratio ${n(ratio, 2)})`,
      '≤ 1.5',
      verdict(ratio <= 1.5),
    ];
  };
  return [
    [
      `SCIM POST /Users sustained ${durationSeconds} s (initial sync)`,
      `${n(perSecond)} users/s (${n(scim.createdUsers)} created), p50 ${n(scim.create.latencyP50Ms, 1)} ms, p99 ${n(scim.create.latencyP99Ms, 1)} ms${scim.create.non2xx || scim.create.errors ? `, ${scim.create.non2xx} non-2xx, ${scim.create.errors} errors` : ''}`,
      'reported',
      '',
    ],
    ratioRow('GET /Users?filter=userName eq "…"', (figures) => figures.filterP50Ms),
    ratioRow('GET /Users/{id}', (figures) => figures.getP50Ms),
    [
      `Inserting ${n(large.users - small.users)} users (batches of 1,000, straight into the database)`,
      `${n(scim.seedSeconds, 1)} s`,
      'reported',
      '',
    ],
  ];
}

type Row = [string, string, string, string];

const load = (r: ApiFigures['listFirst']) =>
  `${n(r.requestsPerSecond)} req/s, p50 ${n(r.latencyP50Ms, 1)} ms, p99 ${n(r.latencyP99Ms, 1)} ms${r.non2xx || r.errors ? `, ${r.non2xx} non-2xx, ${r.errors} errors` : ''}`;

function apiRows(api: ApiFigures, durationSeconds: number): Row[] {
  const deepRatio = api.listDeep.latencyP50Ms / Math.max(api.listFirst.latencyP50Ms, 0.001);
  const meanRatio = api.listDeep.latencyMeanMs / Math.max(api.listFirst.latencyMeanMs, 0.001);
  const throughputRatio = api.listFirst.requestsPerSecond / api.baseline.requestsPerSecond;
  const binaryThroughputRatio =
    api.listFirstBinary.requestsPerSecond / api.baseline.requestsPerSecond;
  const binaryRatio = api.listFirstBinary.requestsPerSecond / api.listFirst.requestsPerSecond;
  const createdPerSecond = api.createdRows / Math.max(api.create.seconds, durationSeconds);
  return [
    [
      'ListSCIMConfigurations, pageSize 100, first page: Connect JSON; binary',
      `JSON ${load(api.listFirst)}; binary ${load(api.listFirstBinary)}`,
      '',
      '',
    ],
    [
      'List throughput binary / JSON',
      n(binaryRatio, 2),
      '≥ 1.0 (reported)',
      binaryRatio >= 1 ? 'holds' : 'below',
    ],
    [`ListSCIMConfigurations, page ${api.deepPage}`, load(api.listDeep), '', ''],
    ['p50 deep / p50 first', n(deepRatio, 2), '≤ 1.3', verdict(deepRatio <= 1.3)],
    [
      'Mean latency deep / first (p50s are whole ms)',
      `${n(meanRatio, 2)} (${n(api.listDeep.latencyMeanMs, 2)} / ${n(api.listFirst.latencyMeanMs, 2)} ms)`,
      'reported',
      '',
    ],
    ['Bare node:http, same bytes', load(api.baseline), '', ''],
    [
      'List throughput ours / baseline: JSON; binary',
      `JSON ${n(throughputRatio, 2)}; binary ${n(binaryThroughputRatio, 2)}`,
      '≥ 0.5',
      verdict(throughputRatio >= 0.5),
    ],
    ['GetSCIMConfiguration', load(api.get), '', ''],
    ['UpdateSCIMConfiguration (toggle enabled)', load(api.update), '', ''],
    [
      `CreateSCIMConfiguration sustained ${durationSeconds} s`,
      `${n(createdPerSecond)} creations/s (${n(api.createdRows)} rows), p99 ${n(api.create.latencyP99Ms, 1)} ms, integrity_check: ${api.integrity}`,
      '≥ 500/s, integrity ok',
      verdict(createdPerSecond >= 500 && (api.integrity === 'ok' || api.integrity === 'n/a')),
    ],
  ];
}

function uiRows(ui: UiFigures): Row[] {
  const ours = median(ui.firstRowMs);
  const baseline = median(ui.baselineFirstRowMs);
  const firstRowRatio = ours / baseline;
  const reactFloor = median(ui.reactFloorFirstRowMs);
  return [
    [
      'First row visible, median of 5 cold loads',
      `${n(ours)} ms vs baseline ${n(baseline)} ms (ratio ${n(firstRowRatio, 2)})`,
      '≤ 2.0 × baseline',
      verdict(firstRowRatio <= 2),
    ],
    [
      'Reference: minimal React 19 page, same fetch',
      `${n(reactFloor)} ms (ratio ${n(reactFloor / baseline, 2)})`,
      'reported',
      '',
    ],
    [
      `Scroll to row ${n(ui.scroll.rowsReached)}: rows in DOM (max)`,
      n(ui.scroll.maxRowsInDom),
      '≤ 200',
      verdict(ui.scroll.maxRowsInDom <= 200),
    ],
    [
      'Scroll: longest task',
      `${n(ui.scroll.longestTaskMs)} ms (${ui.scroll.longTasksOver200Ms} over 200 ms)`,
      'none over 200 ms',
      verdict(ui.scroll.longTasksOver200Ms === 0),
    ],
    [
      'Scroll: JS heap at the end',
      `${n(ui.scroll.heapUsedMb, 1)} MB`,
      '≤ 80 MB',
      verdict(ui.scroll.heapUsedMb <= 80),
    ],
    ['Scroll: time to reach the last row', `${n(ui.scroll.totalMs / 1000, 1)} s`, 'reported', ''],
    [
      'Optimistic toggle, server delayed 500 ms',
      `${n(ui.toggleMs, 1)} ms to show the new state`,
      '≤ 100 ms',
      verdict(ui.toggleMs <= 100),
    ],
    [
      `Search: typing the name of row ${ui.search.row.toLocaleString('en-US')}, first match visible`,
      `${n(ui.search.firstMatchMs, 0)} ms`,
      '≤ 3,000 ms',
      verdict(ui.search.firstMatchMs <= 3000),
    ],
  ];
}

/** `BENCH_ONLY=adapter`: the two ways of serving /api, JSON and binary, side by side. */
export function formatAdapterReport(figures: AdapterFigures, machine: string, date: string) {
  const ratio = (a: number, b: number) => n(a / Math.max(b, 0.001), 2);
  return [
    `### connectNodeAdapter vs the universal handler inside Hono, ${date}`,
    '',
    `Machine: ${machine}. ListSCIMConfigurations first page of 100, 16 connections, 5 turns each.`,
    '',
    '| Served by | Connect JSON | Connect binary |',
    '| --- | --- | --- |',
    `| Hono + universal handler (ours) | ${load(figures.honoJson)} | ${load(figures.honoBinary)} |`,
    `| node:http + connectNodeAdapter | ${load(figures.adapterJson)} | ${load(figures.adapterBinary)} |`,
    `| adapter / ours (throughput) | ${ratio(figures.adapterJson.requestsPerSecond, figures.honoJson.requestsPerSecond)} | ${ratio(figures.adapterBinary.requestsPerSecond, figures.honoBinary.requestsPerSecond)} |`,
  ].join('\n');
}
