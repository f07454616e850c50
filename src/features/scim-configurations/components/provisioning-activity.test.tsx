import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { procedures } from '#contracts/procedures.ts';
import {
  addConfiguration,
  recordScimRequests,
  requestsTo,
  scimRequest,
  seedConfigurations,
} from '../../../testing/backend.ts';
import { failing } from '../../../testing/msw/connect.ts';
import { server } from '../../../testing/msw/server.ts';
import { renderApp } from '../../../testing/render-app.tsx';
import { scrollWindowTo } from '../../../testing/setup-tests.ts';

const MINUTE = 60_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

function rowOf(name: string) {
  const item = screen.getByRole('link', { name }).closest('li');
  if (!item) throw new Error(`no row for ${name}`);
  return within(item);
}

describe('provisioning activity in the list', () => {
  it('says "No request yet", "No successful request yet, … rejected" or when the last request was', async () => {
    const used = await addConfiguration({ name: 'Used' });
    await addConfiguration({ name: 'New', createdAt: ago(MINUTE) });
    const refused = await addConfiguration({ name: 'Refused' });
    const quiet = await addConfiguration({ name: 'Quiet' });
    await addConfiguration({ name: 'Never called', createdAt: ago(72 * 60 * MINUTE) });
    await recordScimRequests(used.id, { at: ago(3 * MINUTE), count: 12 });
    await recordScimRequests(refused.id, {
      at: ago(10 * MINUTE),
      outcome: 'expired_token',
      count: 7,
    });
    await recordScimRequests(quiet.id, { at: ago(3 * 24 * 60 * MINUTE) });
    renderApp();

    expect(await screen.findByText('Last request 3 minutes ago')).toBeInTheDocument();
    expect(rowOf('Used').queryByText(/rejected|Not connected/)).not.toBeInTheDocument();
    expect(rowOf('New').getByText('No request yet')).toBeInTheDocument();
    expect(rowOf('New').queryByText('Not connected yet')).not.toBeInTheDocument();
    expect(
      rowOf('Refused').getByText('No successful request yet, 7 rejected (token expired)'),
    ).toBeInTheDocument();
    expect(rowOf('Refused').getByText('7 rejected')).toBeInTheDocument();
    expect(rowOf('Refused').queryByText('Never used')).not.toBeInTheDocument();
    // A provider that pushes only on change is quiet when nothing changes: no warning for that.
    expect(rowOf('Quiet').getByText('Last request 3 days ago')).toBeInTheDocument();
    expect(rowOf('Quiet').queryByText(/Not connected|rejected/)).not.toBeInTheDocument();
    expect(rowOf('Never called').getByText('Not connected yet')).toBeInTheDocument();
  });

  it('hides all activity when the backend answers unimplemented (proxy mode)', async () => {
    await seedConfigurations(2);
    server.use(failing(procedures.getActivity, 'unimplemented', 'not available in proxy mode'));
    renderApp();
    await screen.findByRole('link', { name: 'Config 0002' });
    await waitFor(() => expect(requestsTo('GetActivity').length).toBeGreaterThan(0));
    expect(screen.queryByText('No request yet')).not.toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('asks for the activity of every page once, in batches of at most 100 ids', async () => {
    const configs = await seedConfigurations(250);
    renderApp();
    await screen.findByRole('link', { name: 'Config 0001' });
    await waitFor(() => expect(requestsTo('GetActivity')).toHaveLength(3));
    const batches = requestsTo('GetActivity').map((body) => body.scimConfigurationIds);
    // Aligned to the list's pages (so a batch is asked for once), whatever the rows' order.
    expect(batches).toEqual(
      expect.arrayContaining([
        configs.slice(0, 100).map((c) => c.id),
        configs.slice(100, 200).map((c) => c.id),
        configs.slice(200).map((c) => c.id),
      ]),
    );
    // The first screen's batch comes first.
    expect(batches[0]).toEqual(configs.slice(0, 100).map((c) => c.id));
    scrollWindowTo(150 * 64);
    await screen.findByRole('link', { name: 'Config 0151' });
    expect(requestsTo('GetActivity')).toHaveLength(3);
  });
});

describe('provisioning activity on the detail page', () => {
  it('shows last request, 24-hour counts and provisioned users and groups', async () => {
    const config = await addConfiguration({ name: 'Okta production' });
    // Three provisioning requests through the SCIM endpoint, four more recorded a while ago.
    const created = await Promise.all([
      scimRequest(config.token, 'POST', '/Users', {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'ada@acme.test',
      }),
      ...['Engineering', 'Support'].map((displayName) =>
        scimRequest(config.token, 'POST', '/Groups', {
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
          displayName,
        }),
      ),
    ]);
    expect(created.map((response) => response.status)).toEqual([201, 201, 201]);
    await recordScimRequests(config.id, { at: ago(30 * MINUTE), count: 4 });
    await recordScimRequests(config.id, { at: ago(20 * MINUTE), outcome: 'expired_token' });
    await recordScimRequests(config.id, { at: ago(20 * MINUTE), outcome: 'provisioning_disabled' });
    renderApp({ path: `/scim/${config.id}` });
    const panel = within(
      (await screen.findByRole('heading', { name: 'Activity' })).closest('section') as HTMLElement,
    );
    expect(await panel.findByText('Last request just now')).toBeInTheDocument();
    expect(panel.getByText('1 provisioned user, 2 provisioned groups')).toBeInTheDocument();
    expect(panel.getByText('7')).toBeInTheDocument();
    expect(
      panel.getByText('2 rejected (1 token expired, 1 provisioning disabled)'),
    ).toBeInTheDocument();
    expect(panel.getByText(/Check the identity provider/)).toBeInTheDocument();
  });

  it('has no activity section when the backend has no activity service', async () => {
    const config = await addConfiguration({ name: 'Okta production' });
    server.use(failing(procedures.getActivity, 'unimplemented'));
    renderApp({ path: `/scim/${config.id}` });
    await screen.findByRole('heading', { level: 1, name: 'Okta production' });
    await waitFor(() => expect(requestsTo('GetActivity')).toHaveLength(1));
    expect(screen.queryByRole('heading', { name: 'Activity' })).not.toBeInTheDocument();
  });
});

/** The runtime config of a backend whose SCIM endpoint is on another origin (SCIM_BASE_URL). */
function crossOriginScimEndpoint() {
  server.use(
    http.get('*/runtime-config.json', () =>
      HttpResponse.json({
        scimBaseUrl: 'https://scim.example.test/scim/v2',
        apiTarget: 'local',
        mode: 'local',
      }),
    ),
  );
}

async function revealRotatedToken() {
  const config = await addConfiguration({ name: 'Okta production' });
  const app = renderApp({ path: `/scim/${config.id}` });
  await app.user.click(await screen.findByRole('button', { name: 'Rotate token' }));
  const confirm = within(await screen.findByRole('alertdialog'));
  await app.user.type(
    confirm.getByLabelText('Type the configuration name to confirm'),
    'Okta production',
  );
  await app.user.click(confirm.getByRole('button', { name: 'Rotate token' }));
  const reveal = within(
    await screen.findByRole('dialog', { name: 'Your SCIM token is shown only once' }),
  );
  await waitFor(() =>
    expect(reveal.getByRole('button', { name: 'Test connection' })).toBeEnabled(),
  );
  const token = (reveal.getByLabelText('Authorization') as HTMLInputElement).value;
  return { ...app, reveal, token };
}

describe('test connection in the token dialog', () => {
  it('goes through the backend for a cross-origin SCIM endpoint and reports success', async () => {
    crossOriginScimEndpoint();
    const { user, reveal, token } = await revealRotatedToken();
    await user.click(reveal.getByRole('button', { name: 'Test connection' }));
    expect(await reveal.findByText(/Connection works/)).toHaveTextContent('(HTTP 200)');
    expect(requestsTo('TestConnection')).toEqual([{ token }]);
  });

  it('shows the exact failure the backend reports', async () => {
    crossOriginScimEndpoint();
    server.use(
      http.post('*/api/scimadmin.v1.ProvisioningActivityService/TestConnection', () =>
        HttpResponse.json({ ok: false, status: 401, detail: 'Provisioning is disabled', url: '' }),
      ),
    );
    const { user, reveal } = await revealRotatedToken();
    await user.click(reveal.getByRole('button', { name: 'Test connection' }));
    expect(
      await reveal.findByText('Connection failed (HTTP 401): Provisioning is disabled'),
    ).toBeInTheDocument();
  });

  it("calls a same-origin SCIM endpoint directly with the token, and shows the endpoint's refusal", async () => {
    let authorization: string | null = null;
    server.use(
      http.get('*/scim/v2/ServiceProviderConfig', ({ request }) => {
        authorization = request.headers.get('authorization');
        return HttpResponse.json(
          {
            schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
            status: '401',
            detail: 'Bearer token has expired',
          },
          { status: 401 },
        );
      }),
    );
    const { user, reveal, token } = await revealRotatedToken();
    await user.click(reveal.getByRole('button', { name: 'Test connection' }));
    expect(
      await reveal.findByText('Connection failed (HTTP 401): Bearer token has expired'),
    ).toBeInTheDocument();
    expect(authorization).toBe(`Bearer ${token}`);
    expect(requestsTo('TestConnection')).toHaveLength(0);
  });
});

describe('test connection to a same-origin SCIM endpoint', () => {
  async function testConnection() {
    const { user, reveal } = await revealRotatedToken();
    await user.click(reveal.getByRole('button', { name: 'Test connection' }));
    return reveal;
  }

  it('does not count an HTML page answering 200 as a working connection', async () => {
    server.use(
      http.get('*/scim/v2/ServiceProviderConfig', () =>
        HttpResponse.html('<!doctype html><title>SCIM admin</title>'),
      ),
    );
    const reveal = await testConnection();
    expect(await reveal.findByText(/^Connection failed \(HTTP 200\)/)).toHaveTextContent(
      'not like a SCIM ServiceProviderConfig',
    );
    expect(reveal.queryByText(/Connection works/)).not.toBeInTheDocument();
  });

  it('does not count JSON without the ServiceProviderConfig schema as a working connection', async () => {
    server.use(http.get('*/scim/v2/ServiceProviderConfig', () => HttpResponse.json({ ok: true })));
    const reveal = await testConnection();
    expect(await reveal.findByText(/^Connection failed \(HTTP 200\)/)).toHaveTextContent(
      'not like a SCIM ServiceProviderConfig',
    );
  });

  it("reports success for the backend's own SCIM endpoint", async () => {
    const reveal = await testConnection();
    expect(await reveal.findByText(/Connection works/)).toHaveTextContent('(HTTP 200)');
    expect(requestsTo('TestConnection')).toHaveLength(0);
  });
});
