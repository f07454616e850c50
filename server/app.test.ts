// The extension points other services use: extra Connect methods and mounted sub-apps.
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { procedures } from '../contracts/procedures.ts';
import { createApp } from './app.ts';
import { type CallContext, connectMethod } from './connect.ts';
import { silentLog } from './log.ts';
import {
  createTestBackend,
  post,
  readError,
  type TestBackend,
  tempDir,
  tokens,
} from './testing/test-backend.ts';

let backend: TestBackend;
beforeAll(async () => {
  backend = await createTestBackend();
});
afterAll(() => backend.close());

describe('createApp extension points', () => {
  it('serves extra Connect methods with the authenticated caller and contract validation', async () => {
    const calls: CallContext[] = [];
    const app = createApp({
      database: backend.database,
      config: { staticDir: tempDir() },
      log: silentLog,
      extraConnectMethods: [
        connectMethod(procedures.getActivity, (input, context) => {
          calls.push(context);
          return {
            activities: input.scimConfigurationIds.map((scimConfigurationId) => ({
              scimConfigurationId,
              requestsLast24h: 0,
            })),
          };
        }),
      ],
      mount: (hono, context) => {
        const sub = new Hono();
        sub.get('/ServiceProviderConfig', (c) =>
          c.json({ db: context.database === backend.database }),
        );
        hono.route('/scim/v2', sub);
      },
    });
    const id = '01980ed3-a090-7b5b-8000-000000000000';
    const response = await post(
      app,
      procedures.getActivity.path,
      { scim_configuration_ids: [id] },
      { token: tokens.acmeMember },
    );
    expect(response.status).toBe(200);
    // requestsLast24h: 0 is a default, so it is omitted on the wire.
    expect(await response.json()).toEqual({ activities: [{ scimConfigurationId: id }] });
    expect(calls[0]?.caller).toEqual({
      userId: backend.acme.memberId,
      organizationId: backend.acme.id,
      role: 'ORGANIZATION_ROLE_MEMBER',
    });
    expect(calls[0]?.request.url).toContain(procedures.getActivity.path);

    const invalid = await post(app, procedures.getActivity.path, { scimConfigurationIds: [] });
    expect(await readError(invalid)).toMatchObject({ code: 'invalid_argument' });
    const unauthenticated = await post(app, procedures.getActivity.path, {}, { token: null });
    expect(await readError(unauthenticated)).toMatchObject({ code: 'unauthenticated' });

    const mounted = await app.request('/scim/v2/ServiceProviderConfig');
    expect(await mounted.json()).toEqual({ db: true });
  });
});
