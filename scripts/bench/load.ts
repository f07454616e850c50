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
