// All SSO configurations of the organization, for the picker and to name each row's provider.
import { queryOptions } from '@tanstack/react-query';
import { procedures } from '#contracts/procedures.ts';
import type { SsoConfiguration } from '#contracts/sso-configurations.ts';
import { callUnary } from '../../../lib/connect-client.ts';

const SSO_PAGE_SIZE = 100;
/** A runaway server cannot make the picker loop forever. */
const MAX_SSO_PAGES = 50;

async function fetchAllSsoConfigurations(
  organizationId: string,
  signal: AbortSignal,
): Promise<SsoConfiguration[]> {
  const all: SsoConfiguration[] = [];
  const seenTokens = new Set<string>();
  let token = '';
  for (let page = 0; page < MAX_SSO_PAGES; page++) {
    const response = await callUnary(
      procedures.listSsoConfigurations,
      {
        organizationId,
        pagination: token ? { token, pageSize: SSO_PAGE_SIZE } : { pageSize: SSO_PAGE_SIZE },
      },
      { signal },
    );
    all.push(...response.ssoConfigurations);
    const next = response.pagination.nextToken;
    if (!next || seenTokens.has(next) || response.ssoConfigurations.length === 0) break;
    seenTokens.add(next);
    token = next;
  }
  return all;
}

export const ssoConfigurationQueries = {
  all: () => ['sso-configurations'] as const,
  list: (organizationId: string) =>
    queryOptions({
      queryKey: [...ssoConfigurationQueries.all(), 'list', organizationId] as const,
      queryFn: ({ signal }) => fetchAllSsoConfigurations(organizationId, signal),
      staleTime: 5 * 60_000,
    }),
};

export function isSsoActive(sso: SsoConfiguration): boolean {
  return sso.state === 'SSO_CONFIGURATION_STATE_ACTIVE';
}
