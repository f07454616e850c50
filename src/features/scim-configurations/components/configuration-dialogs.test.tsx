import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addConfiguration } from '../../../testing/backend.ts';
import { renderApp } from '../../../testing/render-app.tsx';
import { dialogLoaders } from './configuration-dialogs.tsx';

function chunkLoadError() {
  return new TypeError('Failed to fetch dynamically imported module');
}

/** Each test uses another dialog: a dialog whose code loaded stays loaded for the whole file. */
async function openWhileItsCodeFails(kind: 'edit' | 'delete') {
  await addConfiguration({ name: 'Okta production' });
  // Every load fails (hover prefetches count too) until the test restores the loader.
  const load = vi.spyOn(dialogLoaders, kind).mockRejectedValue(chunkLoadError());
  vi.spyOn(console, 'error').mockImplementation(() => {});
  const app = renderApp();
  await app.user.click(await screen.findByRole('button', { name: 'Actions for Okta production' }));
  await app.user.click(screen.getByRole('menuitem', { name: kind === 'edit' ? 'Edit' : 'Delete' }));
  const alert = await screen.findByRole('alert');
  return { ...app, load, alert };
}

describe('dialogs whose code fails to load', () => {
  afterEach(() => vi.restoreAllMocks());

  it('say so in the dialog area with Retry instead of replacing the app', async () => {
    const { user, load, alert } = await openWhileItsCodeFails('edit');
    expect(alert).toHaveTextContent("Couldn't load this dialog");
    expect(screen.queryByText('Something went wrong')).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'SCIM provisioning' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Okta production' })).toBeInTheDocument();
    const retry = within(alert).getByRole('button', { name: 'Retry' });
    expect(retry).toHaveFocus();

    load.mockRestore();
    await user.click(retry);
    const dialog = within(await screen.findByRole('dialog', { name: 'Edit SCIM configuration' }));
    expect(dialog.getByLabelText('Name')).toHaveValue('Okta production');
    expect(screen.queryByText("Couldn't load this dialog")).not.toBeInTheDocument();
  });

  it('can be given up on: Close returns focus to the control that opened the dialog', async () => {
    const { user, load, alert } = await openWhileItsCodeFails('delete');
    await user.click(within(alert).getByRole('button', { name: 'Close' }));
    expect(screen.queryByText("Couldn't load this dialog")).not.toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Actions for Okta production' })).toHaveFocus(),
    );
    // Opening it again tries again.
    load.mockRestore();
    await user.click(screen.getByRole('button', { name: 'Actions for Okta production' }));
    await user.click(screen.getByRole('menuitem', { name: 'Delete' }));
    expect(
      await screen.findByRole('alertdialog', { name: 'Delete Okta production?' }),
    ).toBeInTheDocument();
  });
});
