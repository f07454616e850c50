// Issue 5: the token is real. Test the connection from the dialog, provision a user through the SCIM
// API, watch the detail page report it, rotate, and see the old token refused.
import { expect, test } from '@playwright/test';
import { acmeAdminToken } from './fixtures/accounts.ts';
import {
  confirmationField,
  createConfiguration,
  readRevealedToken,
  row,
  signInAsAdmin,
  uniqueName,
} from './support/app.ts';
import { scimGet, scimPost } from './support/scim.ts';

test('a configuration provisions users and reports its activity', async ({
  page,
  context,
  baseURL,
  request,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL ?? '' });
  await signInAsAdmin(page, acmeAdminToken);
  const name = uniqueName('Provisioning');
  const { reveal, token, url } = await createConfiguration(page, { name });

  await reveal.getByRole('button', { name: 'Test connection' }).click();
  await expect(reveal.getByText(/connection works/i)).toBeVisible();
  await reveal.getByRole('button', { name: 'Copy both' }).click();
  await reveal.getByRole('button', { name: 'Done' }).click();

  await row(page, name).click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();

  const userName = `grace.${Date.now()}@acme.test`;
  const created = await scimPost(request, `${url}/Users`, token, {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName,
    name: { givenName: 'Grace', familyName: 'Hopper' },
    emails: [{ value: userName, type: 'work', primary: true }],
    active: true,
  });
  expect(created.status()).toBe(201);

  await page.reload();
  await expect(
    page.getByText(/last request .*(seconds?|minutes?) ago|last request just now/i),
  ).toBeVisible();
  await expect(page.getByText(/1 provisioned user/i)).toBeVisible();

  await page.getByRole('button', { name: 'Rotate token' }).click();
  const confirm = page.getByRole('alertdialog', { name: `Rotate token for ${name}?` });
  await confirmationField(confirm).fill(name);
  await confirm.getByRole('button', { name: 'Rotate token' }).click();
  const rotated = await readRevealedToken(page);
  await rotated.reveal.getByRole('button', { name: 'Copy both' }).click();
  await rotated.reveal.getByRole('button', { name: 'Done' }).click();

  const refused = await scimGet(request, `${url}/Users`, token);
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toMatchObject({
    schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
    status: '401',
  });
  expect(
    (
      await scimGet(request, `${url}/Users?filter=userName eq "${userName}"`, rotated.token)
    ).status(),
  ).toBe(200);
});
