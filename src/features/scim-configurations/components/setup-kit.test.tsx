import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { type IdentityProviderId, rememberedProvider } from './identity-provider.ts';
import { SetupKit } from './setup-kit.tsx';

const URL = 'https://scim.example.test/scim/v2';
const TOKEN = 'scim_0123456789abcdefghijklmnopqrstuvwxyz';

function renderKit(initialProvider: IdentityProviderId | undefined, { withToken = true } = {}) {
  const user = userEvent.setup();
  const onTokenCopied = vi.fn();
  render(
    <SetupKit
      configurationId="c-1"
      initialProvider={initialProvider}
      scimBaseUrl={URL}
      urlPlaceholder="Loading…"
      {...(withToken ? { token: TOKEN } : { tokenUnavailable: <p>Rotate to get a new token</p> })}
      onTokenCopied={onTokenCopied}
    />,
  );
  const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined);
  return { user, writeText, onTokenCopied };
}

/** The kit's field labels in order, as the provider's console shows them. */
function fieldLabels(): string[] {
  return Array.from(document.querySelectorAll('.kit-field > .field-label')).map(
    (label) => label.textContent ?? '',
  );
}

/** Clicks each field's own copy button and returns what landed on the clipboard, by label. */
async function copyEach(
  user: ReturnType<typeof userEvent.setup>,
  writeText: ReturnType<typeof vi.fn>,
) {
  const copied: Record<string, string> = {};
  for (const label of fieldLabels()) {
    const button = screen.queryByRole('button', { name: `Copy ${label}` });
    if (!button) continue;
    await user.click(button);
    copied[label] = String(writeText.mock.lastCall?.[0]);
  }
  return copied;
}

describe('setup kit', () => {
  it('Okta: the Integration fields in order, userName, HTTP Header, the token without Bearer', async () => {
    const { user, writeText, onTokenCopied } = renderKit('okta');
    expect(screen.getByLabelText('Identity provider')).toHaveValue('okta');
    expect(fieldLabels()).toEqual([
      'SCIM connector base URL',
      'Unique identifier field for users',
      'Supported provisioning actions',
      'Authentication Mode',
      'Authorization',
    ]);
    expect(screen.getByText('HTTP Header')).toBeInTheDocument();
    expect(screen.getByText(/without a "Bearer " prefix: Okta adds it/)).toBeInTheDocument();
    expect(screen.getByText(/Click Test Connector Configuration/)).toBeInTheDocument();
    expect(await copyEach(user, writeText)).toEqual({
      'SCIM connector base URL': URL,
      'Unique identifier field for users': 'userName',
      Authorization: TOKEN,
    });
    expect(onTokenCopied).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('status')).toHaveTextContent(
      'Copied the Authorization value for Okta.',
    );
    expect(screen.queryByRole('button', { name: 'Copy both' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Okta: Add SCIM provisioning/ })).toHaveAttribute(
      'href',
      'https://help.okta.com/en-us/content/topics/apps/apps_app_integration_wizard_scim.htm',
    );
  });

  it('Microsoft Entra ID: Tenant URL and Secret Token, with Test Connection', async () => {
    const { user, writeText } = renderKit('entra');
    expect(fieldLabels()).toEqual(['Tenant URL', 'Secret Token']);
    expect(screen.getByText(/set Provisioning Mode to Automatic/)).toBeInTheDocument();
    expect(screen.getByText(/Click Test Connection/)).toBeInTheDocument();
    expect(await copyEach(user, writeText)).toEqual({ 'Tenant URL': URL, 'Secret Token': TOKEN });
  });

  it('OneLogin: SCIM Base URL, SCIM JSON Template, SCIM Bearer Token', async () => {
    const { user, writeText } = renderKit('onelogin');
    expect(fieldLabels()).toEqual(['SCIM Base URL', 'SCIM JSON Template', 'SCIM Bearer Token']);
    expect(screen.getByText(/SCIM Provisioner with SAML \(SCIM v2 Core\)/)).toBeInTheDocument();
    expect(await copyEach(user, writeText)).toEqual({
      'SCIM Base URL': URL,
      'SCIM Bearer Token': TOKEN,
    });
  });

  it('JumpCloud: Base URL, Token Key and Test User Email, the token without Bearer', async () => {
    const { user, writeText } = renderKit('jumpcloud');
    expect(fieldLabels()).toEqual(['Base URL', 'Token Key', 'Test User Email']);
    expect(screen.getByText(/without a "Bearer " prefix: JumpCloud sends it/)).toBeInTheDocument();
    expect(await copyEach(user, writeText)).toEqual({ 'Base URL': URL, 'Token Key': TOKEN });
  });

  it('Google Workspace: Access token, then Endpoint URL', async () => {
    const { user, writeText } = renderKit('google');
    expect(fieldLabels()).toEqual(['Access token', 'Endpoint URL']);
    expect(await copyEach(user, writeText)).toEqual({
      'Access token': TOKEN,
      'Endpoint URL': URL,
    });
  });

  it('Other SCIM 2.0 client, the default: base URL, token, header value and Copy both', async () => {
    const { user, writeText } = renderKit(undefined);
    expect(screen.getByLabelText('Identity provider')).toHaveValue('other');
    expect(fieldLabels()).toEqual(['SCIM base URL', 'Bearer token', 'Authorization header value']);
    expect(await copyEach(user, writeText)).toEqual({
      'SCIM base URL': URL,
      'Bearer token': TOKEN,
      'Authorization header value': `Bearer ${TOKEN}`,
    });
    await user.click(screen.getByRole('button', { name: 'Copy both' }));
    expect(writeText).toHaveBeenLastCalledWith(`${URL}\n${TOKEN}`);
  });

  it('remembers the choice for this configuration', async () => {
    const { user } = renderKit('okta');
    await user.selectOptions(screen.getByLabelText('Identity provider'), 'Microsoft Entra ID');
    expect(fieldLabels()).toEqual(['Tenant URL', 'Secret Token']);
    expect(rememberedProvider('c-1')).toBe('entra');
  });

  it('on the detail page, offers the way to a new token in place of the token', () => {
    renderKit('okta', { withToken: false });
    const field = document.querySelectorAll('.kit-field')[4] as HTMLElement;
    expect(within(field).getByText('Authorization')).toBeInTheDocument();
    expect(within(field).getByText('Rotate to get a new token')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Copy Authorization' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Copy SCIM connector base URL' })).toBeEnabled();
  });

  it('on the detail page, the generic kit offers the way to a new token once', () => {
    renderKit('other', { withToken: false });
    expect(fieldLabels()).toEqual(['SCIM base URL', 'Bearer token']);
    expect(screen.getAllByText('Rotate to get a new token')).toHaveLength(1);
    expect(screen.queryByRole('button', { name: 'Copy both' })).not.toBeInTheDocument();
  });

  it('says a copy failed next to the button that failed and selects the value', async () => {
    const { user, writeText } = renderKit('entra');
    writeText.mockRejectedValue(new Error('denied'));
    await user.click(screen.getByRole('button', { name: 'Copy Tenant URL' }));
    const field = screen.getByLabelText('Tenant URL') as HTMLInputElement;
    expect(field).toHaveFocus();
    expect(field.selectionEnd).toBe(URL.length);
    expect(field).toHaveAccessibleDescription(
      expect.stringContaining("Couldn't copy automatically"),
    );
    expect(screen.getByLabelText('Secret Token')).not.toHaveAccessibleDescription(
      expect.stringContaining("Couldn't copy"),
    );
  });
});
