// Query-key factory for SCIM configurations: key-only levels plus queryOptions leaves.
import { infiniteQueryOptions, type QueryClient, queryOptions } from '@tanstack/react-query';
import { ConnectError } from '#contracts/connect.ts';
import { procedures } from '#contracts/procedures.ts';
import type {
  ListScimConfigurationsResponse,
  ScimConfiguration,
} from '#contracts/scim-configurations.ts';
import { callUnary } from '../../../lib/connect-client.ts';
import { shouldRetryQuery } from '../../../lib/query-client.ts';

export const LIST_PAGE_SIZE = 100;

export type ScimConfigurationPage = ListScimConfigurationsResponse;

/** Next page token, or undefined on the last page or when the server repeats a token (a loop). */
export function nextPageToken(
  lastPage: ScimConfigurationPage,
  pageParams: readonly string[],
): string | undefined {
  const next = lastPage.pagination.nextToken;
  if (!next || lastPage.scimConfigurations.length === 0) return undefined;
  return pageParams.includes(next) ? undefined : next;
}

export const scimConfigurationQueries = {
  all: () => ['scim-configurations'] as const,
  lists: () => [...scimConfigurationQueries.all(), 'list'] as const,
  list: () =>
    infiniteQueryOptions({
      queryKey: [...scimConfigurationQueries.lists(), { pageSize: LIST_PAGE_SIZE }] as const,
      queryFn: ({ pageParam, signal }) =>
        callUnary(
          procedures.listScimConfigurations,
          {
            pagination: pageParam
              ? { token: pageParam, pageSize: LIST_PAGE_SIZE }
              : { pageSize: LIST_PAGE_SIZE },
          },
          { signal },
        ),
      initialPageParam: '',
      getNextPageParam: (lastPage, _pages, _lastParam, pageParams) =>
        nextPageToken(lastPage, pageParams),
    }),
  details: () => [...scimConfigurationQueries.all(), 'detail'] as const,
  detail: (id: string, queryClient?: QueryClient) =>
    queryOptions({
      queryKey: [...scimConfigurationQueries.details(), id] as const,
      queryFn: async ({ signal }) =>
        (await callUnary(procedures.getScimConfiguration, { scimConfigurationId: id }, { signal }))
          .scimConfiguration,
      retry: (failureCount, error) =>
        !(error instanceof ConnectError && error.code === 'not_found') &&
        shouldRetryQuery(failureCount, error),
      // Opening a row from the list shows its data at once; the query still refreshes it.
      ...(queryClient
        ? {
            initialData: () => findInLists(queryClient, id),
            initialDataUpdatedAt: () =>
              queryClient.getQueryState(scimConfigurationQueries.list().queryKey)?.dataUpdatedAt,
          }
        : {}),
    }),
};

function findInLists(queryClient: QueryClient, id: string): ScimConfiguration | undefined {
  const data = queryClient.getQueryData(scimConfigurationQueries.list().queryKey);
  for (const page of data?.pages ?? []) {
    const found = page.scimConfigurations.find((c) => c.id === id);
    if (found) return found;
  }
  return undefined;
}
