import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { SCIM_BASE_URL, scimStatus, seedConfigurations } from '../../../testing/backend.ts';
import { server } from '../../../testing/msw/server.ts';
import { renderApp } from '../../../testing/render-app.tsx';

async function createAndReveal() {
  await seedConfigurations(1);
  const app = renderApp();
  await screen.findByRole('link', { name: 'Config 0001' });
  await app.user.click(screen.getByRole('button', { name: 'Create configuration' }));
  const form = within(await screen.findByRole('dialog', { name: 'Create SCIM configuration' }));
  await form.findByRole('option', { name: 'Okta Workforce' });
  await app.user.type(form.getByLabelText('Name'), 'Okta prod');
  await app.user.selectOptions(form.getByLabelText('SSO configuration'), 'Okta Workforce');
  await app.user.click(form.getByRole('button', { name: 'Create configuration' }));
  const dialogElement = await screen.findByRole('dialog', {
    name: 'Your SCIM token is shown only once',
  });
  const token = (within(dialogElement).getByLabelText('Authorization') as HTMLInputElement).value;
  // The token shown is the one the SCIM endpoint accepts for the new configuration.
  if ((await scimStatus(token)) !== 200)
    throw new Error(`the token shown is not accepted: ${token}`);
  return { ...app, dialog: within(dialogElement), dialogElement, token };
}

function everythingCached(queryClient: ReturnType<typeof renderApp>['queryClient']): string {
  const queries = queryClient
    .getQueryCache()
    .getAll()
    .map((q) => q.state);
  const mutations = queryClient
    .getMutationCache()
    .getAll()
    .map((m) => m.state);
  return JSON.stringify({ queries, mutations });
}

const reveal = () => screen.getByRole('dialog', { name: 'Your SCIM token is shown only once' });

describe('token reveal dialog', () => {
  it("opens the kit of the SSO issuer's provider, with the warning and the token's expiry", async () => {
    const { dialog, dialogElement, token } = await createAndReveal();
    expect(dialogElement).toHaveAccessibleDescription(
      expect.stringContaining('the only time the token is shown'),
    );
    expect(dialog.getByLabelText('Identity provider')).toHaveValue('okta');
    await waitFor(() =>
      expect(dialog.getByLabelText('SCIM connector base URL')).toHaveValue(SCIM_BASE_URL),
    );
    expect(dialog.getByLabelText('Authorization')).toHaveValue(token);
    expect(dialog.getByLabelText('Authorization')).toHaveAttribute('readonly');
    expect(dialog.getByText(/in 365 days/)).toBeInTheDocument();
    // Focus starts on the one value that cannot be seen again.
    expect(dialog.getByRole('button', { name: 'Copy Authorization' })).toHaveFocus();
  });

  it('says "Copied" only once the clipboard write resolved', async () => {
    const { user, dialog, token } = await createAndReveal();
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined);
    await user.click(dialog.getByRole('button', { name: 'Copy Authorization' }));
    expect(writeText).toHaveBeenCalledWith(token);
    expect(await dialog.findByRole('status')).toHaveTextContent(
      'Copied the Authorization value for Okta.',
    );
    await waitFor(() =>
      expect(dialog.getByRole('button', { name: 'Copy SCIM connector base URL' })).toBeEnabled(),
    );
    await user.click(dialog.getByRole('button', { name: 'Copy SCIM connector base URL' }));
    expect(writeText).toHaveBeenLastCalledWith(SCIM_BASE_URL);
    // "Copy both" is the generic client's, not the primary action of a named provider.
    expect(dialog.queryByRole('button', { name: 'Copy both' })).not.toBeInTheDocument();
  });

  it('selects the value and says so next to the button when the clipboard write fails', async () => {
    const { user, dialog, token } = await createAndReveal();
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('denied'));
    await user.click(dialog.getByRole('button', { name: 'Copy Authorization' }));
    const status = await dialog.findByRole('status');
    await waitFor(() => expect(status).toHaveTextContent(/press (Ctrl|Cmd)\+C/));
    expect(status).not.toHaveTextContent(/^Copied/);
    const field = dialog.getByLabelText('Authorization') as HTMLInputElement;
    expect(field).toHaveFocus();
    expect(field.selectionStart).toBe(0);
    expect(field.selectionEnd).toBe(token.length);
    expect(field).toHaveAccessibleDescription(
      expect.stringContaining("Couldn't copy automatically"),
    );
    // Nothing was copied: closing still asks first.
    await user.click(dialog.getByRole('button', { name: 'Done' }));
    expect(dialog.getByRole('alert')).toHaveTextContent("You haven't copied the token.");
  });

  it('ignores a pointer down outside the dialog, even after the token was copied', async () => {
    const { user, dialog, dialogElement, token } = await createAndReveal();
    vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined);
    await user.click(dialog.getByRole('button', { name: 'Copy Authorization' }));
    await dialog.findByText('Copied the Authorization value for Okta.');
    // Once copied, any dismissal closes at once: an outside click must not count as one.
    const overlay = document.querySelector('.dialog-overlay');
    if (!overlay) throw new Error('no dialog overlay');
    await user.click(overlay);
    fireEvent.pointerDown(document.body);
    expect(reveal()).toBe(dialogElement);
    expect(dialog.getByLabelText('Authorization')).toHaveValue(token);
    expect(dialog.queryByText(/Close anyway/)).not.toBeInTheDocument();
  });

  it('keeps the token copyable and offers Retry when the SCIM URL cannot be loaded', async () => {
    let configAvailable = false;
    server.use(
      http.get('*/runtime-config.json', () =>
        // Once available, the backend answers.
        configAvailable ? undefined : new HttpResponse(null, { status: 503 }),
      ),
    );
    const { user, dialog, token } = await createAndReveal();
    const problem = await dialog.findByRole('alert');
    expect(problem).toHaveTextContent("Couldn't load the SCIM base URL");
    expect(dialog.getByRole('button', { name: 'Copy SCIM connector base URL' })).toBeDisabled();
    expect(dialog.getByRole('button', { name: 'Test connection' })).toBeDisabled();

    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined);
    await user.click(dialog.getByRole('button', { name: 'Copy Authorization' }));
    expect(writeText).toHaveBeenCalledWith(token);

    configAvailable = true;
    await user.click(within(problem).getByRole('button', { name: 'Retry' }));
    await waitFor(() =>
      expect(dialog.getByLabelText('SCIM connector base URL')).toHaveValue(SCIM_BASE_URL),
    );
    expect(dialog.queryByText(/Couldn't load the SCIM base URL/)).not.toBeInTheDocument();
    expect(dialog.getByLabelText('Authorization')).toHaveValue(token);
  });

  it('asks before closing when the token was not copied; Keep open returns to the copy button', async () => {
    const { user, dialog } = await createAndReveal();
    await user.click(dialog.getByRole('button', { name: 'Done' }));
    expect(dialog.getByRole('alert')).toHaveTextContent(
      "You haven't copied the token. Close anyway?",
    );
    expect(dialog.getByRole('button', { name: 'Keep open' })).toHaveFocus();
    await user.click(dialog.getByRole('button', { name: 'Keep open' }));
    expect(reveal()).toBeInTheDocument();
    expect(dialog.getByRole('button', { name: 'Copy Authorization' })).toHaveFocus();

    // Escape asks the same question.
    await user.keyboard('{Escape}');
    expect(dialog.getByRole('alert')).toHaveTextContent("You haven't copied the token.");
    await user.click(dialog.getByRole('button', { name: 'Close anyway' }));
    await waitFor(() =>
      expect(
        screen.queryByRole('dialog', { name: 'Your SCIM token is shown only once' }),
      ).not.toBeInTheDocument(),
    );
  });

  it('warns before the tab closes until the token was copied', async () => {
    const { user, dialog } = await createAndReveal();
    const unload = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(unload()).toBe(true);
    vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined);
    await user.click(dialog.getByRole('button', { name: 'Copy Authorization' }));
    await dialog.findByText('Copied the Authorization value for Okta.');
    expect(unload()).toBe(false);
  });

  it('forgets the token on close: nothing in the query cache or storage, focus on the new row', async () => {
    const { user, dialog, token, queryClient } = await createAndReveal();
    vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined);
    // While open, the token is only in the dialog, never in the caches.
    expect(everythingCached(queryClient)).not.toContain(token);
    await user.click(dialog.getByRole('button', { name: 'Copy Authorization' }));
    await user.click(dialog.getByRole('button', { name: 'Done' }));
    await waitFor(() =>
      expect(
        screen.queryByRole('dialog', { name: 'Your SCIM token is shown only once' }),
      ).not.toBeInTheDocument(),
    );
    // Focus goes to the new configuration, pinned on top of the list and marked New.
    const created = within(screen.getByRole('list', { name: 'Created just now' }));
    await waitFor(() => expect(created.getByRole('link', { name: 'Okta prod' })).toHaveFocus());
    expect(created.getByText('New')).toBeInTheDocument();
    expect(document.body.textContent).not.toContain(token);
    expect(everythingCached(queryClient)).not.toContain(token);
    expect(JSON.stringify({ ...window.sessionStorage })).not.toContain(token);
    expect(JSON.stringify({ ...window.localStorage })).not.toContain(token);
  });
});
