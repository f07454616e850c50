// (g) Keyboard only: create and rotate without the mouse; focus goes to the new row, then back to
// the invoking control.
import { expect, type Page, test } from '@playwright/test';
import { acmeAdminToken } from './fixtures/accounts.ts';
import { uniqueName } from './support/app.ts';

async function tabTo(
  page: Page,
  name: string | RegExp,
  role: 'button' | 'textbox' | 'link' = 'button',
) {
  const target = page.getByRole(role, { name });
  for (let i = 0; i < 150; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`could not reach ${String(name)} with Tab`);
}

test('an admin creates and rotates using only the keyboard', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL ?? '' });
  await page.goto('/');
  await tabTo(page, 'Personal access token', 'textbox');
  await page.keyboard.type(acmeAdminToken);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'SCIM provisioning', level: 1 })).toBeVisible();

  // Create.
  const name = uniqueName('Keyboard');
  const loaded = page.getByText(
    /^All \d+ configurations are shown\.$|^No SCIM configurations yet$/,
  );
  await expect(loaded).toBeVisible();
  await tabTo(page, 'Create configuration');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Create SCIM configuration' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Name')).toBeFocused();
  await page.keyboard.type(name);
  await page.keyboard.press('Tab');
  await expect(dialog.getByLabel('SSO configuration')).toBeFocused();
  await page.keyboard.press('ArrowDown'); // a closed select takes the next option: the first provider
  await expect(dialog.getByLabel('SSO configuration')).not.toHaveValue('');
  await tabTo(page, 'Create configuration');
  await expect(dialog.getByRole('button', { name: 'Create configuration' })).toBeFocused();
  await page.keyboard.press('Enter');
  const reveal = page.getByRole('dialog', { name: 'Your SCIM token is shown only once' });
  await expect(reveal).toBeVisible();
  // Focus starts on the token's own copy button in the kit of the SSO issuer's provider (Okta).
  await expect(reveal.getByLabel('Identity provider', { exact: true })).toHaveValue('okta');
  await expect(reveal.getByRole('button', { name: 'Copy Authorization' })).toBeFocused();
  const first = await reveal.getByLabel('Authorization', { exact: true }).inputValue();
  await page.keyboard.press('Enter');
  await expect(reveal.getByRole('status')).toContainText(/copied/i);
  await tabTo(page, 'Done');
  await page.keyboard.press('Enter');
  await expect(reveal).toBeHidden();
  // Focus lands on the new configuration, pinned on top of the list and marked New.
  await expect(
    page.getByRole('list', { name: 'Created just now' }).getByRole('link', { name, exact: true }),
  ).toBeFocused();

  // Rotate from the row menu: Tab to the row's menu button, arrow to the item.
  const menuButton = page.getByRole('button', { name: `Actions for ${name}` });
  await tabTo(page, `Actions for ${name}`);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitem', { name: 'Edit' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: 'Rotate token' })).toBeFocused();
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('alertdialog', { name: `Rotate token for ${name}?` });
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await tabTo(page, 'Type the configuration name to confirm', 'textbox');
  await page.keyboard.type(name);
  await page.keyboard.press('Enter');
  await expect(reveal).toBeVisible();
  expect(await reveal.getByLabel('Authorization', { exact: true }).inputValue()).not.toBe(first);
  await expect(reveal.getByRole('button', { name: 'Copy Authorization' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(reveal.getByRole('status')).toContainText(/copied/i);
  await page.keyboard.press('Escape');
  await expect(reveal).toBeHidden();
  await expect(menuButton).toBeFocused();
});
