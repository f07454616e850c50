import { screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { procedures } from '#contracts/procedures.ts';
import {
  acme,
  addConfigurations,
  recordScimRequests,
  requestsTo,
  seedConfigurations,
} from '../../../testing/backend.ts';
import { failing } from '../../../testing/msw/connect.ts';
import { server } from '../../../testing/msw/server.ts';
import { renderApp } from '../../../testing/render-app.tsx';

function shownNames(): string[] {
  const list = screen.getByRole('list', { name: 'SCIM configurations' });
  return within(list)
    .getAllByRole('listitem')
    .map((row) => within(row).getAllByRole('link')[0]?.textContent ?? '');
}

/** Holds every list page after the first until `release` is called. */
function holdLaterPages() {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  server.use(
    http.post(`*/api/${procedures.listScimConfigurations.path}`, async ({ request }) => {
      const body = (await request.clone().json()) as { pagination?: { token?: string } };
      if (body.pagination?.token) await released;
    }),
  );
  return () => release();
}

describe('search', () => {
  it('searches pages that are not loaded yet and says so while it does', async () => {
    await seedConfigurations(250);
    const release = holdLaterPages();
    const { user, location } = renderApp();
    await screen.findByRole('link', { name: 'Config 0001' });
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), '0230');

    // Only the first page is loaded: nothing matches yet, and the status says the search goes on,
    // out of the total the first page's activity answer reported (no further request for it).
    expect(await screen.findByText('0 of 250 configurations')).toBeInTheDocument();
    expect(screen.getByText('Searching 100 of 250…')).toBeVisible();
    expect(requestsTo('GetActivity')).toHaveLength(1);
    expect(location.history?.at(-1)).toBe('/?q=0230');

    release();
    expect(await screen.findByRole('link', { name: 'Config 0230' })).toBeInTheDocument();
    expect(screen.getByText('1 of 250 configurations')).toBeInTheDocument();
    expect(shownNames()).toEqual(['Config 0230']);
    expect(requestsTo('ListSCIMConfigurations')).toHaveLength(3);
  });

  it('counts what it found so far without a total when the activity service has none', async () => {
    await seedConfigurations(250);
    server.use(failing(procedures.getActivity, 'unimplemented', 'not available in proxy mode'));
    const release = holdLaterPages();
    const { user } = renderApp();
    await screen.findByRole('link', { name: 'Config 0001' });
    await waitFor(() => expect(requestsTo('GetActivity')).toHaveLength(1));
    expect(screen.getByText('100 configurations loaded, more available')).toBeInTheDocument();
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), '0230');

    expect(await screen.findByText('0 found so far')).toBeInTheDocument();
    expect(screen.getByText('Searching all configurations, 100 loaded so far…')).toBeVisible();
    release();
    expect(await screen.findByRole('link', { name: 'Config 0230' })).toBeInTheDocument();
    expect(screen.getByText('1 of 250 configurations')).toBeInTheDocument();
  });

  it('counts a configuration created during a search in the total at once', async () => {
    await seedConfigurations(250);
    holdLaterPages();
    const { user } = renderApp({ path: '/?q=Config%20000' });
    expect(await screen.findByText('9 of 250 configurations')).toBeInTheDocument();
    expect(screen.getByText('Searching 100 of 250…')).toBeVisible();

    await user.click(screen.getByRole('button', { name: 'Create configuration' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Create SCIM configuration' }));
    await dialog.findByRole('option', { name: 'Okta Workforce' });
    await user.selectOptions(dialog.getByLabelText('SSO configuration'), 'Okta Workforce');
    await user.click(dialog.getByRole('button', { name: 'Create configuration' }));
    await screen.findByRole('dialog', { name: 'Your SCIM token is shown only once' });
    // Its page is not loaded: only a new activity answer knows of it.
    expect(await screen.findByText('Searching 100 of 251…')).toBeVisible();
    expect(screen.getByText('9 of 251 configurations')).toBeInTheDocument();
  });

  it('stops asking for pages when the admin leaves a search that is still loading', async () => {
    await seedConfigurations(450);
    // Every page after the first is held; the abort of each one is noted.
    const aborted: boolean[] = [];
    server.use(
      http.post(`*/api/${procedures.listScimConfigurations.path}`, async ({ request }) => {
        const body = (await request.clone().json()) as { pagination?: { token?: string } };
        if (!body.pagination?.token) return;
        const index = aborted.push(false) - 1;
        await new Promise<void>((resolve) => {
          request.signal.addEventListener('abort', () => {
            aborted[index] = true;
            resolve();
          });
        });
      }),
    );
    const { user, queryClient } = renderApp();
    await screen.findByRole('link', { name: 'Config 0001' });
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'Config 000');
    await waitFor(() => expect(aborted).toHaveLength(1));
    expect(await screen.findByText('Searching 100 of 450…')).toBeVisible();

    // Opening a match leaves the list: the page on its way is dropped and no further one is asked
    // for (a further request would be held, and the client would never be idle).
    await user.click(screen.getByRole('link', { name: 'Config 0001' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Config 0001' })).toBeVisible();
    await waitFor(() => expect(aborted).toEqual([true]));
    await waitFor(() => expect(queryClient.isFetching()).toBe(0));
    expect(requestsTo('ListSCIMConfigurations')).toHaveLength(2);
  });

  it('goes on with the same page requests when the search text changes', async () => {
    await seedConfigurations(450);
    const release = holdLaterPages();
    const { user } = renderApp();
    await screen.findByRole('link', { name: 'Config 0001' });
    const search = screen.getByRole('searchbox', { name: 'Search' });
    await user.type(search, 'Config 04');
    expect(await screen.findByText('Searching 100 of 450…')).toBeVisible();
    await user.type(search, '2');
    release();
    expect(await screen.findByRole('link', { name: 'Config 0420' })).toBeInTheDocument();
    await screen.findByText('10 of 450 configurations');
    // Each page once, in order: the new text did not start a second round of requests.
    const tokens = requestsTo('ListSCIMConfigurations').map(
      (body) => (body.pagination as { token?: string } | undefined)?.token ?? '',
    );
    expect(tokens).toHaveLength(5);
    expect(new Set(tokens).size).toBe(5);
  });

  it('matches the SSO provider name too, ignoring case and Unicode forms', async () => {
    const { entra } = acme();
    await addConfigurations(
      { name: 'Straße Ärzte' },
      { name: 'Okta production' },
      { name: 'Staging', ssoConfigurationId: entra },
    );
    const { user } = renderApp();
    await screen.findByRole('link', { name: 'Okta production' });
    const search = screen.getByRole('searchbox', { name: 'Search' });

    await user.type(search, 'STRASSE ärzte');
    await waitFor(() => expect(shownNames()).toEqual(['Straße Ärzte']));
    expect(screen.getByText('1 of 3 configurations')).toBeInTheDocument();

    await user.clear(search);
    // Full-width letters fold to ASCII (NFKC); the issuer URL names the Entra provider.
    await user.type(search, 'ＭICROSOFTONLINE');
    await waitFor(() => expect(shownNames()).toEqual(['Staging']));

    await user.clear(search);
    await user.type(search, 'nothing like this');
    expect(await screen.findByRole('heading', { name: 'No configurations match' })).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Clear search and filters' }));
    await waitFor(() => expect(shownNames()).toHaveLength(3));
    expect(search).toHaveValue('');
  });
});

describe('filter and sort', () => {
  function seedStatuses() {
    return addConfigurations(
      { name: 'Healthy', expiresInDays: 200 },
      { name: 'Soon', expiresInDays: 5 },
      { name: 'Later this month', expiresInDays: 20 },
      { name: 'Gone', expiresInDays: -3 },
      { name: 'Off', enabled: false, expiresInDays: 90 },
      { name: 'Refusing', expiresInDays: 300 },
    );
  }

  it('filters by status, with the count of all configurations', async () => {
    const refusing = (await seedStatuses())[5];
    await recordScimRequests(refusing?.id ?? '', {
      at: new Date(Date.now() - 60_000).toISOString(),
      outcome: 'expired_token',
    });
    const { user } = renderApp();
    await screen.findByRole('link', { name: 'Healthy' });
    const status = screen.getByRole('combobox', { name: 'Status' });

    await user.selectOptions(status, 'Expired');
    await waitFor(() => expect(shownNames()).toEqual(['Gone']));
    expect(screen.getByText('1 of 6 configurations')).toBeInTheDocument();

    await user.selectOptions(status, 'Disabled');
    await waitFor(() => expect(shownNames()).toEqual(['Off']));

    await user.selectOptions(status, 'Expiring soon');
    await waitFor(() => expect(shownNames()).toEqual(['Soon']));

    await user.selectOptions(status, 'Active');
    await waitFor(() => expect(shownNames()).toEqual(['Healthy', 'Later this month', 'Refusing']));

    // Expired, expiring within 30 days, or rejecting requests.
    await user.selectOptions(status, 'Needs attention');
    await waitFor(() =>
      expect(shownNames()).toEqual(['Soon', 'Later this month', 'Gone', 'Refusing']),
    );
    expect(screen.getByText('4 of 6 configurations')).toBeInTheDocument();
  });

  it('sorts by name (numbers in order) and by expiry, soonest first', async () => {
    await addConfigurations(
      { name: 'Config 10', expiresInDays: 50 },
      { name: 'config 9', expiresInDays: 10 },
      { name: 'Alpha', expiresInDays: 400 },
      { name: 'Beta', expiresInDays: -1 },
    );
    const { user } = renderApp();
    await screen.findByRole('link', { name: 'Alpha' });
    expect(shownNames()).toEqual(['Config 10', 'config 9', 'Alpha', 'Beta']);
    const sort = screen.getByRole('combobox', { name: 'Sort by' });

    await user.selectOptions(sort, 'Name');
    await waitFor(() => expect(shownNames()).toEqual(['Alpha', 'Beta', 'config 9', 'Config 10']));

    await user.selectOptions(sort, 'Expiry (soonest first)');
    await waitFor(() => expect(shownNames()).toEqual(['Beta', 'config 9', 'Config 10', 'Alpha']));
  });

  it('keeps an edited row where it was until the view changes', async () => {
    await addConfigurations({ name: 'Alpha' }, { name: 'Bravo' }, { name: 'Charlie' });
    const { user } = renderApp({ path: '/?sort=name' });
    await screen.findByRole('link', { name: 'Alpha' });
    await user.click(screen.getByRole('button', { name: 'Actions for Alpha' }));
    await user.click(screen.getByRole('menuitem', { name: 'Edit' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Edit SCIM configuration' }));
    await user.clear(dialog.getByLabelText('Name'));
    await user.type(dialog.getByLabelText('Name'), 'Zulu');
    await user.click(dialog.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByRole('link', { name: 'Zulu' })).toBeInTheDocument();
    expect(shownNames()).toEqual(['Zulu', 'Bravo', 'Charlie']);
    // A new sort places it by its new name.
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Sort by' }),
      'Created (oldest first)',
    );
    await user.selectOptions(screen.getByRole('combobox', { name: 'Sort by' }), 'Name');
    await waitFor(() => expect(shownNames()).toEqual(['Bravo', 'Charlie', 'Zulu']));
  });
});

describe('URL state', () => {
  it('reads search, filter and sort from the query string and writes changes back', async () => {
    await addConfigurations(
      { name: 'Okta B', expiresInDays: -2 },
      { name: 'Okta A', expiresInDays: -5 },
      // Not linked to Okta Workforce: the search matches SSO provider names too.
      { name: 'Entra', expiresInDays: -1, ssoConfigurationId: acme().entra },
      { name: 'Okta C', expiresInDays: 100 },
    );
    const { user, location } = renderApp({ path: '/?q=okta&status=expired&sort=name' });
    await waitFor(() => expect(shownNames()).toEqual(['Okta A', 'Okta B']));
    expect(screen.getByRole('searchbox', { name: 'Search' })).toHaveValue('okta');
    expect(screen.getByRole('combobox', { name: 'Status' })).toHaveDisplayValue('Expired');
    expect(screen.getByRole('combobox', { name: 'Sort by' })).toHaveDisplayValue('Name');
    expect(screen.getByText('2 of 4 configurations')).toBeInTheDocument();

    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Sort by' }),
      'Expiry (soonest first)',
    );
    expect(location.history?.at(-1)).toBe('/?q=okta&status=expired&sort=expiry');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'All');
    expect(location.history?.at(-1)).toBe('/?q=okta&sort=expiry');
    await waitFor(() => expect(shownNames()).toEqual(['Okta A', 'Okta B', 'Okta C']));
  });

  it('ignores unknown values', async () => {
    await seedConfigurations(2);
    renderApp({ path: '/?status=bogus&sort=random' });
    await screen.findByRole('link', { name: 'Config 0002' });
    expect(screen.getByRole('combobox', { name: 'Status' })).toHaveDisplayValue('All');
    expect(screen.getByText('2 configurations')).toBeInTheDocument();
  });
});

describe('attention summary', () => {
  it('counts every configuration, including pages beyond the first, and applies a filter', async () => {
    await seedConfigurations(120);
    const [, refusing] = await addConfigurations(
      { name: 'Late expired', expiresInDays: -1 },
      { name: 'Late refusing' },
      { name: 'Late soon', expiresInDays: 25 },
      { name: 'Late soon too', expiresInDays: 2 },
    );
    await recordScimRequests(refusing?.id ?? '', {
      at: new Date(Date.now() - 60_000).toISOString(),
      outcome: 'provisioning_disabled',
      count: 2,
    });
    const { user, location } = renderApp();
    await screen.findByRole('link', { name: 'Config 0001' });
    const summary = await screen.findByText('Needs attention:');
    const line = within(summary.closest('p') as HTMLElement);
    // Rejections come from the activity query, which may answer after the pages.
    await waitFor(() =>
      expect(summary.closest('p')).toHaveTextContent(
        'Needs attention: 1 expired · 2 expiring within 30 days · 1 rejecting requests',
      ),
    );

    await user.click(line.getByRole('link', { name: '2 expiring within 30 days' }));
    expect(location.history?.at(-1)).toBe('/?status=expiring-30d');
    await waitFor(() => expect(shownNames()).toEqual(['Late soon', 'Late soon too']));
    expect(screen.getByRole('combobox', { name: 'Status' })).toHaveDisplayValue(
      'Expiring within 30 days',
    );
    await user.click(line.getByRole('link', { name: '1 rejecting requests' }));
    await waitFor(() => expect(shownNames()).toEqual(['Late refusing']));
  });

  it('says nothing when nothing needs attention', async () => {
    await seedConfigurations(3);
    renderApp();
    await screen.findByText('3 configurations');
    await waitFor(() => expect(requestsTo('GetActivity').length).toBeGreaterThan(0));
    expect(screen.queryByText('Needs attention:')).not.toBeInTheDocument();
  });
});
