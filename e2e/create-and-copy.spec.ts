// (a) Sign in, create, copy both values, read them back from the clipboard, close, and find the token
// nowhere in the browser.
import { expect, test } from '@playwright/test';
import { acmeAdminToken } from './fixtures/accounts.ts';
import {
  browserState,
  createConfiguration,
  row,
  signInAsAdmin,
  uniqueName,
} from './support/app.ts';

test('an admin creates a configuration and copies the token and URL into their IdP', async ({
  page,
  context,
  baseURL,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL ?? '' });
  await signInAsAdmin(page, acmeAdminToken);
  await expect(page.getByRole('banner')).toContainText('Acme Corp');
  await expect(page.getByRole('banner')).toContainText('Ada Admin');

  const name = uniqueName('Okta production');
  const { reveal, token, url } = await createConfiguration(page, { name, lifetime: '90 days' });
  expect(url).toBe(`${baseURL}/scim/v2`);
  expect(token).toMatch(/^scim_/);
  await expect(reveal).toContainText('shown only once');

  await reveal.getByRole('button', { name: 'Copy both' }).click();
  await expect(reveal.getByRole('status')).toContainText(/copied/i);
  const clipboard = await page.evaluate(() => navigator.clipboard.readText());
  expect(clipboard).toContain(url);
  expect(clipboard).toContain(token);

  await reveal.getByRole('button', { name: 'Copy Bearer token' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);

  await reveal.getByRole('button', { name: 'Done' }).click();
  await expect(reveal).toBeHidden();
  await expect(row(page, name)).toBeVisible();

  // The one-time token is gone from storage and from the page once the dialog closed.
  expect(await browserState(page)).not.toContain(token);
  await page.reload();
  await expect(row(page, name)).toBeVisible();
  expect(await browserState(page)).not.toContain(token);
});

test('closing the token dialog before copying asks first', async ({ page }) => {
  await signInAsAdmin(page, acmeAdminToken);
  const name = uniqueName('Entra staging');
  const { reveal } = await createConfiguration(page, { name, sso: 'Microsoft Entra ID' });

  await page.keyboard.press('Escape');
  const confirm = reveal.getByRole('alert').filter({ hasText: "You haven't copied the token" });
  await expect(confirm).toContainText("You haven't copied the token. Close anyway?");
  await expect(confirm.getByRole('button', { name: 'Keep open' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Keep open' }).click();
  await expect(reveal).toBeVisible();

  await reveal.getByRole('button', { name: 'Done' }).click();
  await reveal.getByRole('button', { name: 'Close anyway' }).click();
  await expect(reveal).toBeHidden();
  await expect(row(page, name)).toBeVisible();
});
