// What the SCIM endpoint saw per configuration (our own ProvisioningActivityService). In proxy mode
// the service answers `unimplemented`: that is an answer ("not available here"), not an error.
import {
  notifyManager,
  type QueryClient,
  queryOptions,
  useQueryClient,
} from '@tanstack/react-query';
import { useCallback, useSyncExternalStore } from 'react';
import { ConnectError } from '#contracts/connect.ts';
import { procedures } from '#contracts/procedures.ts';
import type { ProvisioningActivity } from '#contracts/provisioning-activity.ts';
import { callUnary } from '../../../lib/connect-client.ts';

/** GetActivity takes at most this many ids per call. */
export const ACTIVITY_BATCH_SIZE = 100;
const ACTIVITY_STALE_MS = 30_000;

export type ActivityBatch =
  | {
      supported: true;
      byId: ReadonlyMap<string, ProvisioningActivity>;
      /** The organization's number of configurations when the batch was answered. */
      scimConfigurationCount: number;
    }
  | { supported: false };

async function fetchActivity(ids: readonly string[], signal: AbortSignal): Promise<ActivityBatch> {
  try {
    const { activities, scimConfigurationCount } = await callUnary(
      procedures.getActivity,
      { scimConfigurationIds: [...ids] },
      { signal },
    );
    return {
      supported: true,
      byId: new Map(activities.map((a) => [a.scimConfigurationId, a])),
      scimConfigurationCount,
    };
  } catch (error) {
    if (error instanceof ConnectError && error.code === 'unimplemented')
      return { supported: false };
    throw error;
  }
}

export const activityQueries = {
  all: () => ['provisioning-activity'] as const,
  batch: (ids: readonly string[]) =>
    queryOptions({
      queryKey: [...activityQueries.all(), ids] as const,
      queryFn: ({ signal }) => fetchActivity(ids, signal),
      enabled: ids.length > 0,
      staleTime: ACTIVITY_STALE_MS,
      refetchInterval: 60_000,
    }),
};

/** The configuration count of the most recent batch answered, whichever batch it was. */
function latestConfigurationCount(queryClient: QueryClient): number | undefined {
  let latest: { at: number; count: number } | undefined;
  const queries = queryClient.getQueryCache().findAll({ queryKey: activityQueries.all() });
  for (const { state } of queries) {
    // Only `batch` writes under this key.
    const data = state.data as ActivityBatch | undefined;
    if (data?.supported && (latest === undefined || state.dataUpdatedAt > latest.at)) {
      latest = { at: state.dataUpdatedAt, count: data.scimConfigurationCount };
    }
  }
  return latest?.count;
}

/**
 * How many configurations the organization has (the Ona list gives no total), from the activity
 * batches already asked for, so it costs no request; undefined until one answered, or in proxy mode.
 */
export function useConfigurationCount(): number | undefined {
  const queryClient = useQueryClient();
  const subscribe = useCallback(
    // Batched as React Query's own hooks do: a cache event never re-renders in the middle of one.
    (onChange: () => void) =>
      queryClient.getQueryCache().subscribe(notifyManager.batchCalls(onChange)),
    [queryClient],
  );
  return useSyncExternalStore(subscribe, () => latestConfigurationCount(queryClient));
}
