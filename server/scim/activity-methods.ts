// Connect handlers of scimadmin.v1.ProvisioningActivityService, for `createApp`'s
// `extraConnectMethods`. Admin-only, like the SCIM configuration RPCs they accompany.
import type Database from 'better-sqlite3';
import { ConnectError } from '../../contracts/connect.ts';
import { procedures } from '../../contracts/procedures.ts';
import { type ConnectMethod, connectMethod } from '../connect.ts';
import { scimBaseUrlFor } from '../runtime-config.ts';
import { requireAdmin } from '../services/service-context.ts';
import { getActivity, testConnection } from './activity-service.ts';

export interface ProvisioningActivityDeps {
  /** undefined in proxy mode: there is no local SCIM endpoint to report on. */
  db: Database.Database | undefined;
  /** SCIM_BASE_URL; undefined: `<request origin>/scim/v2`, the URL the dashboard shows. */
  scimBaseUrl?: string | undefined;
  now?: () => Date;
  /** How the connection test reaches the SCIM endpoint (tests route it in-process). */
  fetch?: typeof fetch;
}

export function provisioningActivityMethods(deps: ProvisioningActivityDeps): ConnectMethod[] {
  const now = deps.now ?? (() => new Date());
  const database = () => {
    if (!deps.db)
      throw new ConnectError(
        'unimplemented',
        'provisioning activity is not available in proxy mode',
      );
    return deps.db;
  };
  return [
    connectMethod(procedures.getActivity, (input, { caller }) => {
      requireAdmin(caller, 'read provisioning activity');
      return {
        activities: getActivity(
          database(),
          caller.organizationId,
          input.scimConfigurationIds,
          now(),
        ),
      };
    }),
    connectMethod(procedures.testConnection, (input, { caller, request }) => {
      requireAdmin(caller, 'test a SCIM connection');
      const options: Parameters<typeof testConnection>[0] = {
        token: input.token,
        scimBaseUrl: scimBaseUrlFor(deps.scimBaseUrl, request.url),
      };
      if (deps.fetch) options.fetch = deps.fetch;
      return testConnection(options);
    }),
  ];
}
