// What the SCIM endpoint saw per configuration (our own ProvisioningActivityService). In proxy mode
// the service answers `unimplemented`: that is an answer ("not available here"), not an error.
import { queryOptions } from '@tanstack/react-query';
import { ConnectError } from '#contracts/connect.ts';
import { procedures } from '#contracts/procedures.ts';
import type { ProvisioningActivity } from '#contracts/provisioning-activity.ts';
import { callUnary } from '../../../lib/connect-client.ts';

/** GetActivity takes at most this many ids per call. */
export const ACTIVITY_BATCH_SIZE = 100;
const ACTIVITY_STALE_MS = 30_000;

export type ActivityBatch =
  | { supported: true; byId: ReadonlyMap<string, ProvisioningActivity> }
  | { supported: false };

async function fetchActivity(ids: readonly string[], signal: AbortSignal): Promise<ActivityBatch> {
  try {
    const { activities } = await callUnary(
      procedures.getActivity,
      { scimConfigurationIds: [...ids] },
      { signal },
    );
    return { supported: true, byId: new Map(activities.map((a) => [a.scimConfigurationId, a])) };
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
