import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { procedures } from '#contracts/procedures.ts';
import { SESSION_STORAGE_KEY } from '../lib/session.ts';
import { ADMIN_TOKEN, MEMBER_TOKEN, seedConfigurations } from '../testing/backend.ts';
import { failing } from '../testing/msw/connect.ts';
import { server } from '../testing/msw/server.ts';
import { renderApp } from '../testing/render-app.tsx';

describe('sign-in and session', () => {
  it('signs in with an admin token and shows the organization and user in the header', async () => {
    await seedConfigurations(2);
    const { user } = renderApp({ token: null });
    expect(await screen.findByText(/local reference backend/)).toBeInTheDocument();
    await user.type(screen.getByLabelText('Personal access token'), ADMIN_TOKEN);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { name: 'SCIM provisioning' })).toBeInTheDocument();
    const header = screen.getByRole('banner');
    expect(within(header).getByText('Acme Corp')).toBeInTheDocument();
    expect(within(header).getByText('Ada Admin')).toBeInTheDocument();
    expect(within(header).getByText('ada@acme.test')).toBeInTheDocument();
    expect(window.sessionStorage.getItem(SESSION_STORAGE_KEY)).toBe(ADMIN_TOKEN);
    expect(window.localStorage.length).toBe(0);
  });

  it('rejects a wrong token with an explanation and stores nothing', async () => {
    const { user } = renderApp({ token: null });
    await user.type(screen.getByLabelText('Personal access token'), 'not-a-real-token');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent("That token wasn't accepted");
    expect(screen.getByLabelText('Personal access token')).toHaveAttribute('aria-invalid', 'true');
    // Focus goes back to the field, not left on the button.
    await waitFor(() => expect(screen.getByLabelText('Personal access token')).toHaveFocus());
    expect(document.title).toBe('Sign in · SCIM provisioning');
    expect(window.sessionStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
    expect(screen.queryByRole('heading', { name: 'SCIM provisioning' })).not.toBeInTheDocument();
  });

  it('asks for a token when the field is empty', async () => {
    const { user } = renderApp({ token: null });
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Paste a personal access token');
  });

  it('shows the admin-required screen to a member instead of the list', async () => {
    const { user } = renderApp({ token: null });
    await user.type(screen.getByLabelText('Personal access token'), MEMBER_TOKEN);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(
      await screen.findByRole('heading', { name: 'You need to be an organization admin' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'SCIM provisioning' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeInTheDocument();
  });

  it('shows the admin-required screen when an admin-only call is refused mid-session', async () => {
    server.use(
      failing(procedures.listScimConfigurations, 'permission_denied', 'admin role required'),
    );
    renderApp();
    expect(
      await screen.findByRole('heading', { name: 'You need to be an organization admin' }),
    ).toBeInTheDocument();
  });

  it('returns to sign-in with a message when the session ends (unauthenticated anywhere)', async () => {
    server.use(failing(procedures.listScimConfigurations, 'unauthenticated', 'token expired'));
    renderApp();
    expect(await screen.findByText('Your session ended, sign in again.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeInTheDocument();
    expect(window.sessionStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
  });

  it('signs out: clears the token and shows the sign-in screen', async () => {
    const { user, queryClient } = renderApp();
    await screen.findByRole('heading', { name: 'SCIM provisioning' });
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeInTheDocument();
    expect(screen.queryByText('Your session ended, sign in again.')).not.toBeInTheDocument();
    expect(window.sessionStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
    expect(queryClient.getQueryCache().findAll({ queryKey: ['session'] })).toHaveLength(0);
  });

  it('shows a not-found view for an unknown path', async () => {
    renderApp({ path: '/nowhere' });
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to SCIM provisioning' })).toHaveAttribute(
      'href',
      '/',
    );
  });
});
