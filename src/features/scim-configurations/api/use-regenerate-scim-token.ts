import { useMutation, useQueryClient } from '@tanstack/react-query';
import { procedures } from '#contracts/procedures.ts';
import type { RegenerateScimTokenRequest } from '#contracts/scim-configurations.ts';
import { callUnary } from '../../../lib/connect-client.ts';
import { patchCachedConfiguration } from './scim-configuration-cache.ts';
import { scimConfigurationQueries } from './scim-configuration-queries.ts';

/** Returns the new one-time token; like create, `gcTime: 0` and a reset keep it out of memory. */
export function useRegenerateScimToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: RegenerateScimTokenRequest) =>
      callUnary(procedures.regenerateScimToken, request),
    gcTime: 0,
    onSuccess: ({ tokenExpiresAt }, { scimConfigurationId }) => {
      patchCachedConfiguration(queryClient, scimConfigurationId, { tokenExpiresAt });
      void queryClient.invalidateQueries({
        queryKey: scimConfigurationQueries.detail(scimConfigurationId).queryKey,
      });
      void queryClient.invalidateQueries({ queryKey: scimConfigurationQueries.lists() });
    },
  });
}
