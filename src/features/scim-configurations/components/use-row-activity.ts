import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { ProvisioningActivity } from '#contracts/provisioning-activity.ts';
import type { ScimConfiguration } from '#contracts/scim-configurations.ts';
import { ACTIVITY_BATCH_SIZE, activityQueries } from '../api/activity-queries.ts';

export interface RowActivity {
  /** False once the backend said it has no activity service (proxy mode): hide activity. */
  supported: boolean;
  get: (id: string) => ProvisioningActivity | undefined;
}

/**
 * Activity for the rows on screen, fetched in batches of up to 100 ids aligned to the list's
 * pages, so scrolling asks for each batch once (and refreshes it while it stays visible).
 */
export function useRowActivity(
  items: readonly ScimConfiguration[],
  firstIndex: number,
  lastIndex: number,
): RowActivity {
  const batches = useMemo(() => {
    if (lastIndex < 0) return [];
    const result: string[][] = [];
    const firstBatch = Math.floor(firstIndex / ACTIVITY_BATCH_SIZE);
    const lastBatch = Math.floor(lastIndex / ACTIVITY_BATCH_SIZE);
    for (let batch = firstBatch; batch <= lastBatch; batch++) {
      const start = batch * ACTIVITY_BATCH_SIZE;
      result.push(items.slice(start, start + ACTIVITY_BATCH_SIZE).map((item) => item.id));
    }
    return result;
  }, [items, firstIndex, lastIndex]);

  const results = useQueries({ queries: batches.map((ids) => activityQueries.batch(ids)) });
  const supported = !results.some((r) => r.data?.supported === false);
  const maps = results.map((r) => (r.data?.supported ? r.data.byId : undefined));
  const get = (id: string) => {
    for (const map of maps) {
      const found = map?.get(id);
      if (found) return found;
    }
    return undefined;
  };
  return { supported, get };
}
