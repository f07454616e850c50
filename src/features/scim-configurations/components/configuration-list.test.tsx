import { act, screen, waitFor, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { procedures } from '#contracts/procedures.ts';
import {
  acme,
  addConfigurations,
  requestsTo,
  seedConfigurations,
} from '../../../testing/backend.ts';
import { failing } from '../../../testing/msw/connect.ts';
import { server } from '../../../testing/msw/server.ts';
import { renderApp } from '../../../testing/render-app.tsx';
import { scrollWindowTo } from '../../../testing/setup-tests.ts';

function rows() {
  return within(screen.getByRole('list', { name: 'SCIM configurations' })).getAllByRole('listitem');
}

describe('configuration list', () => {
  it('renders rows with name, resolved SSO name, status chip and relative expiry', async () => {
    const { okta, entra, legacyGoogle } = acme();
    const [first] = await addConfigurations(
      { name: 'Okta production', ssoConfigurationId: okta, expiresInDays: 200 },
      { name: 'Entra staging', ssoConfigurationId: entra, expiresInDays: 5 },
      { name: 'Old Google', ssoConfigurationId: legacyGoogle, expiresInDays: -2 },
      { name: '', enabled: false, expiresInDays: 90 },
    );
    renderApp();

    const okRow = (await screen.findByRole('link', { name: 'Okta production' })).closest('li');
    expect(okRow).not.toBeNull();
    const row = (name: string) => {
      const item = screen.getByRole('link', { name }).closest('li');
      if (!item) throw new Error(`no row for ${name}`);
      return within(item);
    };
    await waitFor(() => expect(row('Okta production').getByText('Okta Workforce')).toBeVisible());
    expect(row('Okta production').getByText('Active')).toBeInTheDocument();
    expect(row('Okta production').getByText('Expires in 200 days')).toHaveAttribute('title');
    // No display name: the issuer URL names the provider.
    expect(
      row('Entra staging').getByText('https://login.microsoftonline.com/acme/v2.0'),
    ).toBeInTheDocument();
    expect(row('Entra staging').getByText('Expiring soon')).toBeInTheDocument();
    expect(row('Entra staging').getByText('Expires in 5 days')).toBeInTheDocument();
    expect(row('Old Google').getByText('Expired')).toBeInTheDocument();
    expect(row('Old Google').getByText('Expired 2 days ago')).toBeInTheDocument();
    expect(row('Unnamed configuration').getByText('Disabled')).toBeInTheDocument();
    expect(row('Okta production').getByRole('link')).toHaveAttribute('href', `/scim/${first?.id}`);
    expect(
      row('Okta production').getByRole('switch', {
        name: 'Provisioning enabled for Okta production',
      }),
    ).toHaveAttribute('aria-checked', 'true');
    expect(
      row('Unnamed configuration').getByRole('switch', {
        name: 'Provisioning enabled for Unnamed configuration',
      }),
    ).toHaveAttribute('aria-checked', 'false');
    expect(
      row('Okta production').getByRole('button', { name: 'Actions for Okta production' }),
    ).toHaveAttribute('aria-haspopup', 'menu');
    expect(rows()[0]).toHaveAttribute('aria-posinset', '1');
    expect(rows()[0]).toHaveAttribute('aria-setsize', '4');
  });

  it('shows a loading state, then an empty state with a create button', async () => {
    renderApp();
    expect(await screen.findByText('Loading SCIM configurations…')).toBeInTheDocument();
    expect(
      await screen.findByRole('heading', { name: 'No SCIM configurations yet' }),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: 'Create configuration' })).toHaveLength(1);
  });

  it("shows the server's message and a Retry button when the first load fails", async () => {
    await seedConfigurations(3);
    server.use(
      failing(procedures.listScimConfigurations, 'internal', 'database is locked', { once: true }),
    );
    const { user } = renderApp();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent("Couldn't load SCIM configurations");
    expect(alert).toHaveTextContent('database is locked');
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('link', { name: 'Config 0001' })).toBeInTheDocument();
  });

  it('keeps the rows on screen when a background refetch fails', async () => {
    await seedConfigurations(3);
    const { queryClient } = renderApp();
    await screen.findByRole('link', { name: 'Config 0003' });
    server.use(failing(procedures.listScimConfigurations, 'unavailable', 'upstream down'));
    await act(() => queryClient.refetchQueries({ queryKey: ['scim-configurations', 'list'] }));
    expect(await screen.findByText(/Couldn't refresh/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Config 0003' })).toBeInTheDocument();
    expect(rows()).toHaveLength(3);
    // An `unavailable` answer also raises the offline banner.
    expect(screen.getByText(/The data on screen may be out of date/)).toBeInTheDocument();
  });

  it('loads every page after the first screen, without duplicates, virtualized', async () => {
    await seedConfigurations(250);
    renderApp();
    await screen.findByRole('link', { name: 'Config 0001' });
    // Only a window of rows is in the DOM, while the remaining pages load in the background.
    expect(rows().length).toBeLessThan(40);
    expect(await screen.findByText('250 configurations')).toBeInTheDocument();
    expect(screen.getByText('All 250 configurations are shown.')).toBeInTheDocument();

    scrollWindowTo(249 * 64);
    expect(await screen.findByRole('link', { name: 'Config 0250' })).toBeInTheDocument();
    const last = screen.getByRole('link', { name: 'Config 0250' }).closest('li');
    expect(last).toHaveAttribute('aria-posinset', '250');
    expect(last).toHaveAttribute('aria-setsize', '250');
    expect(rows().length).toBeLessThan(40);
    const names = rows().map((r) => within(r).getByRole('link').textContent);
    expect(new Set(names).size).toBe(names.length);

    const pageTokens = requestsTo('ListSCIMConfigurations').map(
      (body) => (body.pagination as { token?: string } | undefined)?.token ?? '',
    );
    expect(pageTokens).toHaveLength(3);
    expect(new Set(pageTokens).size).toBe(3);
    expect(
      requestsTo('ListSCIMConfigurations').every(
        (body) => (body.pagination as { pageSize?: number }).pageSize === 100,
      ),
    ).toBe(true);
  });

  it('keeps the keyboard focus when "Load more" fetches the last page', async () => {
    scrollWindowTo(0);
    await seedConfigurations(150);
    // The second page waits until the test lets it through.
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
    const { user } = renderApp();
    await screen.findByRole('link', { name: 'Config 0001' });
    // The activity service reports the organization's total before the last page is in.
    expect(await screen.findByText('150 configurations, 100 loaded')).toBeInTheDocument();
    const loadMore = screen.getByRole('button', { name: /Load more|Loading more/ });
    loadMore.focus();
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('button', { name: 'Loading more…' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    release();
    const end = await screen.findByText('All 150 configurations are shown.');
    // The button is gone; focus lands on the notice that replaced it, not on the page body.
    await waitFor(() => expect(end).toHaveFocus());
  });

  it('moves focus to the heading of the page a row link opens', async () => {
    await seedConfigurations(2);
    const { user } = renderApp();
    await user.click(await screen.findByRole('link', { name: 'Config 0002' }));
    const heading = await screen.findByRole('heading', { name: 'Config 0002', level: 1 });
    await waitFor(() => expect(heading).toHaveFocus());
  });

  it('stops paging when the server repeats a page token', async () => {
    // The wire shape only: the seeded rows also carry their SCIM token.
    const [first, second] = (await seedConfigurations(2)).map(
      ({ token: _token, ...config }) => config,
    );
    let calls = 0;
    server.use(
      http.post('*/api/gitpod.v1.OrganizationService/ListSCIMConfigurations', () => {
        calls += 1;
        return HttpResponse.json({
          pagination: { nextToken: 'same-token' },
          scimConfigurations: [calls === 1 ? first : second],
        });
      }),
    );
    renderApp();
    await screen.findByRole('link', { name: 'Config 0001' });
    // Both rows fit on screen, so the second page loads on its own; its repeated token ends paging.
    expect(await screen.findByText('All 2 configurations are shown.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
    expect(calls).toBe(2);
  });
});
