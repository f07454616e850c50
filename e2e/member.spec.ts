// (f) A member who is not an organization admin sees why, not a broken list.
import { expect, test } from '@playwright/test';
import { acmeMemberToken } from './fixtures/accounts.ts';
import { signIn } from './support/app.ts';

test('a member sees the admin-required screen', async ({ page }) => {
  await signIn(page, acmeMemberToken);
  await expect(page.getByText('You need to be an organization admin')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create configuration' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByLabel('Personal access token')).toBeVisible();
});

test('a wrong token is refused next to the field', async ({ page }) => {
  await signIn(page, 'not-a-real-token');
  await expect(page.getByLabel('Personal access token')).toBeVisible();
  await expect(page.getByRole('alert')).toBeVisible();
});
