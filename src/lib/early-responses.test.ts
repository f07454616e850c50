// public/early-requests.js starts the first screen's calls before the bundle runs; the app must adopt
// exactly those answers (same requests, so no second round trip) and never a stale or foreign one.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectError } from '#contracts/connect.ts';
import { procedures } from '#contracts/procedures.ts';
import earlyScript from '../../public/early-requests.js?raw';
import { scimConfigurationQueries } from '../features/scim-configurations/api/scim-configuration-queries.ts';
import { ssoConfigurationQueries } from '../features/scim-configurations/api/sso-configuration-queries.ts';
import { sessionQueries } from '../features/session/api/session-queries.ts';
import {
  ADMIN_TOKEN,
  MEMBER_TOKEN,
  recordedCalls,
  seedConfigurations,
} from '../testing/backend.ts';
import { callUnary } from './connect-client.ts';
import { EARLY_RESPONSE_MAX_AGE_MS } from './early-responses.ts';
import { createQueryClient } from './query-client.ts';
import { reloadSessionFromStorage, SESSION_STORAGE_KEY, startSession } from './session.ts';

/** Loads the page as the browser would: the script runs with whatever the tab has stored. */
function loadPage(path: string, token: string | null) {
  window.history.replaceState(null, '', path);
  if (token) window.sessionStorage.setItem(SESSION_STORAGE_KEY, token);
  reloadSessionFromStorage();
  new Function(earlyScript)();
}

const methods = () =>
  recordedCalls()
    .map((request) => request.method)
    .sort();

afterEach(() => {
  Reflect.deleteProperty(window, '__scimEarlyRequests');
  window.history.replaceState(null, '', '/');
  vi.restoreAllMocks();
});

describe('early requests', () => {
  it('starts the list screen calls, and the app adopts every answer without asking again', async () => {
    await seedConfigurations(3);
    loadPage('/', ADMIN_TOKEN);
    await vi.waitFor(() => expect(recordedCalls()).toHaveLength(6));
    expect(methods()).toEqual([
      'GetAuthenticatedIdentity',
      'GetAuthenticatedUser',
      'GetOrganization',
      'ListMembers',
      'ListSCIMConfigurations',
      'ListSSOConfigurations',
    ]);

    const queryClient = createQueryClient();
    const identity = await queryClient.fetchQuery(sessionQueries.identity());
    const list = await queryClient.fetchInfiniteQuery(scimConfigurationQueries.list());
    const sso = await queryClient.fetchQuery(ssoConfigurationQueries.list(identity.organizationId));

    expect(identity).toMatchObject({ organizationName: 'Acme Corp', isAdmin: true });
    expect(list.pages[0]?.scimConfigurations.map((c) => c.name)).toEqual([
      'Config 0001',
      'Config 0002',
      'Config 0003',
    ]);
    expect(sso).toHaveLength(3);
    // Six requests in all: each answer was adopted, none fetched twice.
    expect(recordedCalls()).toHaveLength(6);
  });

  it('asks for the configuration on its detail page instead of the list', async () => {
    const [config] = await seedConfigurations(1);
    if (!config) throw new Error('seeded nothing');
    loadPage(`/scim/${config.id}`, ADMIN_TOKEN);
    await vi.waitFor(() => expect(recordedCalls()).toHaveLength(6));
    expect(methods()).toContain('GetSCIMConfiguration');
    expect(methods()).not.toContain('ListSCIMConfigurations');

    const detail = await createQueryClient().fetchQuery(scimConfigurationQueries.detail(config.id));
    expect(detail.name).toBe(config.name);
    expect(recordedCalls()).toHaveLength(6);
  });

  it('sends nothing without a session', async () => {
    loadPage('/', null);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(recordedCalls()).toHaveLength(0);
  });

  it('decodes an early error answer like any other', async () => {
    loadPage('/', MEMBER_TOKEN);
    await vi.waitFor(() => expect(methods()).toContain('ListSCIMConfigurations'));
    const error = await callUnary(procedures.listScimConfigurations, {
      pagination: { pageSize: 100 },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectError);
    expect((error as ConnectError).code).toBe('permission_denied');
    expect(requestCount('ListSCIMConfigurations')).toBe(1);
  });

  it('drops the answers when another session starts', async () => {
    await seedConfigurations(1);
    loadPage('/', MEMBER_TOKEN);
    await vi.waitFor(() => expect(methods()).toContain('ListSCIMConfigurations'));
    startSession(ADMIN_TOKEN);
    const page = await callUnary(procedures.listScimConfigurations, {
      pagination: { pageSize: 100 },
    });
    expect(page.scimConfigurations).toHaveLength(1);
    expect(requestCount('ListSCIMConfigurations')).toBe(2);
  });

  it('asks again rather than adopt a stale answer', async () => {
    await seedConfigurations(1);
    loadPage('/', ADMIN_TOKEN);
    await vi.waitFor(() => expect(methods()).toContain('ListSCIMConfigurations'));
    const later = performance.now() + EARLY_RESPONSE_MAX_AGE_MS + 1;
    vi.spyOn(performance, 'now').mockReturnValue(later);
    await callUnary(procedures.listScimConfigurations, { pagination: { pageSize: 100 } });
    expect(requestCount('ListSCIMConfigurations')).toBe(2);
  });

  it('never lends an early answer to a call made with its own token', async () => {
    loadPage('/', ADMIN_TOKEN);
    await vi.waitFor(() => expect(methods()).toContain('GetAuthenticatedIdentity'));
    await expect(
      callUnary(procedures.getAuthenticatedIdentity, {}, { token: 'not-a-real-token' }),
      // The early answer (the admin's identity) would have resolved: this one went to the server.
    ).rejects.toMatchObject({ code: 'unauthenticated' });
  });
});

function requestCount(method: string): number {
  return recordedCalls().filter((request) => request.method === method).length;
}
