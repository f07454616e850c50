// (d) Delete with a typed confirmation; the row goes and the detail page says it no longer exists.
import { expect, test } from '@playwright/test';
import { acmeAdminToken } from './fixtures/accounts.ts';
import {
  confirmationField,
  copyAndClose,
  createConfiguration,
  openRowAction,
  row,
  signInAsAdmin,
  uniqueName,
} from './support/app.ts';

test('an admin deletes a configuration for good', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL ?? '' });
  await signInAsAdmin(page, acmeAdminToken);
  const name = uniqueName('Google Workspace');
  await createConfiguration(page, { name });
  await copyAndClose(page);

  await row(page, name).click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  const detailUrl = page.url();
  await page.goBack();

  await openRowAction(page, name, 'Delete');
  const confirm = page.getByRole('alertdialog', { name: `Delete ${name}?` });
  const remove = confirm.getByRole('button', { name: 'Delete configuration' });
  await confirmationField(confirm).fill(`${name} typo`);
  await remove.click();
  await expect(confirmationField(confirm)).toHaveAccessibleDescription(/That doesn't match/);
  await expect(confirm).toBeVisible();
  await confirmationField(confirm).fill(name);
  await remove.click();
  await expect(confirm).toBeHidden();
  await expect(row(page, name)).toHaveCount(0);

  await page.goto(detailUrl);
  await expect(page.getByText('This configuration no longer exists')).toBeVisible();
  await page.getByRole('link', { name: /back/i }).click();
  await expect(page.getByRole('heading', { name: 'SCIM provisioning', level: 1 })).toBeVisible();
});
