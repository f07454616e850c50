import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { procedures } from '#contracts/procedures.ts';
import { reportApiReachable } from '../../../lib/connectivity.ts';
import {
  acme,
  deleteSso,
  requestsTo,
  seedConfigurations,
  setSsoState,
} from '../../../testing/backend.ts';
import { failing } from '../../../testing/msw/connect.ts';
import { server } from '../../../testing/msw/server.ts';
import { renderApp } from '../../../testing/render-app.tsx';

async function openCreateDialog() {
  await seedConfigurations(1);
  const app = renderApp();
  await screen.findByRole('link', { name: 'Config 0001' });
  await app.user.click(screen.getByRole('button', { name: 'Create configuration' }));
  const dialog = await screen.findByRole('dialog', { name: 'Create SCIM configuration' });
  // The SSO picker is ready once its options arrived.
  await within(dialog).findByRole('option', { name: 'Okta Workforce' });
  return { ...app, dialog: within(dialog) };
}

describe('create configuration', () => {
  it('validates name length, SSO selection and custom lifetime before sending anything', async () => {
    const { user, dialog } = await openCreateDialog();
    await user.click(dialog.getByLabelText('Name'));
    await user.paste('x'.repeat(129));
    expect(dialog.getByText('129/128')).toBeInTheDocument();
    await user.selectOptions(dialog.getByLabelText('Token lifetime'), 'Custom…');
    await user.type(dialog.getByLabelText('Custom lifetime (days)'), '0');
    await user.click(dialog.getByRole('button', { name: 'Create configuration' }));

    expect(await dialog.findByText('Use at most 128 characters.')).toBeInTheDocument();
    expect(dialog.getByLabelText('Name')).toHaveAttribute('aria-invalid', 'true');
    expect(dialog.getByLabelText('Name')).toHaveAccessibleDescription(
      expect.stringContaining('Use at most 128 characters.'),
    );
    expect(dialog.getByText('Select an SSO configuration.')).toBeInTheDocument();
    expect(dialog.getByText('Enter between 1 and 730 days.')).toBeInTheDocument();

    await user.clear(dialog.getByLabelText('Custom lifetime (days)'));
    await user.type(dialog.getByLabelText('Custom lifetime (days)'), '731');
    await user.click(dialog.getByRole('button', { name: 'Create configuration' }));
    expect(await dialog.findByText('Enter between 1 and 730 days.')).toBeInTheDocument();
    expect(requestsTo('CreateSCIMConfiguration')).toHaveLength(0);
  });

  it('offers only ACTIVE SSO configurations', async () => {
    const { dialog } = await openCreateDialog();
    expect(dialog.getByRole('option', { name: 'Okta Workforce' })).toBeEnabled();
    expect(dialog.getByRole('option', { name: /Legacy Google \(inactive/ })).toBeDisabled();
  });

  it('explains when the organization has no active SSO configuration', async () => {
    await seedConfigurations(1);
    const { okta, entra } = acme();
    for (const id of [okta, entra]) await setSsoState(id, 'SSO_CONFIGURATION_STATE_INACTIVE');
    const { user } = renderApp();
    await screen.findByRole('link', { name: 'Config 0001' });
    await user.click(screen.getByRole('button', { name: 'Create configuration' }));
    const dialog = within(await screen.findByRole('dialog'));
    expect(
      await dialog.findByText(/None of your SSO configurations is active/),
    ).toBeInTheDocument();
    expect(dialog.getByRole('button', { name: 'Create configuration' })).toBeDisabled();
  });

  it('explains when the organization has no SSO configuration at all', async () => {
    await seedConfigurations(1);
    const { okta, entra, legacyGoogle } = acme();
    for (const id of [okta, entra, legacyGoogle]) await deleteSso(id);
    const { user } = renderApp();
    await screen.findByRole('link', { name: 'Config 0001' });
    await user.click(screen.getByRole('button', { name: 'Create configuration' }));
    const dialog = within(await screen.findByRole('dialog'));
    expect(await dialog.findByText(/has no SSO configuration yet/)).toBeInTheDocument();
  });

  it.each([
    ['1 year (default)', '31536000s'],
    ['90 days', '7776000s'],
    ['2 years', '63072000s'],
  ])('sends the %s preset as the Duration %s', async (label, duration) => {
    const { user, dialog } = await openCreateDialog();
    await user.type(dialog.getByLabelText('Name'), 'Okta prod');
    await user.selectOptions(dialog.getByLabelText('SSO configuration'), 'Okta Workforce');
    await user.selectOptions(dialog.getByLabelText('Token lifetime'), label);
    await user.click(dialog.getByRole('button', { name: 'Create configuration' }));
    await screen.findByRole('dialog', { name: 'Your SCIM token is shown only once' });
    expect(requestsTo('CreateSCIMConfiguration')).toEqual([
      {
        organizationId: acme().id,
        ssoConfigurationId: acme().okta,
        name: 'Okta prod',
        tokenExpiresIn: duration,
      },
    ]);
  });

  it('sends a custom lifetime in days as seconds, and the unverified-email opt-in', async () => {
    const { user, dialog } = await openCreateDialog();
    await user.selectOptions(dialog.getByLabelText('SSO configuration'), 'Okta Workforce');
    await user.selectOptions(dialog.getByLabelText('Token lifetime'), 'Custom…');
    await user.type(dialog.getByLabelText('Custom lifetime (days)'), '45');
    await user.click(
      dialog.getByRole('checkbox', {
        name: 'Allow linking to existing accounts with unverified email',
      }),
    );
    await user.click(dialog.getByRole('button', { name: 'Create configuration' }));
    await screen.findByRole('dialog', { name: 'Your SCIM token is shown only once' });
    const [sent] = requestsTo('CreateSCIMConfiguration');
    expect(sent).toMatchObject({
      tokenExpiresIn: '3888000s',
      allowUnverifiedEmailAccountLinking: true,
    });
    expect(sent).not.toHaveProperty('name');
  });

  it('puts an invalid_argument about a field on that field', async () => {
    server.use(
      failing(
        procedures.createScimConfiguration,
        'invalid_argument',
        'name: must be at most 128 characters',
      ),
    );
    const { user, dialog } = await openCreateDialog();
    await user.type(dialog.getByLabelText('Name'), 'Okta');
    await user.selectOptions(dialog.getByLabelText('SSO configuration'), 'Okta Workforce');
    await user.click(dialog.getByRole('button', { name: 'Create configuration' }));
    expect(await dialog.findByText('Must be at most 128 characters')).toBeInTheDocument();
    expect(dialog.getByLabelText('Name')).toHaveAttribute('aria-invalid', 'true');
  });

  it('shows failed_precondition at the top of the form and keeps the dialog open', async () => {
    server.use(
      failing(
        procedures.createScimConfiguration,
        'failed_precondition',
        'organization is suspended',
      ),
    );
    const { user, dialog } = await openCreateDialog();
    await user.selectOptions(dialog.getByLabelText('SSO configuration'), 'Okta Workforce');
    await user.click(dialog.getByRole('button', { name: 'Create configuration' }));
    expect(await dialog.findByRole('alert')).toHaveTextContent('organization is suspended');
    // The SSO configuration is still active (the reloaded list says so): not its field's fault.
    expect(requestsTo('ListSSOConfigurations').length).toBeGreaterThan(1);
    expect(dialog.getByLabelText('SSO configuration')).not.toHaveAttribute('aria-invalid');
    expect(screen.getByRole('dialog', { name: 'Create SCIM configuration' })).toBeInTheDocument();
  });

  it('says on the SSO field when the chosen SSO configuration was deleted, and reloads the list', async () => {
    const { user, dialog } = await openCreateDialog();
    await user.selectOptions(dialog.getByLabelText('SSO configuration'), 'Okta Workforce');
    // Deleted elsewhere after the picker loaded.
    await deleteSso(acme().okta);
    const listsBefore = requestsTo('ListSSOConfigurations').length;
    await user.click(dialog.getByRole('button', { name: 'Create configuration' }));

    const select = dialog.getByLabelText('SSO configuration');
    await waitFor(() => expect(select).toHaveAttribute('aria-invalid', 'true'));
    expect(select).toHaveAccessibleDescription(
      expect.stringContaining('This SSO configuration no longer exists. Pick another one.'),
    );
    expect(dialog.queryByText(/This configuration no longer exists/)).not.toBeInTheDocument();
    // The picker is current again: the deleted one is gone and no longer chosen.
    await waitFor(() =>
      expect(dialog.queryByRole('option', { name: 'Okta Workforce' })).not.toBeInTheDocument(),
    );
    expect(requestsTo('ListSSOConfigurations').length).toBeGreaterThan(listsBefore);
    expect(select).toHaveDisplayValue('Select an SSO configuration');
    expect(screen.getByRole('dialog', { name: 'Create SCIM configuration' })).toBeInTheDocument();
  });

  it("puts the server's reason on the SSO field when the chosen one was deactivated", async () => {
    const { user, dialog } = await openCreateDialog();
    await user.selectOptions(dialog.getByLabelText('SSO configuration'), 'Okta Workforce');
    await setSsoState(acme().okta, 'SSO_CONFIGURATION_STATE_INACTIVE');
    await user.click(dialog.getByRole('button', { name: 'Create configuration' }));

    const select = dialog.getByLabelText('SSO configuration');
    await waitFor(() => expect(select).toHaveAttribute('aria-invalid', 'true'));
    expect(select).toHaveAccessibleDescription(
      expect.stringContaining('SSO configuration "Okta Workforce" is not active'),
    );
    expect(await dialog.findByRole('option', { name: /Okta Workforce \(inactive/ })).toBeDisabled();
  });

  it('gives screen readers the name length through the description, not a live region', async () => {
    const { user, dialog } = await openCreateDialog();
    const name = dialog.getByLabelText('Name');
    expect(name).toHaveAccessibleDescription(expect.stringContaining('0 of 128 characters'));
    await user.type(name, 'Okta prod');
    expect(name).toHaveAccessibleDescription(expect.stringContaining('9 of 128 characters'));
    const count = dialog.getByText('9 of 128 characters');
    expect(count.closest('[aria-live], [role="status"], [role="alert"]')).toBeNull();
  });

  it('disables submit while pending, and while the API is unreachable, saying why', async () => {
    server.use(
      failing(procedures.createScimConfiguration, 'unavailable', 'try later', { delayMs: 150 }),
    );
    const { user, dialog } = await openCreateDialog();
    await user.selectOptions(dialog.getByLabelText('SSO configuration'), 'Okta Workforce');
    await user.click(dialog.getByRole('button', { name: 'Create configuration' }));
    expect(dialog.getByRole('button', { name: 'Creating…' })).toBeDisabled();
    expect(await dialog.findByRole('alert')).toHaveTextContent("The API can't be reached");
    // Not "Creating…" forever, and not sent again behind the admin's back.
    expect(dialog.getByRole('button', { name: 'Create configuration' })).toBeDisabled();
    expect(
      dialog.getByText(/you can create a configuration once the connection is back/),
    ).toBeInTheDocument();
    expect(requestsTo('CreateSCIMConfiguration')).toHaveLength(1);
    act(() => reportApiReachable());
    expect(dialog.getByRole('button', { name: 'Create configuration' })).toBeEnabled();
    expect(requestsTo('CreateSCIMConfiguration')).toHaveLength(1);
  });

  it('returns focus to the Create button when cancelled', async () => {
    const { user, dialog } = await openCreateDialog();
    await user.click(dialog.getByRole('button', { name: 'Cancel' }));
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Create configuration' })).toHaveFocus(),
    );
  });
});
