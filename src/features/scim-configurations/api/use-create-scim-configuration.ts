import { useMutation, useQueryClient } from '@tanstack/react-query';
import { procedures } from '#contracts/procedures.ts';
import type { CreateScimConfigurationRequest } from '#contracts/scim-configurations.ts';
import { callUnary } from '../../../lib/connect-client.ts';
import { activityQueries } from './activity-queries.ts';
import { rememberCreated } from './new-configurations.ts';
import { scimConfigurationQueries } from './scim-configuration-queries.ts';

/**
 * The response carries the one-time token: `gcTime: 0` drops the finished mutation as soon as its
 * dialog unmounts, and the caller resets it right after handing the token to the reveal dialog.
 * Only the configuration (never the token) goes into the query cache.
 */
export function useCreateScimConfiguration() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateScimConfigurationRequest) =>
      callUnary(procedures.createScimConfiguration, request),
    gcTime: 0,
    onSuccess: ({ scimConfiguration }) => {
      queryClient.setQueryData(
        scimConfigurationQueries.detail(scimConfiguration.id).queryKey,
        scimConfiguration,
      );
      rememberCreated(scimConfiguration);
      void queryClient.invalidateQueries({ queryKey: scimConfigurationQueries.lists() });
      // Activity answers carry the organization's configuration count.
      void queryClient.invalidateQueries({ queryKey: activityQueries.all() });
    },
  });
}
