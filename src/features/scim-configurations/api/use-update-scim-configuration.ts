import { useMutation, useQueryClient } from '@tanstack/react-query';
import { procedures } from '#contracts/procedures.ts';
import type { UpdateScimConfigurationRequest } from '#contracts/scim-configurations.ts';
import { callUnary } from '../../../lib/connect-client.ts';
import { storeConfiguration } from './scim-configuration-cache.ts';
import { scimConfigurationQueries } from './scim-configuration-queries.ts';

/** Partial update: the request carries only the fields that changed. */
export function useUpdateScimConfiguration() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: UpdateScimConfigurationRequest) =>
      callUnary(procedures.updateScimConfiguration, request),
    onSuccess: ({ scimConfiguration }) => {
      storeConfiguration(queryClient, scimConfiguration);
      void queryClient.invalidateQueries({ queryKey: scimConfigurationQueries.lists() });
    },
  });
}
