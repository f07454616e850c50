// Runs one load case in its own process, so the load generator never shares a CPU queue with the
// server's event loop. Input: a JSON LoadCase in argv[2]. Output: a JSON LoadResult on stdout.
import autocannon, { type RequestSpec } from 'autocannon';
import type { LoadCase, LoadResult } from './load.ts';

const spec = JSON.parse(process.argv[2] ?? '{}') as LoadCase;
// Not autocannon's own idReplacement: it announces a Content-Length for ids of a fixed length, so
// a server waits for bytes that never come. A counter, replaced before the request is built, is exact.
let next = 0;
const unique = (request: RequestSpec): RequestSpec => ({
  ...request,
  setupRequest: (built) => {
    const id = `${process.pid}-${next++}`;
    return { ...built, body: (request.body ?? '').replaceAll('[<id>]', id) };
  },
});
const result = await autocannon({
  url: spec.url,
  connections: spec.connections,
  duration: spec.durationSeconds,
  requests: spec.idReplacement ? spec.requests.map(unique) : spec.requests,
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
