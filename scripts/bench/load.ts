import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export interface LoadCase {
  url: string;
  connections: number;
  durationSeconds: number;
  /** Replace `[<id>]` in each body with a new random id (POSTs that must be unique). */
  idReplacement?: boolean;
  /** Each connection cycles through these in order. */
  requests: { method: string; path: string; headers: Record<string, string>; body?: string }[];
}

export interface LoadResult {
  requestsPerSecond: number;
  latencyP50Ms: number;
  /** autocannon's percentiles are whole milliseconds; the mean is not. */
  latencyMeanMs: number;
  latencyP99Ms: number;
  ok: number;
  non2xx: number;
  errors: number;
  seconds: number;
}

const runner = fileURLToPath(new URL('./load-runner.ts', import.meta.url));

/** Fires the case from a second process (autocannon) and returns its figures. */
export async function runLoad(spec: LoadCase): Promise<LoadResult> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', runner, JSON.stringify(spec)],
    { maxBuffer: 1 << 20, timeout: (spec.durationSeconds + 60) * 1000 },
  );
  return JSON.parse(stdout) as LoadResult;
}

/**
 * Runs the cases in turns, `rounds` slices of `sliceSeconds` each, and returns each case's
 * figures over its slices: on a shared machine load comes and goes, and cases measured one after
 * the other see different machines, so the ratios between them mean little. Turns share it.
 */
export async function runInterleaved<K extends string>(
  cases: Record<K, Omit<LoadCase, 'durationSeconds'>>,
  options: { rounds: number; sliceSeconds: number },
): Promise<Record<K, LoadResult>> {
  const names = Object.keys(cases) as K[];
  const slices = new Map<K, LoadResult[]>(names.map((name) => [name, []]));
  for (let round = 0; round < options.rounds; round++) {
    // Alternate the order too, so no case always runs right after the same neighbour.
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      const result = await runLoad({ ...cases[name], durationSeconds: options.sliceSeconds });
      slices.get(name)?.push(result);
    }
  }
  return Object.fromEntries(names.map((name) => [name, combine(slices.get(name) ?? [])])) as Record<
    K,
    LoadResult
  >;
}

function combine(results: LoadResult[]): LoadResult {
  const sum = (pick: (result: LoadResult) => number) =>
    results.reduce((total, result) => total + pick(result), 0);
  const middle = (pick: (result: LoadResult) => number) => {
    const sorted = results.map(pick).sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? 0;
  };
  const seconds = sum((result) => result.seconds);
  const weighted = (pick: (result: LoadResult) => number) =>
    seconds > 0 ? sum((result) => pick(result) * result.seconds) / seconds : 0;
  return {
    requestsPerSecond: weighted((result) => result.requestsPerSecond),
    latencyP50Ms: middle((result) => result.latencyP50Ms),
    latencyMeanMs: weighted((result) => result.latencyMeanMs),
    latencyP99Ms: middle((result) => result.latencyP99Ms),
    ok: sum((result) => result.ok),
    non2xx: sum((result) => result.non2xx),
    errors: sum((result) => result.errors),
    seconds,
  };
}
