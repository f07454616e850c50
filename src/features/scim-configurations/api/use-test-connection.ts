import { useMutation } from '@tanstack/react-query';
import { procedures } from '#contracts/procedures.ts';
import { isServiceProviderConfig } from '#contracts/provisioning-activity.ts';
import { callUnary } from '../../../lib/connect-client.ts';

export interface ConnectionTestResult {
  ok: boolean;
  /** HTTP status of the SCIM endpoint; absent when it could not be reached. */
  status?: number | undefined;
  /** The SCIM error `detail`, or why the endpoint could not be reached. */
  detail: string;
}

export const NOT_A_SERVICE_PROVIDER_CONFIG =
  'The URL answered, but not like a SCIM ServiceProviderConfig (no JSON with the ServiceProviderConfig schema): check the SCIM endpoint URL';

async function readScimDetail(response: Response): Promise<string> {
  const body: unknown = await response.json().catch(() => undefined);
  if (typeof body === 'object' && body !== null && 'detail' in body) {
    const { detail } = body as { detail: unknown };
    if (typeof detail === 'string') return detail;
  }
  return response.statusText;
}

/**
 * Calls `{SCIM base URL}/ServiceProviderConfig` with the new token, as an identity provider's
 * "Test connection" does. Same-origin endpoints are called from the browser; anything else through
 * the backend's TestConnection (a browser cannot reach most cross-origin SCIM endpoints).
 */
export async function testScimConnection(
  scimBaseUrl: string,
  token: string,
): Promise<ConnectionTestResult> {
  const endpoint = new URL(scimBaseUrl, window.location.href);
  if (endpoint.origin !== window.location.origin) {
    const result = await callUnary(procedures.testConnection, { token });
    return { ok: result.ok, status: result.status, detail: result.detail };
  }
  const url = `${endpoint.href.replace(/\/+$/, '')}/ServiceProviderConfig`;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/scim+json' },
      credentials: 'omit',
    });
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
  if (response.ok) {
    // Any page can answer 200 (an SPA's index.html, a login page): only a ServiceProviderConfig
    // proves that a SCIM endpoint accepted the token.
    return isServiceProviderConfig(await response.json().catch(() => undefined))
      ? { ok: true, status: response.status, detail: '' }
      : { ok: false, status: response.status, detail: NOT_A_SERVICE_PROVIDER_CONFIG };
  }
  return { ok: false, status: response.status, detail: await readScimDetail(response) };
}

/** The token comes from the dialog's props, never from mutation variables (kept out of the cache). */
export function useTestConnection(scimBaseUrl: string, token: string) {
  return useMutation({
    mutationFn: () => testScimConnection(scimBaseUrl, token),
    gcTime: 0,
  });
}
