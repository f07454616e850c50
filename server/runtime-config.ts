// GET /runtime-config.json: deploy-time settings the SPA reads instead of baking them into the build.
import type { RuntimeConfig } from '../contracts/runtime-config.ts';

export function scimBaseUrlFor(configured: string | undefined, requestUrl: string): string {
  return configured ?? `${new URL(requestUrl).origin}/scim/v2`;
}

export function runtimeConfig(
  options: { scimBaseUrl: string | undefined; proxyUpstream: string | undefined },
  requestUrl: string,
): RuntimeConfig {
  return {
    scimBaseUrl: scimBaseUrlFor(options.scimBaseUrl, requestUrl),
    apiTarget: options.proxyUpstream ?? 'local',
    mode: options.proxyUpstream ? 'proxy' : 'local',
  };
}
