// Steps the journeys share, written the way a user works: by role and accessible name.
import { expect, type Locator, type Page } from '@playwright/test';

export async function signIn(page: Page, token: string) {
  await page.goto('/');
  await page.getByLabel('Personal access token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signInAsAdmin(page: Page, token: string) {
  await signIn(page, token);
  await expect(page.getByRole('heading', { name: 'SCIM provisioning', level: 1 })).toBeVisible();
}

export function uniqueName(prefix: string) {
  return `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** Fills and submits the create dialog; leaves the token reveal dialog open. */
export async function createConfiguration(
  page: Page,
  options: { name: string; sso?: string; lifetime?: string },
) {
  await page.getByRole('button', { name: 'Create configuration' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Create SCIM configuration' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Name').fill(options.name);
  await dialog
    .getByLabel('SSO configuration')
    .selectOption({ label: options.sso ?? 'Okta Workforce' });
  if (options.lifetime) {
    await dialog.getByLabel('Token lifetime').selectOption({ label: options.lifetime });
  }
  await dialog.getByRole('button', { name: 'Create configuration' }).click();
  return readRevealedToken(page);
}

/**
 * The token reveal dialog's two values, read from the generic kit ("Other SCIM 2.0 client"); the
 * provider journeys read their own provider's fields instead.
 */
export async function readRevealedToken(page: Page) {
  const reveal = page.getByRole('dialog', { name: 'Your SCIM token is shown only once' });
  await expect(reveal).toBeVisible();
  await reveal
    .getByLabel('Identity provider', { exact: true })
    .selectOption({ label: 'Other SCIM 2.0 client' });
  const token = await reveal.getByLabel('Bearer token', { exact: true }).inputValue();
  await expect(reveal.getByLabel('SCIM base URL', { exact: true })).toHaveValue(/\/scim\/v2$/);
  const url = await reveal.getByLabel('SCIM base URL', { exact: true }).inputValue();
  expect(token.length).toBeGreaterThan(40);
  return { reveal, token, url };
}

/** Types a typed confirmation (the name, or the fixed word) into a rotate or delete dialog. */
export function confirmationField(dialog: Locator) {
  return dialog.getByLabel(/^Type (the configuration name|this word) to confirm$/);
}

/** Closes the reveal dialog after copying, which needs no confirmation. */
export async function copyAndClose(page: Page) {
  const reveal = page.getByRole('dialog', { name: 'Your SCIM token is shown only once' });
  await reveal
    .getByLabel('Identity provider', { exact: true })
    .selectOption({ label: 'Other SCIM 2.0 client' });
  await reveal.getByRole('button', { name: 'Copy both' }).click();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: /copied/i })
      .first(),
  ).toBeVisible();
  await reveal.getByRole('button', { name: 'Done' }).click();
  await expect(reveal).toBeHidden();
}

export function row(page: Page, name: string) {
  return page.getByRole('link', { name, exact: true });
}

export async function openRowAction(page: Page, name: string, action: string) {
  await page.getByRole('button', { name: `Actions for ${name}` }).click();
  await page.getByRole('menuitem', { name: action }).click();
}

/** Every place a secret could persist in the browser, as one string to search. */
export async function browserState(page: Page) {
  return page.evaluate(() => {
    const dump = (storage: Storage) =>
      Array.from({ length: storage.length }, (_, i) => {
        const key = storage.key(i) ?? '';
        return `${key}=${storage.getItem(key)}`;
      }).join('\n');
    return [
      dump(window.sessionStorage),
      dump(window.localStorage),
      document.documentElement.outerHTML,
      document.cookie,
    ].join('\n');
  });
}
