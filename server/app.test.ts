// createApp builds the whole server from configuration: Ona's services, our activity service and
// the SCIM 2.0 endpoint, sharing one database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { procedures } from '../contracts/procedures.ts';
import { createApp } from './app.ts';
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

describe('createApp', () => {
  it('serves the activity service with the authenticated caller and contract validation', async () => {
    const app = createApp({
      database: backend.database,
      config: { staticDir: tempDir() },
      log: silentLog,
    });
    const created = await backend.call('createScimConfiguration', {
      organizationId: backend.acme.id,
      ssoConfigurationId: backend.acme.okta,
    });
    const id = created.scimConfiguration.id;
    const response = await post(app, procedures.getActivity.path, {
      scim_configuration_ids: [id.toUpperCase()],
    });
    expect(response.status).toBe(200);
    // Every activity count is 0, a default, so omitted on the wire; the organization has one.
    expect(await response.json()).toEqual({
      activities: [{ scimConfigurationId: id, rejectedByReasonLast24h: {} }],
      scimConfigurationCount: 1,
    });

    const member = await post(
      app,
      procedures.getActivity.path,
      { scimConfigurationIds: [id] },
      { token: tokens.acmeMember },
    );
    expect(await readError(member)).toMatchObject({ code: 'permission_denied' });
    const invalid = await post(app, procedures.getActivity.path, { scimConfigurationIds: [] });
    expect(await readError(invalid)).toMatchObject({ code: 'invalid_argument' });
    const unauthenticated = await post(app, procedures.getActivity.path, {}, { token: null });
    expect(await readError(unauthenticated)).toMatchObject({ code: 'unauthenticated' });
  });

  it('mounts the SCIM 2.0 endpoint on the same database, before the SPA fallback', async () => {
    const app = createApp({
      database: backend.database,
      config: { staticDir: tempDir() },
      log: silentLog,
    });
    // The SCIM endpoint answers (in SCIM's own error format), not the SPA's index.html.
    const discovery = await app.request('/scim/v2/ServiceProviderConfig');
    expect(discovery.status).toBe(401);
    expect(discovery.headers.get('content-type')).toMatch(/^application\/scim\+json/);
  });
});
