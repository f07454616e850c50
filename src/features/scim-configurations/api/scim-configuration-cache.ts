// Writes to every cached copy of a configuration: the detail query, the pages of the list and the
// list's pin of the configurations created in this tab.
import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import type { ScimConfiguration } from '#contracts/scim-configurations.ts';
import { forgetCreated } from './new-configurations.ts';
import {
  type ScimConfigurationPage,
  scimConfigurationQueries,
} from './scim-configuration-queries.ts';

function updateListPages(
  queryClient: QueryClient,
  update: (items: ScimConfiguration[]) => ScimConfiguration[],
) {
  queryClient.setQueriesData<InfiniteData<ScimConfigurationPage, string>>(
    { queryKey: scimConfigurationQueries.lists() },
    (data) => {
      if (!data) return data;
      let changed = false;
      const pages = data.pages.map((page) => {
        const items = update(page.scimConfigurations);
        if (items === page.scimConfigurations) return page;
        changed = true;
        return { ...page, scimConfigurations: items };
      });
      return changed ? { ...data, pages } : data;
    },
  );
}

export function patchCachedConfiguration(
  queryClient: QueryClient,
  id: string,
  patch: Partial<ScimConfiguration>,
): void {
  queryClient.setQueryData<ScimConfiguration>(
    scimConfigurationQueries.detail(id).queryKey,
    (current) => (current ? { ...current, ...patch } : current),
  );
  updateListPages(queryClient, (items) => {
    const index = items.findIndex((c) => c.id === id);
    if (index < 0) return items;
    const next = items.slice();
    next[index] = { ...(items[index] as ScimConfiguration), ...patch };
    return next;
  });
}

export function storeConfiguration(
  queryClient: QueryClient,
  configuration: ScimConfiguration,
): void {
  queryClient.setQueryData(
    scimConfigurationQueries.detail(configuration.id).queryKey,
    configuration,
  );
  patchCachedConfiguration(queryClient, configuration.id, configuration);
}

export function removeCachedConfiguration(queryClient: QueryClient, id: string): void {
  forgetCreated(id);
  queryClient.removeQueries({
    queryKey: scimConfigurationQueries.detail(id).queryKey,
    exact: true,
  });
  updateListPages(queryClient, (items) =>
    items.some((c) => c.id === id) ? items.filter((c) => c.id !== id) : items,
  );
}

export function cachedConfiguration(
  queryClient: QueryClient,
  id: string,
): ScimConfiguration | undefined {
  const detail = queryClient.getQueryData<ScimConfiguration>(
    scimConfigurationQueries.detail(id).queryKey,
  );
  if (detail) return detail;
  const lists = queryClient.getQueriesData<InfiniteData<ScimConfigurationPage, string>>({
    queryKey: scimConfigurationQueries.lists(),
  });
  for (const [, data] of lists) {
    for (const page of data?.pages ?? []) {
      const found = page.scimConfigurations.find((c) => c.id === id);
      if (found) return found;
    }
  }
  return undefined;
}
