// Issue 9: set up Okta and Entra ID from the kit alone. Copy each value with its own button, read it
// back from the clipboard, and provision a user through /scim/v2 with exactly what was copied.
import { expect, type Page, test } from '@playwright/test';
import { acmeAdminToken } from './fixtures/accounts.ts';
import { row, signInAsAdmin, uniqueName } from './support/app.ts';
import { scimGet, scimPost } from './support/scim.ts';

async function copyFromKit(page: Page, label: string): Promise<string> {
  const reveal = page.getByRole('dialog', { name: 'Your SCIM token is shown only once' });
  await reveal.getByRole('button', { name: `Copy ${label}`, exact: true }).click();
  await expect(reveal.getByRole('status')).toContainText(`Copied the ${label} value`);
  return page.evaluate(() => navigator.clipboard.readText());
}

async function createWithSso(page: Page, name: string, sso: string) {
  await page.getByRole('button', { name: 'Create configuration' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Create SCIM configuration' });
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByLabel('SSO configuration').selectOption({ label: sso });
  await expect(dialog.getByText(/The token expires on /)).toBeVisible();
  await dialog.getByRole('button', { name: 'Create configuration' }).click();
  const reveal = page.getByRole('dialog', { name: 'Your SCIM token is shown only once' });
  await expect(reveal).toBeVisible();
  return reveal;
}

for (const kit of [
  {
    provider: 'Okta',
    sso: 'Okta Workforce',
    value: 'okta',
    urlLabel: 'SCIM connector base URL',
    tokenLabel: 'Authorization',
    steps: [/Unique identifier field for users/, /HTTP Header/, /Test Connector Configuration/],
  },
  {
    provider: 'Microsoft Entra ID',
    sso: 'Microsoft Entra ID',
    value: 'entra',
    urlLabel: 'Tenant URL',
    tokenLabel: 'Secret Token',
    steps: [/Provisioning Mode to Automatic/, /Test Connection/],
  },
] as const) {
  test(`${kit.provider}: copy the kit's values and provision a user with exactly those`, async ({
    page,
    context,
    baseURL,
    request,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: baseURL ?? '',
    });
    await signInAsAdmin(page, acmeAdminToken);
    const name = uniqueName(kit.provider);
    const reveal = await createWithSso(page, name, kit.sso);

    // Preselected from the SSO configuration's issuer URL.
    await expect(reveal.getByLabel('Identity provider', { exact: true })).toHaveValue(kit.value);
    for (const step of kit.steps) await expect(reveal.getByText(step).first()).toBeVisible();
    await expect(reveal.getByRole('button', { name: 'Copy both' })).toHaveCount(0);

    const url = await copyFromKit(page, kit.urlLabel);
    expect(url).toBe(`${baseURL}/scim/v2`);
    const token = await copyFromKit(page, kit.tokenLabel);
    expect(token).toMatch(/^scim_/);
    expect(token).not.toMatch(/^Bearer /);
    // The reference server is plain http on loopback: the kit says a cloud IdP cannot reach it.
    await expect(reveal.getByText(/cannot reach it/)).toBeVisible();

    await reveal.getByRole('button', { name: 'Done' }).click();
    await expect(reveal).toBeHidden();

    // What the identity provider does with the two pasted values.
    expect((await scimGet(request, `${url}/ServiceProviderConfig`, token)).status()).toBe(200);
    const userName = `${kit.value}.${Date.now()}@acme.test`;
    const created = await scimPost(request, `${url}/Users`, token, {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName,
      name: { givenName: 'Grace', familyName: 'Hopper' },
      emails: [{ value: userName, type: 'work', primary: true }],
      active: true,
    });
    expect(created.status()).toBe(201);

    // The detail page names the screen and remembers the provider for the kit.
    await row(page, name).click();
    await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
    await expect(page).toHaveTitle(`${name} · SCIM provisioning`);
    await expect(page.getByLabel('Identity provider', { exact: true })).toHaveValue(kit.value);
    await expect(page.getByLabel(kit.urlLabel, { exact: true })).toHaveValue(url);
    // Activity refreshes every minute; a reload shows the provisioned user now.
    await page.reload();
    await expect(page.getByText(/1 provisioned user/)).toBeVisible();
    await expect(page.getByText(/Last request (just now|\d+ seconds? ago)/)).toBeVisible();
  });
}

test('disabling asks first, and Cancel leaves it enabled on the server too', async ({
  page,
  context,
  baseURL,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL ?? '' });
  await signInAsAdmin(page, acmeAdminToken);
  const name = uniqueName('Disable guard');
  const reveal = await createWithSso(page, name, 'Okta Workforce');
  await reveal.getByRole('button', { name: 'Copy Authorization' }).click();
  await reveal.getByRole('button', { name: 'Done' }).click();

  const toggle = page.getByRole('switch', { name: `Provisioning enabled for ${name}` });
  await toggle.click();
  const ask = page.getByRole('alertdialog', { name: `Disable provisioning for ${name}?` });
  await expect(ask).toContainText('refused until you enable it again');
  await expect(ask.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(ask).toBeHidden();
  await expect(toggle).toBeChecked();
  await expect(toggle).toBeFocused();

  // The server agrees: a fresh load still shows it enabled.
  await page.reload();
  await expect(
    page.getByRole('switch', { name: `Provisioning enabled for ${name}` }),
  ).toBeChecked();
});

test('a name with an en dash is deleted by typing a hyphen', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL ?? '' });
  await signInAsAdmin(page, acmeAdminToken);
  const name = `Okta – EU ${Date.now().toString(36)}`;
  const reveal = await createWithSso(page, name, 'Okta Workforce');
  await reveal.getByRole('button', { name: 'Copy Authorization' }).click();
  await reveal.getByRole('button', { name: 'Done' }).click();

  await page.getByRole('button', { name: `Actions for ${name}` }).click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  const confirm = page.getByRole('alertdialog', { name: `Delete ${name}?` });
  await expect(confirm.locator('code')).toHaveText(name);
  await expect(confirm).toContainText(/disable it instead/i);
  await confirm
    .getByLabel('Type the configuration name to confirm')
    .fill(name.replace('–', '-').toLowerCase());
  await confirm.getByRole('button', { name: 'Delete configuration' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByText(`Deleted ${name}`)).toBeVisible();
  await expect(row(page, name)).toHaveCount(0);
});
