// Connect handlers of scimadmin.v1.ProvisioningActivityService, served by `createApp` beside
// Ona's services. Admin-only, like the SCIM configuration RPCs they accompany.
import { ConnectError } from '../../contracts/connect.ts';
import { procedures } from '../../contracts/procedures.ts';
import { type ConnectMethod, connectMethod } from '../connect.ts';
import { scimBaseUrlFor } from '../runtime-config.ts';
import {
  getActivity,
  type InProcessScimEndpoint,
  requireOwnToken,
  testConnection,
  testConnectionInProcess,
} from '../services/provisioning-activity-service.ts';
import { requireAdmin, type ServiceContext } from '../services/service-context.ts';

export interface ProvisioningActivityDeps {
  /** undefined in proxy mode: there is no local SCIM endpoint to report on. */
  repos: ServiceContext['repos'] | undefined;
  /** SCIM_BASE_URL; undefined: `<request origin>/scim/v2`, the URL the dashboard shows. */
  scimBaseUrl?: string | undefined;
  /**
   * The SCIM 2.0 app this server mounts at /scim/v2 (undefined in proxy mode). The connection
   * test calls it in-process unless SCIM_BASE_URL names another endpoint.
   */
  scimApp: InProcessScimEndpoint | undefined;
  now?: () => Date;
  /** How the connection test reaches a configured external SCIM_BASE_URL (tests stub it). */
  fetch?: typeof fetch;
  /** Failed authentications the server's throttle refused in the last 24 hours. */
  throttledLast24h?: () => number;
}

/** SCIM_BASE_URL names this server's own endpoint (as addressed by the request). */
function isOwnEndpoint(configured: string, origin: string): boolean {
  let url: URL;
  try {
    url = new URL(configured);
  } catch {
    return false;
  }
  return (
    url.origin === origin &&
    url.pathname.replace(/\/+$/, '') === '/scim/v2' &&
    url.search === '' &&
    url.hash === ''
  );
}

export function provisioningActivityMethods(deps: ProvisioningActivityDeps): ConnectMethod[] {
  const now = deps.now ?? (() => new Date());
  const repositories = () => {
    if (!deps.repos)
      throw new ConnectError(
        'unimplemented',
        'provisioning activity is not available in proxy mode',
      );
    return deps.repos;
  };
  const scimApp = (): InProcessScimEndpoint => {
    repositories();
    if (!deps.scimApp) {
      throw new ConnectError('unimplemented', 'this server does not serve a SCIM endpoint');
    }
    return deps.scimApp;
  };
  return [
    connectMethod(procedures.getActivity, async (input, { caller }) => {
      requireAdmin(caller, 'read provisioning activity');
      return {
        activities: await getActivity(
          repositories(),
          caller.organizationId,
          // Lower case, as stored (the contract normalizes request ids): the answer carries them
          // as List returned them to the client.
          input.scimConfigurationIds,
          now(),
        ),
        throttledLast24h: deps.throttledLast24h?.() ?? 0,
        scimConfigurationCount: await repositories().scimConfigurations.count(
          caller.organizationId,
        ),
      };
    }),
    connectMethod(procedures.testConnection, async (input, { caller, origin }) => {
      requireAdmin(caller, 'test a SCIM connection');
      await requireOwnToken(repositories(), caller.organizationId, input.token);
      const configured = deps.scimBaseUrl;
      if (configured !== undefined && !isOwnEndpoint(configured, origin)) {
        // Only the configured URL is ever fetched: never one built from the request's headers.
        const options: Parameters<typeof testConnection>[0] = {
          token: input.token,
          scimBaseUrl: configured,
        };
        if (deps.fetch) options.fetch = deps.fetch;
        return testConnection(options);
      }
      // This server's own endpoint: the request's origin only names it in the answer.
      return testConnectionInProcess({
        token: input.token,
        scimBaseUrl: scimBaseUrlFor(configured, origin),
        endpoint: scimApp(),
      });
    }),
  ];
}
