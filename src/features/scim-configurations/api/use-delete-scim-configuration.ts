import { useMutation, useQueryClient } from '@tanstack/react-query';
import { procedures } from '#contracts/procedures.ts';
import { callUnary } from '../../../lib/connect-client.ts';
import { removeCachedConfiguration } from './scim-configuration-cache.ts';
import { scimConfigurationQueries } from './scim-configuration-queries.ts';

export function useDeleteScimConfiguration() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (scimConfigurationId: string) =>
      callUnary(procedures.deleteScimConfiguration, { scimConfigurationId }),
    onSuccess: (_response, scimConfigurationId) => {
      removeCachedConfiguration(queryClient, scimConfigurationId);
      void queryClient.invalidateQueries({ queryKey: scimConfigurationQueries.lists() });
    },
  });
}
