// The provisioning-activity service (scimadmin.v1.ProvisioningActivityService): what the SCIM
// endpoint saw per configuration, and a connection test an admin can run with a fresh token.
import { ConnectError } from '../../contracts/connect.ts';
import {
  isServiceProviderConfig,
  type ProvisioningActivity,
  type TestConnectionResponse,
} from '../../contracts/provisioning-activity.ts';
import type { Repositories } from '../repositories/repositories.ts';
import { isJsonObject } from '../scim/scim-json.ts';
import { hashToken } from '../security/tokens.ts';
import { requestBucket } from './scim/scim-authentication.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
export const TEST_CONNECTION_TIMEOUT_MS = 10_000;

/**
 * Activity for each requested configuration of the organization, in request order; ids of other
 * organizations or of nothing are silently left out.
 */
export async function getActivity(
  repos: Repositories,
  organizationId: string,
  scimConfigurationIds: string[],
  now: Date,
): Promise<ProvisioningActivity[]> {
  // Buckets that overlap the last 24 hours: the window is exact to a bucket's length.
  const since = requestBucket(new Date(now.getTime() - DAY_MS));
  const requested = [...new Set(scimConfigurationIds)];
  const own = await repos.scimConfigurations.idsInOrganization(organizationId, requested);
  const ids = requested.filter((id) => own.has(id));
  const [totals, lastRequests, users, groups] = [
    await repos.scimRequestCounts.totalsSince(ids, since),
    await repos.scimConfigurationActivity.lastRequests(ids),
    await repos.scimUsers.countByConfiguration(ids),
    await repos.scimGroups.countByConfiguration(ids),
  ];
  return ids.map((id) => {
    const counted = totals.get(id);
    const expiredToken = counted?.expired_token ?? 0;
    const provisioningDisabled = counted?.provisioning_disabled ?? 0;
    const rotatedToken = counted?.rotated_token ?? 0;
    const activity: ProvisioningActivity = {
      scimConfigurationId: id,
      requestsLast24h: counted?.authenticated ?? 0,
      rejectedLast24h: expiredToken + provisioningDisabled + rotatedToken,
      rejectedByReasonLast24h: {
        // Tokens never issued belong to no configuration: only rotated-away ones are counted.
        unknownToken: rotatedToken,
        expiredToken,
        provisioningDisabled,
      },
      provisionedUsers: users.get(id) ?? 0,
      provisionedGroups: groups.get(id) ?? 0,
    };
    const lastRequestAt = lastRequests.get(id);
    if (lastRequestAt !== undefined) activity.lastRequestAt = lastRequestAt;
    return activity;
  });
}

/**
 * The connection test is for the caller's own configurations: a token of another organization,
 * or one never issued, is not_found before anything calls the endpoint, so no organization's
 * activity moves and the answer says nothing about the token.
 */
export async function requireOwnToken(
  repos: Repositories,
  organizationId: string,
  token: string,
): Promise<void> {
  const configuration = await repos.scimConfigurations.findByTokenHash(hashToken(token));
  if (configuration?.organizationId !== organizationId) {
    throw new ConnectError(
      'not_found',
      'No SCIM configuration of this organization has this token',
    );
  }
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError') {
      return `No answer within ${TEST_CONNECTION_TIMEOUT_MS / 1000} seconds`;
    }
    // undici puts the real reason (ECONNREFUSED, ENOTFOUND…) in `cause`.
    const cause = error.cause;
    if (cause instanceof Error && cause.message) return `${error.message}: ${cause.message}`;
    return error.message;
  }
  return 'The SCIM endpoint could not be reached';
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return JSON.parse(await response.text());
  } catch {
    return undefined;
  }
}

const scimRequestHeaders = (token: string) => ({
  Authorization: `Bearer ${token}`,
  Accept: 'application/scim+json',
});

/** ok only for a 200 that is a ServiceProviderConfig; otherwise the status and the SCIM `detail`. */
async function describeAnswer(response: Response, url: string): Promise<TestConnectionResponse> {
  const body = await readJson(response);
  if (response.status === 200) {
    if (isServiceProviderConfig(body)) {
      return { ok: true, status: 200, detail: '', url };
    }
    return {
      ok: false,
      status: 200,
      detail: 'The answer is not a SCIM ServiceProviderConfig: check the SCIM base URL',
      url,
    };
  }
  const detail =
    isJsonObject(body) && typeof body.detail === 'string' && body.detail !== ''
      ? body.detail
      : `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  return { ok: false, status: response.status, detail, url };
}

const serviceProviderConfigUrl = (scimBaseUrl: string) =>
  `${scimBaseUrl.replace(/\/+$/, '')}/ServiceProviderConfig`;

/**
 * Calls `GET {scimBaseUrl}/ServiceProviderConfig` with the token as an identity provider would.
 * ok only for a 200 that is a ServiceProviderConfig; otherwise the status and the SCIM `detail`
 * (or the network failure) verbatim. The token travels only in the Authorization header.
 * `scimBaseUrl` must come from the deployment's configuration, never from the request.
 */
export async function testConnection(input: {
  token: string;
  scimBaseUrl: string;
  fetch?: typeof fetch;
}): Promise<TestConnectionResponse> {
  const url = serviceProviderConfigUrl(input.scimBaseUrl);
  const request = input.fetch ?? fetch;
  let response: Response;
  try {
    const protocol = new URL(url).protocol;
    if (protocol !== 'http:' && protocol !== 'https:') {
      return { ok: false, detail: `Unsupported URL scheme ${protocol}`, url };
    }
    response = await request(url, {
      method: 'GET',
      headers: scimRequestHeaders(input.token),
      redirect: 'manual',
      signal: AbortSignal.timeout(TEST_CONNECTION_TIMEOUT_MS),
    });
  } catch (error) {
    return { ok: false, detail: errorMessage(error), url };
  }
  return describeAnswer(response, url);
}

/** The SCIM 2.0 app served by this backend, called without going through the network. */
export interface InProcessScimEndpoint {
  request(path: string, init: RequestInit): Response | Promise<Response>;
}

/**
 * The same test against this backend's own SCIM endpoint, in-process: nothing is fetched, so no
 * header of the request (Host included) can point the server at another address. `scimBaseUrl`
 * is only reported back (the URL the dashboard shows for the endpoint).
 */
export async function testConnectionInProcess(input: {
  token: string;
  scimBaseUrl: string;
  endpoint: InProcessScimEndpoint;
}): Promise<TestConnectionResponse> {
  const url = serviceProviderConfigUrl(input.scimBaseUrl);
  let response: Response;
  try {
    response = await input.endpoint.request('/ServiceProviderConfig', {
      method: 'GET',
      headers: scimRequestHeaders(input.token),
    });
  } catch (error) {
    return { ok: false, detail: errorMessage(error), url };
  }
  return describeAnswer(response, url);
}
