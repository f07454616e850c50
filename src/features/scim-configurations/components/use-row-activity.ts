import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { ProvisioningActivity } from '#contracts/provisioning-activity.ts';
import type { ScimConfiguration } from '#contracts/scim-configurations.ts';
import {
  ACTIVITY_BATCH_SIZE,
  type ActivityBatch,
  activityQueries,
} from '../api/activity-queries.ts';

export interface RowActivity {
  /** False once the backend said it has no activity service (proxy mode): hide activity. */
  supported: boolean;
  get: (id: string) => ProvisioningActivity | undefined;
}

/**
 * Activity in batches of up to 100 ids aligned to the list's pages (in the API's order, whatever
 * the rows on screen are sorted by), so each batch is asked for once. Batches with a row on screen
 * refresh every minute; with `everyBatch` (the attention summary, which counts rejecting
 * configurations everywhere) the others are fetched once as well.
 */
export function useRowActivity(
  items: readonly ScimConfiguration[],
  visibleIds: readonly string[],
  everyBatch: boolean,
): RowActivity {
  const { batches, batchOf } = useMemo(() => {
    const result: string[][] = [];
    const index = new Map<string, number>();
    items.forEach((item, i) => {
      const batch = Math.floor(i / ACTIVITY_BATCH_SIZE);
      index.set(item.id, batch);
      const ids = result[batch] ?? [];
      ids.push(item.id);
      result[batch] = ids;
    });
    return { batches: result, batchOf: index };
  }, [items]);

  const visible = new Set<number>();
  for (const id of visibleIds) {
    const batch = batchOf.get(id);
    if (batch !== undefined) visible.add(batch);
  }
  const wanted = batches.flatMap((ids, batch) =>
    everyBatch || visible.has(batch) ? [{ ids, poll: visible.has(batch) }] : [],
  );
  return useQueries({
    queries: wanted.map(({ ids, poll }) => {
      const options = activityQueries.batch(ids);
      return poll ? options : { ...options, refetchInterval: false as const };
    }),
    combine: combineActivity,
  });
}

const unsupported: RowActivity = { supported: false, get: () => undefined };

/** Module-level, so React Query only recombines when a batch's data changed. */
function combineActivity(results: readonly { data?: ActivityBatch | undefined }[]): RowActivity {
  if (results.some((r) => r.data?.supported === false)) return unsupported;
  const maps = results.flatMap((r) => (r.data?.supported ? [r.data.byId] : []));
  return {
    supported: true,
    get: (id) => {
      for (const map of maps) {
        const found = map.get(id);
        if (found) return found;
      }
      return undefined;
    },
  };
}
