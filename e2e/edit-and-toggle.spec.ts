// (b) Edit, switch provisioning off and on, and see every change survive a reload.
import { expect, test } from '@playwright/test';
import { acmeAdminToken } from './fixtures/accounts.ts';
import {
  copyAndClose,
  createConfiguration,
  openRowAction,
  row,
  signInAsAdmin,
  uniqueName,
} from './support/app.ts';

test('an admin renames a configuration and switches provisioning off and on', async ({
  page,
  context,
  baseURL,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL ?? '' });
  await signInAsAdmin(page, acmeAdminToken);
  const name = uniqueName('JumpCloud');
  await createConfiguration(page, { name });
  await copyAndClose(page);

  const renamed = `${name} (renamed)`;
  await openRowAction(page, name, 'Edit');
  const edit = page.getByRole('dialog', { name: 'Edit SCIM configuration' });
  const save = edit.getByRole('button', { name: 'Save changes' });
  await expect(save).toBeDisabled();
  await edit.getByLabel('Name').fill(renamed);
  await edit.getByLabel('SSO configuration').selectOption({ label: 'Microsoft Entra ID' });
  await expect(save).toBeEnabled();
  await save.click();
  await expect(edit).toBeHidden();
  await expect(row(page, renamed)).toBeVisible();

  const toggle = page.getByRole('switch', { name: `Provisioning enabled for ${renamed}` });
  await expect(toggle).toBeChecked();
  // The switch flips at once (optimistic); reload only once the server has acknowledged it.
  const savedOff = page.waitForResponse(
    (r) => r.url().endsWith('/UpdateSCIMConfiguration') && r.status() === 200,
  );
  await toggle.click();
  // Disabling asks first (focus on Cancel); enabling below does not.
  const ask = page.getByRole('alertdialog', { name: `Disable provisioning for ${renamed}?` });
  await expect(ask.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await ask.getByRole('button', { name: 'Disable provisioning' }).click();
  await expect(toggle).not.toBeChecked();
  await savedOff;
  await expect(page.getByText(`Disabled provisioning for ${renamed}`)).toBeVisible();
  await page.reload();
  await expect(toggle).not.toBeChecked();
  await expect(page.getByRole('listitem').filter({ has: row(page, renamed) })).toContainText(
    'Disabled',
  );

  // The detail page shows the same state and offers the same switch.
  await row(page, renamed).click();
  await expect(page.getByRole('heading', { name: renamed, level: 1 })).toBeVisible();
  await expect(
    page.getByRole('definition').filter({ hasText: 'Microsoft Entra ID' }),
  ).toBeVisible();
  const detailToggle = page.getByRole('switch', { name: `Provisioning enabled for ${renamed}` });
  await expect(detailToggle).not.toBeChecked();
  const savedOn = page.waitForResponse(
    (r) => r.url().endsWith('/UpdateSCIMConfiguration') && r.status() === 200,
  );
  await detailToggle.click();
  await expect(detailToggle).toBeChecked();
  await savedOn;
  await page.reload();
  await expect(page.getByRole('heading', { name: renamed, level: 1 })).toBeVisible();
  await expect(detailToggle).toBeChecked();
});
