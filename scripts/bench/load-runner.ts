// Runs one load case in its own process, so the load generator never shares a CPU queue with the
// server's event loop. Input: a JSON LoadCase in argv[2]. Output: a JSON LoadResult on stdout.
import autocannon from 'autocannon';
import type { LoadCase, LoadResult } from './load.ts';

const spec = JSON.parse(process.argv[2] ?? '{}') as LoadCase;
const result = await autocannon({
  url: spec.url,
  connections: spec.connections,
  duration: spec.durationSeconds,
  requests: spec.requests,
});
const output: LoadResult = {
  requestsPerSecond: result.requests.average,
  latencyP50Ms: result.latency.p50,
  latencyMeanMs: result.latency.mean,
  latencyP99Ms: result.latency.p99,
  ok: result['2xx'],
  non2xx: result.non2xx,
  errors: result.errors + result.timeouts,
  seconds: result.duration,
};
process.stdout.write(JSON.stringify(output));
