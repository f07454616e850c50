// One QueryClient per app: which errors are retried, and what `unauthenticated` / `permission_denied`
// anywhere do to the session.
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ConnectError } from '#contracts/connect.ts';
import { endSession, getSessionToken, markAccessDenied } from './session.ts';

const MAX_QUERY_RETRIES = 2;

/** Only transient failures; everything else is an answer that a retry would repeat. */
export function isRetryableError(error: unknown): boolean {
  return (
    error instanceof ConnectError &&
    (error.code === 'unavailable' || error.code === 'deadline_exceeded')
  );
}

export function shouldRetryQuery(failureCount: number, error: unknown): boolean {
  return failureCount < MAX_QUERY_RETRIES && isRetryableError(error);
}

export interface QueryClientOptions {
  /** Milliseconds before retry number `attempt`; tests pass `() => 0`. */
  retryDelay?: (attempt: number) => number;
}

export function createQueryClient(options: QueryClientOptions = {}): QueryClient {
  const onError = (error: unknown) => {
    if (!(error instanceof ConnectError)) return;
    // A failed sign-in attempt has no session yet; only a live session can end.
    if (error.code === 'unauthenticated' && getSessionToken() !== null) {
      endSession('expired');
      queueMicrotask(() => client.clear());
    } else if (error.code === 'permission_denied') {
      markAccessDenied();
    }
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        retry: shouldRetryQuery,
        ...(options.retryDelay ? { retryDelay: options.retryDelay } : {}),
        staleTime: 30_000,
      },
      // Create and Regenerate are not idempotent: a blind retry could mint a second token. Never
      // paused while offline either: a paused mutation would be sent silently later.
      mutations: { retry: false, networkMode: 'always' },
    },
  });
  return client;
}
