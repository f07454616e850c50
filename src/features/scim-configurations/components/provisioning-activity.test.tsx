import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { procedures } from '#contracts/procedures.ts';
import { failing } from '../../../testing/msw/connect.ts';
import {
  fakeOrg,
  makeScimConfiguration,
  requestsTo,
  seedConfigurations,
} from '../../../testing/msw/fake-org.ts';
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
    const used = makeScimConfiguration({ name: 'Used' });
    const never = makeScimConfiguration({ name: 'New', createdAt: ago(MINUTE) });
    const refused = makeScimConfiguration({ name: 'Refused' });
    const quiet = makeScimConfiguration({ name: 'Quiet' });
    const neverCalled = makeScimConfiguration({
      name: 'Never called',
      createdAt: ago(72 * 60 * MINUTE),
    });
    fakeOrg.scimConfigurations.push(used, never, refused, quiet, neverCalled);
    fakeOrg.activity.set(used.id, { lastRequestAt: ago(3 * MINUTE), requestsLast24h: 12 });
    fakeOrg.activity.set(refused.id, {
      rejectedLast24h: 7,
      rejectedByReasonLast24h: { unknownToken: 0, expiredToken: 7, provisioningDisabled: 0 },
    });
    fakeOrg.activity.set(quiet.id, { lastRequestAt: ago(3 * 24 * 60 * MINUTE) });
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
    seedConfigurations(2);
    server.use(failing(procedures.getActivity, 'unimplemented', 'not available in proxy mode'));
    renderApp();
    await screen.findByRole('link', { name: 'Config 0002' });
    await waitFor(() => expect(requestsTo('GetActivity').length).toBeGreaterThan(0));
    expect(screen.queryByText('No request yet')).not.toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('asks for the activity of the rows on screen in batches of at most 100 ids', async () => {
    const configs = seedConfigurations(250);
    const { user } = renderApp();
    await screen.findByRole('link', { name: 'Config 0001' });
    await waitFor(() => expect(requestsTo('GetActivity')).toHaveLength(1));
    expect(requestsTo('GetActivity')[0]?.scimConfigurationIds).toEqual(
      configs.slice(0, 100).map((c) => c.id),
    );
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await screen.findByText('200 configurations loaded, more available');
    scrollWindowTo(150 * 64);
    await screen.findByRole('link', { name: 'Config 0151' });
    await waitFor(() => expect(requestsTo('GetActivity')).toHaveLength(2));
    expect(requestsTo('GetActivity')[1]?.scimConfigurationIds).toEqual(
      configs.slice(100, 200).map((c) => c.id),
    );
  });
});

describe('provisioning activity on the detail page', () => {
  it('shows last request, 24-hour counts and provisioned users and groups', async () => {
    const config = makeScimConfiguration({ name: 'Okta production' });
    fakeOrg.scimConfigurations.push(config);
    fakeOrg.activity.set(config.id, {
      lastRequestAt: ago(5 * 1000),
      requestsLast24h: 7,
      rejectedLast24h: 2,
      rejectedByReasonLast24h: { unknownToken: 1, expiredToken: 1, provisioningDisabled: 0 },
      provisionedUsers: 1,
      provisionedGroups: 2,
    });
    renderApp({ path: `/scim/${config.id}` });
    const panel = within(
      (await screen.findByRole('heading', { name: 'Activity' })).closest('section') as HTMLElement,
    );
    expect(await panel.findByText('Last request just now')).toBeInTheDocument();
    expect(panel.getByText('1 provisioned user, 2 provisioned groups')).toBeInTheDocument();
    expect(panel.getByText('7')).toBeInTheDocument();
    expect(panel.getByText('2 rejected (1 unknown token, 1 token expired)')).toBeInTheDocument();
    expect(panel.getByText(/Check the identity provider/)).toBeInTheDocument();
  });

  it('has no activity section when the backend has no activity service', async () => {
    const config = makeScimConfiguration({ name: 'Okta production' });
    fakeOrg.scimConfigurations.push(config);
    server.use(failing(procedures.getActivity, 'unimplemented'));
    renderApp({ path: `/scim/${config.id}` });
    await screen.findByRole('heading', { level: 1, name: 'Okta production' });
    await waitFor(() => expect(requestsTo('GetActivity')).toHaveLength(1));
    expect(screen.queryByRole('heading', { name: 'Activity' })).not.toBeInTheDocument();
  });
});

describe('test connection in the token dialog', () => {
  async function revealRotatedToken() {
    const config = makeScimConfiguration({ name: 'Okta production' });
    fakeOrg.scimConfigurations.push(config);
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
    return { ...app, reveal, token: fakeOrg.tokens.get(config.id) };
  }

  it('goes through the backend for a cross-origin SCIM endpoint and reports success', async () => {
    const { user, reveal, token } = await revealRotatedToken();
    await user.click(reveal.getByRole('button', { name: 'Test connection' }));
    expect(await reveal.findByText(/Connection works/)).toHaveTextContent('(HTTP 200)');
    expect(requestsTo('TestConnection')).toEqual([{ token }]);
  });

  it('shows the exact failure the backend reports', async () => {
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

  it('calls a same-origin SCIM endpoint directly with the token', async () => {
    let authorization: string | null = null;
    server.use(
      http.get('*/runtime-config.json', () =>
        HttpResponse.json({
          scimBaseUrl: `${window.location.origin}/scim/v2`,
          apiTarget: 'local',
          mode: 'local',
        }),
      ),
      http.get(`${window.location.origin}/scim/v2/ServiceProviderConfig`, ({ request }) => {
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
  function sameOriginEndpoint(answer: () => Response) {
    server.use(
      http.get('*/runtime-config.json', () =>
        HttpResponse.json({
          scimBaseUrl: `${window.location.origin}/scim/v2`,
          apiTarget: 'local',
          mode: 'local',
        }),
      ),
      http.get(`${window.location.origin}/scim/v2/ServiceProviderConfig`, answer),
    );
  }

  async function testConnection() {
    const config = makeScimConfiguration({ name: 'Okta production' });
    fakeOrg.scimConfigurations.push(config);
    const { user } = renderApp({ path: `/scim/${config.id}` });
    await user.click(await screen.findByRole('button', { name: 'Rotate token' }));
    const confirm = within(await screen.findByRole('alertdialog'));
    await user.type(
      confirm.getByLabelText('Type the configuration name to confirm'),
      'Okta production',
    );
    await user.click(confirm.getByRole('button', { name: 'Rotate token' }));
    const reveal = within(
      await screen.findByRole('dialog', { name: 'Your SCIM token is shown only once' }),
    );
    await waitFor(() =>
      expect(reveal.getByRole('button', { name: 'Test connection' })).toBeEnabled(),
    );
    await user.click(reveal.getByRole('button', { name: 'Test connection' }));
    return reveal;
  }

  it('does not count an HTML page answering 200 as a working connection', async () => {
    sameOriginEndpoint(() => HttpResponse.html('<!doctype html><title>SCIM admin</title>'));
    const reveal = await testConnection();
    expect(await reveal.findByText(/^Connection failed \(HTTP 200\)/)).toHaveTextContent(
      'not like a SCIM ServiceProviderConfig',
    );
    expect(reveal.queryByText(/Connection works/)).not.toBeInTheDocument();
  });

  it('does not count JSON without the ServiceProviderConfig schema as a working connection', async () => {
    sameOriginEndpoint(() => HttpResponse.json({ ok: true }));
    const reveal = await testConnection();
    expect(await reveal.findByText(/^Connection failed \(HTTP 200\)/)).toHaveTextContent(
      'not like a SCIM ServiceProviderConfig',
    );
  });

  it('reports success for a ServiceProviderConfig', async () => {
    sameOriginEndpoint(() =>
      HttpResponse.json({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
        patch: { supported: true },
      }),
    );
    const reveal = await testConnection();
    expect(await reveal.findByText(/Connection works/)).toHaveTextContent('(HTTP 200)');
  });
});
