// (c) Rotate: a new token that differs, and the old one refused at once by the SCIM endpoint.
import { expect, test } from '@playwright/test';
import { acmeAdminToken } from './fixtures/accounts.ts';
import {
  confirmationField,
  copyAndClose,
  createConfiguration,
  openRowAction,
  readRevealedToken,
  signInAsAdmin,
  uniqueName,
} from './support/app.ts';
import { scimGet } from './support/scim.ts';

test('rotating the token kills the old one at once', async ({
  page,
  context,
  baseURL,
  request,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL ?? '' });
  await signInAsAdmin(page, acmeAdminToken);
  const name = uniqueName('OneLogin');
  const first = await createConfiguration(page, { name });
  await copyAndClose(page);
  expect((await scimGet(request, `${first.url}/ServiceProviderConfig`, first.token)).status()).toBe(
    200,
  );

  await openRowAction(page, name, 'Rotate token');
  const confirm = page.getByRole('alertdialog', { name: `Rotate token for ${name}?` });
  await expect(confirm).toContainText('stops working immediately');
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  const rotate = confirm.getByRole('button', { name: 'Rotate token' });
  await confirmationField(confirm).fill(name);
  await rotate.click();

  const second = await readRevealedToken(page);
  expect(second.token).not.toBe(first.token);
  await copyAndClose(page);

  const old = await scimGet(request, `${first.url}/ServiceProviderConfig`, first.token);
  expect(old.status()).toBe(401);
  const fresh = await scimGet(request, `${second.url}/ServiceProviderConfig`, second.token);
  expect(fresh.status()).toBe(200);
});
