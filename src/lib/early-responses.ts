// Answers to the requests public/early-requests.js started before the bundle ran. Each is adopted at
// most once, only for the identical request, and only while fresh; a session change discards them.

export interface EarlyRequest {
  path: string;
  body: string;
  startedAt: number;
  response: Promise<Response>;
}

/** Older than this, an early answer may be stale: ask again instead. */
export const EARLY_RESPONSE_MAX_AGE_MS = 10_000;

function pending(): EarlyRequest[] | undefined {
  const requests = (window as { __scimEarlyRequests?: unknown }).__scimEarlyRequests;
  return Array.isArray(requests) ? (requests as EarlyRequest[]) : undefined;
}

export function takeEarlyResponse(path: string, body: string): Promise<Response> | undefined {
  const requests = pending();
  if (!requests) return undefined;
  const index = requests.findIndex((request) => request.path === path && request.body === body);
  if (index < 0) return undefined;
  const [request] = requests.splice(index, 1);
  if (!request || performance.now() - request.startedAt > EARLY_RESPONSE_MAX_AGE_MS) {
    return undefined;
  }
  return request.response;
}

export function discardEarlyResponses(): void {
  pending()?.splice(0);
}
