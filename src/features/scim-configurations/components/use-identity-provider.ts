import { useQuery } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import type { ScimConfiguration } from '#contracts/scim-configurations.ts';
import { ssoConfigurationQueries } from '../api/sso-configuration-queries.ts';
import {
  type IdentityProviderId,
  providerFromIssuer,
  rememberedProvider,
  subscribeToProviderChoices,
} from './identity-provider.ts';

/** The linked SSO configuration's issuer URL (from the organization's SSO list, shared cache). */
export function useIssuerUrl(
  configuration: Pick<ScimConfiguration, 'organizationId' | 'ssoConfigurationId'>,
): string | undefined {
  const sso = useQuery(ssoConfigurationQueries.list(configuration.organizationId));
  return sso.data?.find((entry) => entry.id === configuration.ssoConfigurationId)?.issuerUrl;
}

/** The provider the admin chose in the setup kit, else the one the issuer URL names. */
export function useIdentityProvider(
  configuration: Pick<ScimConfiguration, 'id' | 'organizationId' | 'ssoConfigurationId'>,
): IdentityProviderId | undefined {
  const remembered = useSyncExternalStore(subscribeToProviderChoices, () =>
    rememberedProvider(configuration.id),
  );
  const issuerUrl = useIssuerUrl(configuration);
  return remembered ?? providerFromIssuer(issuerUrl);
}
