import { screen, waitFor, within } from '@testing-library/react';
import { delay, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { procedures } from '#contracts/procedures.ts';
import {
  acme,
  addConfiguration,
  deleteSso,
  recordScimRequests,
  requestsTo,
  rotateToken,
  SCIM_BASE_URL,
  scimRequest,
  scimStatus,
  storedConfiguration,
  storedConfigurationNames,
} from '../../../testing/backend.ts';
import { failing } from '../../../testing/msw/connect.ts';
import { server } from '../../../testing/msw/server.ts';
import { renderApp } from '../../../testing/render-app.tsx';

async function openRowMenuItem(
  user: ReturnType<typeof renderApp>['user'],
  name: string,
  item: string,
) {
  await user.click(await screen.findByRole('button', { name: `Actions for ${name}` }));
  await user.click(screen.getByRole('menuitem', { name: item }));
}

/** The row or detail switch asks before disabling: confirm in its alertdialog. */
async function confirmDisable(
  user: ReturnType<typeof renderApp>['user'],
  name = 'Okta production',
) {
  const dialog = within(
    await screen.findByRole('alertdialog', { name: `Disable provisioning for ${name}?` }),
  );
  await user.click(dialog.getByRole('button', { name: 'Disable provisioning' }));
}

describe('enable/disable switch', () => {
  it('asks before disabling, starting on Cancel; Cancel keeps it on, enabling is immediate', async () => {
    const config = await addConfiguration();
    const { user } = renderApp();
    const toggle = await screen.findByRole('switch', {
      name: 'Provisioning enabled for Okta production',
    });
    await user.click(toggle);
    const element = await screen.findByRole('alertdialog', {
      name: 'Disable provisioning for Okta production?',
    });
    expect(element).toHaveAccessibleDescription(
      expect.stringContaining('requests are refused until you enable it again'),
    );
    expect(element).toHaveTextContent('Users and groups it already provisioned stay as they are.');
    expect(element).toHaveTextContent('The identity provider will report errors');
    await waitFor(() =>
      expect(within(element).getByRole('button', { name: 'Cancel' })).toHaveFocus(),
    );
    await user.click(within(element).getByRole('button', { name: 'Cancel' }));
    expect(toggle).toHaveAttribute('aria-checked', 'true');
    await waitFor(() => expect(toggle).toHaveFocus());
    expect(requestsTo('UpdateSCIMConfiguration')).toEqual([]);
    expect((await storedConfiguration(config.id)).enabled).toBe(true);

    await user.click(toggle);
    await confirmDisable(user);
    expect(
      await screen.findByText('Disabled provisioning for Okta production'),
    ).toBeInTheDocument();
    expect((await storedConfiguration(config.id)).enabled).toBe(false);

    await user.click(
      screen.getByRole('switch', { name: 'Provisioning enabled for Okta production' }),
    );
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(await screen.findByText('Enabled provisioning for Okta production')).toBeInTheDocument();
    expect(requestsTo('UpdateSCIMConfiguration').map((b) => b.enabled)).toEqual([false, true]);
  });

  it('switches at once, and rolls back with an error message when the server refuses', async () => {
    await addConfiguration();
    server.use(
      failing(
        procedures.updateScimConfiguration,
        'failed_precondition',
        'organization is suspended',
        {
          delayMs: 50,
        },
      ),
    );
    const { user } = renderApp();
    const toggle = await screen.findByRole('switch', {
      name: 'Provisioning enabled for Okta production',
    });
    expect(toggle).toHaveAccessibleDescription(/identity provider requests will be refused/i);
    await user.click(toggle);
    await confirmDisable(user);
    expect(toggle).toHaveAttribute('aria-checked', 'false');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      "Couldn't disable provisioning. organization is suspended",
    );
    expect(
      screen.getByRole('switch', { name: 'Provisioning enabled for Okta production' }),
    ).toHaveAttribute('aria-checked', 'true');
  });

  it('shows the whole reason in the row, not only in a tooltip, until dismissed', async () => {
    await addConfiguration();
    const reason =
      'organization is suspended because the billing account has an unpaid invoice; contact your billing admin to restore provisioning';
    server.use(failing(procedures.updateScimConfiguration, 'failed_precondition', reason));
    const { user } = renderApp();
    await user.click(
      await screen.findByRole('switch', { name: 'Provisioning enabled for Okta production' }),
    );
    await confirmDisable(user);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(`Couldn't disable provisioning. ${reason}`);
    expect(alert).not.toHaveAttribute('title');
    await user.click(screen.getByRole('button', { name: 'Dismiss the error for Okta production' }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('ends in the state chosen last after a rapid double toggle', async () => {
    await addConfiguration();
    // The first answer is slow, the second fast: the settled state must still be the last choice.
    const delays = [200, 20];
    server.use(
      http.post('*/api/gitpod.v1.OrganizationService/UpdateSCIMConfiguration', async () => {
        await delay(delays.shift() ?? 0);
        // No answer: the backend answers after the delay.
      }),
    );
    const { user } = renderApp();
    const toggle = await screen.findByRole('switch', {
      name: 'Provisioning enabled for Okta production',
    });
    await user.click(toggle);
    await confirmDisable(user);
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-checked', 'true');
    await waitFor(() => expect(requestsTo('UpdateSCIMConfiguration')).toHaveLength(2));
    // After both settle and the list refetches, the switch still shows the last choice.
    await waitFor(() => expect(requestsTo('ListSCIMConfigurations').length).toBeGreaterThan(1));
    expect(
      screen.getByRole('switch', { name: 'Provisioning enabled for Okta production' }),
    ).toHaveAttribute('aria-checked', 'true');
    expect(requestsTo('UpdateSCIMConfiguration').map((b) => b.enabled)).toEqual([false, true]);
  });

  it('toggles on the detail page too and keeps the list in step', async () => {
    const config = await addConfiguration();
    const { user } = renderApp({ path: `/scim/${config.id}` });
    const toggle = await screen.findByRole('switch', {
      name: 'Provisioning enabled for Okta production',
    });
    await user.click(toggle);
    await confirmDisable(user);
    expect(toggle).toHaveAttribute('aria-checked', 'false');
    await waitFor(async () => expect((await storedConfiguration(config.id)).enabled).toBe(false));
    expect(requestsTo('UpdateSCIMConfiguration')).toEqual([
      { scimConfigurationId: config.id, enabled: false },
    ]);
  });
});

describe('row menu', () => {
  it('is a menu button: Escape closes it and focus returns to the button', async () => {
    await addConfiguration();
    const { user } = renderApp();
    const button = await screen.findByRole('button', { name: 'Actions for Okta production' });
    await user.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'true');
    const menu = screen.getByRole('menu');
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((i) => i.textContent),
    ).toEqual(['Edit', 'Rotate token', 'Delete']);
    expect(within(menu).getByRole('menuitem', { name: 'Edit' })).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(within(menu).getByRole('menuitem', { name: 'Rotate token' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
    expect(button).toHaveFocus();
  });
});

describe('edit', () => {
  it('enables Save only once something changed and sends only the changed fields', async () => {
    const config = await addConfiguration();
    const { user } = renderApp();
    await openRowMenuItem(user, 'Okta production', 'Edit');
    const dialog = within(await screen.findByRole('dialog', { name: 'Edit SCIM configuration' }));
    await dialog.findByRole('option', { name: 'Okta Workforce' });
    expect(dialog.getByLabelText('Name')).toHaveValue('Okta production');
    expect(dialog.getByRole('button', { name: 'Save changes' })).toBeDisabled();

    await user.clear(dialog.getByLabelText('Name'));
    await user.type(dialog.getByLabelText('Name'), 'Okta EU');
    await user.click(
      dialog.getByRole('checkbox', {
        name: 'Allow linking to existing accounts with unverified email',
      }),
    );
    await user.click(dialog.getByRole('button', { name: 'Save changes' }));

    await waitFor(() =>
      expect(
        screen.queryByRole('dialog', { name: 'Edit SCIM configuration' }),
      ).not.toBeInTheDocument(),
    );
    expect(requestsTo('UpdateSCIMConfiguration')).toEqual([
      { scimConfigurationId: config.id, name: 'Okta EU', allowUnverifiedEmailAccountLinking: true },
    ]);
    expect(await screen.findByRole('link', { name: 'Okta EU' })).toBeInTheDocument();
    // The menu is gone; focus goes back to the row's menu button.
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Actions for Okta EU' })).toHaveFocus(),
    );
  });

  it('shows the current SSO configuration when opened before the SSO list loaded', async () => {
    await addConfiguration({ ssoConfigurationId: acme().entra });
    let releaseSsoList = () => {};
    const ssoListReleased = new Promise<void>((resolve) => {
      releaseSsoList = resolve;
    });
    server.use(
      http.post(`*/api/${procedures.listSsoConfigurations.path}`, async () => {
        await ssoListReleased;
      }),
    );
    const { user } = renderApp();
    await openRowMenuItem(user, 'Okta production', 'Edit');
    const dialog = within(await screen.findByRole('dialog', { name: 'Edit SCIM configuration' }));
    expect(dialog.queryByRole('option', { name: 'Okta Workforce' })).not.toBeInTheDocument();
    expect(dialog.getByLabelText('SSO configuration')).toHaveAccessibleDescription(
      expect.stringContaining('Loading SSO configurations'),
    );

    releaseSsoList();
    await dialog.findByRole('option', { name: 'Okta Workforce' });
    expect(dialog.getByLabelText('SSO configuration')).toHaveDisplayValue(
      'https://login.microsoftonline.com/acme/v2.0',
    );
    expect(dialog.getByRole('button', { name: 'Save changes' })).toBeDisabled();
  });

  it('says on the SSO field when the newly chosen SSO configuration was deleted', async () => {
    const config = await addConfiguration();
    const { user } = renderApp();
    await openRowMenuItem(user, 'Okta production', 'Edit');
    const dialog = within(await screen.findByRole('dialog', { name: 'Edit SCIM configuration' }));
    const entraLabel = 'https://login.microsoftonline.com/acme/v2.0';
    await dialog.findByRole('option', { name: entraLabel });
    await user.selectOptions(dialog.getByLabelText('SSO configuration'), entraLabel);
    await deleteSso(acme().entra);
    await user.click(dialog.getByRole('button', { name: 'Save changes' }));

    const select = dialog.getByLabelText('SSO configuration');
    await waitFor(() => expect(select).toHaveAttribute('aria-invalid', 'true'));
    expect(select).toHaveAccessibleDescription(
      expect.stringContaining('This SSO configuration no longer exists. Pick another one.'),
    );
    expect(dialog.queryByText(/This configuration no longer exists/)).not.toBeInTheDocument();
    await waitFor(() =>
      expect(dialog.queryByRole('option', { name: entraLabel })).not.toBeInTheDocument(),
    );
    expect((await storedConfiguration(config.id)).ssoConfigurationId).toBe(acme().okta);
  });

  it('gives screen readers the name length through the description', async () => {
    await addConfiguration();
    const { user } = renderApp();
    await openRowMenuItem(user, 'Okta production', 'Edit');
    const dialog = within(await screen.findByRole('dialog', { name: 'Edit SCIM configuration' }));
    expect(dialog.getByLabelText('Name')).toHaveAccessibleDescription('15 of 128 characters');
  });
});

describe('rotate token', () => {
  it('is an alertdialog that starts on Cancel and needs the typed name', async () => {
    const config = await addConfiguration();
    const { user } = renderApp();
    await openRowMenuItem(user, 'Okta production', 'Rotate token');
    const element = await screen.findByRole('alertdialog', {
      name: 'Rotate token for Okta production?',
    });
    const dialog = within(element);
    expect(element).toHaveAccessibleDescription(/current token stops working immediately/);
    await waitFor(() => expect(dialog.getByRole('button', { name: 'Cancel' })).toHaveFocus());
    // Never updated: the current token was minted at creation, so its lifetime is known.
    expect(dialog.getByLabelText('New token lifetime')).toHaveDisplayValue(
      /^Same as the current token: \d+ days \(default\)$/,
    );
    expect(dialog.getByLabelText('New token lifetime')).toHaveAccessibleDescription(
      expect.stringContaining('The token expires on '),
    );
    const confirmation = dialog.getByLabelText('Type the configuration name to confirm');
    expect(confirmation).toHaveAccessibleDescription('Okta production');
    const rotate = dialog.getByRole('button', { name: 'Rotate token' });
    await user.type(confirmation, 'Okta prod');
    await user.click(rotate);
    await waitFor(() =>
      expect(confirmation).toHaveAccessibleDescription(
        expect.stringContaining("That doesn't match"),
      ),
    );
    expect(confirmation).toHaveFocus();
    expect(requestsTo('RegenerateSCIMToken')).toEqual([]);
    await user.type(confirmation, 'uction');
    await user.click(rotate);

    const reveal = within(
      await screen.findByRole('dialog', { name: 'Your SCIM token is shown only once' }),
    );
    // The token shown is the one the SCIM endpoint now accepts, instead of the old one.
    const shown = (reveal.getByLabelText('Authorization') as HTMLInputElement).value;
    expect(await scimStatus(shown)).toBe(200);
    expect(await scimStatus(config.token)).toBe(401);
    // "Same as before" sends no lifetime: the server keeps the previous one.
    expect(requestsTo('RegenerateSCIMToken')).toEqual([{ scimConfigurationId: config.id }]);

    await user.click(reveal.getByRole('button', { name: 'Done' }));
    await user.click(reveal.getByRole('button', { name: 'Close anyway' }));
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Actions for Okta production' })).toHaveFocus(),
    );
  });

  it('asks to type "rotate" for an unnamed configuration and sends a chosen lifetime', async () => {
    const config = await addConfiguration({ name: '' });
    const { user } = renderApp();
    await openRowMenuItem(user, 'Unnamed configuration', 'Rotate token');
    const dialog = within(await screen.findByRole('alertdialog'));
    await user.selectOptions(dialog.getByLabelText('New token lifetime'), '180 days');
    expect(dialog.getByLabelText('New token lifetime')).toHaveAccessibleDescription(
      expect.stringMatching(/The token expires on /),
    );
    expect(dialog.getByLabelText('Type this word to confirm')).toHaveAccessibleDescription(
      'rotate',
    );
    await user.type(dialog.getByLabelText('Type this word to confirm'), ' ROTATE ');
    await user.click(dialog.getByRole('button', { name: 'Rotate token' }));
    await screen.findByRole('dialog', { name: 'Your SCIM token is shown only once' });
    expect(requestsTo('RegenerateSCIMToken')).toEqual([
      { scimConfigurationId: config.id, tokenExpiresIn: '15552000s' },
    ]);
  });
});

describe('delete', () => {
  it('needs the typed name, then the row disappears', async () => {
    await addConfiguration({ name: 'Okta production' });
    await addConfiguration({ name: 'Entra' });
    const { user } = renderApp();
    await openRowMenuItem(user, 'Okta production', 'Delete');
    const element = await screen.findByRole('alertdialog', { name: 'Delete Okta production?' });
    const dialog = within(element);
    expect(element).toHaveAccessibleDescription(/stops for good/);
    expect(element).toHaveTextContent(/users and groups it provisioned stay in the organization/i);
    await user.click(dialog.getByRole('button', { name: 'Delete configuration' }));
    expect(
      dialog.getByLabelText('Type the configuration name to confirm'),
    ).toHaveAccessibleDescription(expect.stringContaining("That doesn't match"));
    expect(await storedConfigurationNames()).toHaveLength(2);
    await user.type(
      dialog.getByLabelText('Type the configuration name to confirm'),
      'Okta production',
    );
    await user.click(dialog.getByRole('button', { name: 'Delete configuration' }));

    await waitFor(() =>
      expect(screen.queryByRole('link', { name: 'Okta production' })).not.toBeInTheDocument(),
    );
    expect(screen.getByRole('link', { name: 'Entra' })).toBeInTheDocument();
    expect(screen.getByText('Deleted Okta production')).toBeInTheDocument();
    expect(await storedConfigurationNames()).toEqual(['Entra']);
    // The invoking row is gone: focus lands on the page heading.
    await waitFor(() =>
      expect(screen.getByRole('heading', { name: 'SCIM provisioning' })).toHaveFocus(),
    );
  });

  it('from the detail page goes back to the list', async () => {
    const config = await addConfiguration({ name: 'Okta production' });
    const { user, location } = renderApp({ path: `/scim/${config.id}` });
    await user.click(await screen.findByRole('button', { name: 'Delete' }));
    const dialog = within(await screen.findByRole('alertdialog'));
    await user.type(
      dialog.getByLabelText('Type the configuration name to confirm'),
      'Okta production',
    );
    await user.click(dialog.getByRole('button', { name: 'Delete configuration' }));
    expect(await screen.findByRole('heading', { name: 'SCIM provisioning' })).toBeInTheDocument();
    expect(location.history?.at(-1)).toBe('/');
  });
});

describe('delete, other ways out', () => {
  it('accepts a hyphen for an en dash and counts what it provisioned', async () => {
    const config = await addConfiguration({ name: 'Okta – EU' });
    const created = await Promise.all([
      ...['ada@acme.test', 'grace@acme.test'].map((userName) =>
        scimRequest(config.token, 'POST', '/Users', {
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
          userName,
        }),
      ),
      scimRequest(config.token, 'POST', '/Groups', {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
        displayName: 'Engineering',
      }),
    ]);
    expect(created.map((response) => response.status)).toEqual([201, 201, 201]);
    const { user } = renderApp();
    await openRowMenuItem(user, 'Okta – EU', 'Delete');
    const element = await screen.findByRole('alertdialog', { name: 'Delete Okta – EU?' });
    expect(
      await within(element).findByText(/The 2 users and 1 group it provisioned/),
    ).toBeInTheDocument();
    const dialog = within(element);
    await user.type(dialog.getByLabelText('Type the configuration name to confirm'), 'okta - eu');
    await user.click(dialog.getByRole('button', { name: 'Delete configuration' }));
    await waitFor(async () => expect(await storedConfigurationNames()).toEqual([]));
  });

  it('offers "Disable instead", which disables and keeps the configuration', async () => {
    const config = await addConfiguration();
    const { user } = renderApp();
    await openRowMenuItem(user, 'Okta production', 'Delete');
    const dialog = within(await screen.findByRole('alertdialog'));
    await user.click(dialog.getByRole('button', { name: 'Disable instead' }));
    expect(
      await screen.findByText('Disabled provisioning for Okta production'),
    ).toBeInTheDocument();
    expect((await storedConfiguration(config.id)).enabled).toBe(false);
    expect(requestsTo('DeleteSCIMConfiguration')).toEqual([]);
  });
});

describe('detail page', () => {
  it("shows every field and the SCIM URL in the provider's setup kit", async () => {
    const config = await addConfiguration({ name: 'Okta production' });
    renderApp({ path: `/scim/${config.id}` });
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Okta production' }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByLabelText('SCIM connector base URL')).toHaveValue(SCIM_BASE_URL),
    );
    expect(document.title).toBe('Okta production · SCIM provisioning');
    expect(screen.getByRole('button', { name: 'Rotate to get a new token' })).toBeInTheDocument();
    expect(await screen.findByText('Okta Workforce')).toBeInTheDocument();
    expect(screen.getByText(config.id)).toBeInTheDocument();
    expect(screen.getByText('Not allowed')).toBeInTheDocument();
    expect(screen.getByText('Active')).toBeInTheDocument();
  });

  it('shows the activity warning chip next to the status chip, like the list', async () => {
    const config = await addConfiguration({ name: 'Okta production' });
    await recordScimRequests(config.id, {
      at: new Date(Date.now() - 60_000).toISOString(),
      outcome: 'expired_token',
      count: 4,
    });
    renderApp({ path: `/scim/${config.id}` });
    const heading = await screen.findByRole('heading', { level: 1, name: 'Okta production' });
    const header = within(heading.parentElement as HTMLElement);
    const chip = await header.findByText('4 rejected');
    expect(chip).toHaveClass('chip', 'chip-warning');
    expect(chip).toHaveTextContent(/Okta sent 4 requests that were rejected in the last 24 hours/);
    expect(chip.parentElement).toBe(header.getByText('Active').parentElement);
  });

  it('offers Rotate token right in the warning when the token expired', async () => {
    const config = await addConfiguration({ name: 'Okta production', expiresInDays: -2 });
    await recordScimRequests(config.id, {
      at: new Date(Date.now() - 60_000).toISOString(),
      outcome: 'expired_token',
      count: 7,
    });
    const { user } = renderApp({ path: `/scim/${config.id}` });
    const panel = within(
      (await screen.findByRole('heading', { name: 'Activity' })).closest('section') as HTMLElement,
    );
    expect(await panel.findByText(/the token has expired/)).toBeInTheDocument();
    expect(
      panel.getByText('No successful request yet, 7 rejected (token expired)'),
    ).toBeInTheDocument();
    await user.click(panel.getByRole('button', { name: 'Rotate token' }));
    expect(
      await screen.findByRole('alertdialog', { name: 'Rotate token for Okta production?' }),
    ).toBeInTheDocument();
  });

  it('names a rotated-away token as the cause and offers Rotate token', async () => {
    const config = await addConfiguration({ name: 'Okta production' });
    await rotateToken(config.id);
    // The identity provider still sends the token from before the rotation.
    expect(await scimStatus(config.token)).toBe(401);
    expect(await scimStatus(config.token)).toBe(401);
    const { user } = renderApp({ path: `/scim/${config.id}` });
    const panel = within(
      (await screen.findByRole('heading', { name: 'Activity' })).closest('section') as HTMLElement,
    );
    expect(await panel.findByText(/still sends a token that was rotated away/)).toBeInTheDocument();
    expect(
      panel.getByText('No successful request yet, 2 rejected (token rotated away)'),
    ).toBeInTheDocument();
    await user.click(panel.getByRole('button', { name: 'Rotate token' }));
    expect(
      await screen.findByRole('alertdialog', { name: 'Rotate token for Okta production?' }),
    ).toBeInTheDocument();
  });

  it('offers Enable right in the warning when requests were refused while disabled', async () => {
    const config = await addConfiguration({ name: 'Okta production', enabled: false });
    await recordScimRequests(config.id, {
      at: new Date(Date.now() - 60_000).toISOString(),
      outcome: 'provisioning_disabled',
      count: 2,
    });
    const { user } = renderApp({ path: `/scim/${config.id}` });
    const panel = within(
      (await screen.findByRole('heading', { name: 'Activity' })).closest('section') as HTMLElement,
    );
    await user.click(await panel.findByRole('button', { name: 'Enable provisioning' }));
    expect(await screen.findByText('Enabled provisioning for Okta production')).toBeInTheDocument();
    expect((await storedConfiguration(config.id)).enabled).toBe(true);
  });

  it('says a deleted configuration no longer exists, with a link back', async () => {
    renderApp({ path: '/scim/0198a000-0000-7000-8000-0000000fffff' });
    expect(
      await screen.findByRole('heading', { name: 'This configuration no longer exists' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to SCIM provisioning' })).toHaveAttribute(
      'href',
      '/',
    );
    expect(document.title).toBe('Configuration not found · SCIM provisioning');
  });
});
