import { useMutation, useQueryClient } from '@tanstack/react-query';
import { procedures } from '#contracts/procedures.ts';
import { callUnary } from '../../../lib/connect-client.ts';
import { cachedConfiguration, patchCachedConfiguration } from './scim-configuration-cache.ts';
import { scimConfigurationQueries } from './scim-configuration-queries.ts';

export const toggleMutationKey = (id: string) =>
  [...scimConfigurationQueries.all(), 'toggle', id] as const;

/**
 * Optimistic enable/disable. Toggles of one configuration share a scope, so their requests reach
 * the server one after another in click order (the switch still flips at once: onMutate is not
 * queued), and a mutation key, so only the last one to settle refetches. A rapid double toggle thus
 * ends in the state the admin chose last.
 */
export function useToggleScimConfiguration(id: string) {
  const queryClient = useQueryClient();
  const mutationKey = toggleMutationKey(id);
  return useMutation({
    mutationKey,
    scope: { id: mutationKey.join('/') },
    mutationFn: (enabled: boolean) =>
      callUnary(procedures.updateScimConfiguration, { scimConfigurationId: id, enabled }),
    onMutate: async (enabled) => {
      await Promise.all([
        queryClient.cancelQueries({ queryKey: scimConfigurationQueries.lists() }),
        queryClient.cancelQueries({ queryKey: scimConfigurationQueries.detail(id).queryKey }),
      ]);
      const previousEnabled = cachedConfiguration(queryClient, id)?.enabled ?? !enabled;
      patchCachedConfiguration(queryClient, id, { enabled });
      return { previousEnabled };
    },
    onError: (_error, _enabled, context) => {
      if (context) patchCachedConfiguration(queryClient, id, { enabled: context.previousEnabled });
    },
    onSettled: () => {
      if (queryClient.isMutating({ mutationKey }) === 1) {
        return Promise.all([
          queryClient.invalidateQueries({ queryKey: scimConfigurationQueries.detail(id).queryKey }),
          queryClient.invalidateQueries({ queryKey: scimConfigurationQueries.lists() }),
        ]);
      }
      return undefined;
    },
  });
}
