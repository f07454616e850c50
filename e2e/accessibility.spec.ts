// (h) axe-core finds no violations on any screen or open dialog, in light and dark; and the
// screenshots of the key screens at desktop and phone widths are written to test-results/.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { acmeAdminToken } from './fixtures/accounts.ts';
import {
  createConfiguration,
  openRowAction,
  row,
  signInAsAdmin,
  uniqueName,
} from './support/app.ts';

async function expectNoViolations(page: Page, screen: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  const summary = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
  );
  expect(summary, `axe violations on ${screen}`).toEqual([]);
}

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: false });
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`every screen and dialog passes axe in ${colorScheme} mode`, async ({
    page,
    context,
    baseURL,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: baseURL ?? '',
    });
    await page.emulateMedia({ colorScheme });
    await page.goto('/');
    await expect(page.getByLabel('Personal access token')).toBeVisible();
    await expectNoViolations(page, 'sign-in');

    await signInAsAdmin(page, acmeAdminToken);
    const name = uniqueName(`Axe ${colorScheme}`);
    await page.getByRole('button', { name: 'Create configuration' }).first().click();
    await expect(page.getByRole('dialog', { name: 'Create SCIM configuration' })).toBeVisible();
    await expectNoViolations(page, 'create dialog');
    await page.keyboard.press('Escape');

    const { reveal } = await createConfiguration(page, { name });
    await expectNoViolations(page, 'token reveal dialog, generic kit');
    for (const provider of [
      'Okta',
      'Microsoft Entra ID',
      'OneLogin',
      'JumpCloud',
      'Google Workspace',
    ]) {
      await reveal
        .getByLabel('Identity provider', { exact: true })
        .selectOption({ label: provider });
      await expectNoViolations(page, `token reveal dialog, ${provider} kit`);
    }
    // Closing before copying asks first: that state too.
    await reveal.getByRole('button', { name: 'Done' }).click();
    await expect(reveal.getByRole('button', { name: 'Keep open' })).toBeFocused();
    await expectNoViolations(page, 'token reveal dialog, close confirmation');
    await reveal.getByRole('button', { name: 'Keep open' }).click();
    await reveal
      .getByLabel('Identity provider', { exact: true })
      .selectOption({ label: 'Other SCIM 2.0 client' });
    await reveal.getByRole('button', { name: 'Copy both' }).click();
    await reveal.getByRole('button', { name: 'Done' }).click();
    await expect(row(page, name)).toBeVisible();
    await expectNoViolations(page, 'list');

    await openRowAction(page, name, 'Edit');
    await expect(page.getByRole('dialog', { name: 'Edit SCIM configuration' })).toBeVisible();
    await expectNoViolations(page, 'edit dialog');
    await page.keyboard.press('Escape');

    await openRowAction(page, name, 'Rotate token');
    await expect(page.getByRole('alertdialog')).toBeVisible();
    await expectNoViolations(page, 'rotate dialog');
    await page.keyboard.press('Escape');

    await openRowAction(page, name, 'Delete');
    const remove = page.getByRole('alertdialog');
    await expect(remove).toBeVisible();
    await expectNoViolations(page, 'delete dialog');
    await remove.getByRole('button', { name: 'Delete configuration' }).click();
    await expect(remove.getByText(/That doesn't match/)).toBeVisible();
    await expectNoViolations(page, 'delete dialog, mismatch');
    await page.keyboard.press('Escape');

    await page.getByRole('switch', { name: `Provisioning enabled for ${name}` }).click();
    const disable = page.getByRole('alertdialog', { name: `Disable provisioning for ${name}?` });
    await expect(disable).toBeVisible();
    await expectNoViolations(page, 'disable dialog');
    await disable.getByRole('button', { name: 'Cancel' }).click();

    await row(page, name).click();
    await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
    await expect(page.getByLabel('Identity provider', { exact: true })).toBeVisible();
    await expectNoViolations(page, 'detail');
  });
}

for (const [label, viewport] of [
  ['1440', { width: 1440, height: 900 }],
  ['360', { width: 360, height: 780 }],
] as const) {
  test(`screenshots at ${label} px`, async ({ page, context, baseURL }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: baseURL ?? '',
    });
    await page.setViewportSize(viewport);
    await signInAsAdmin(page, acmeAdminToken);
    const name = uniqueName('Screenshot');
    await page.getByRole('button', { name: 'Create configuration' }).first().click();
    const create = page.getByRole('dialog', { name: 'Create SCIM configuration' });
    await create.getByLabel('Name').fill(name);
    await shoot(page, `create-${label}`);
    await create.getByLabel('SSO configuration').selectOption({ label: 'Okta Workforce' });
    await create.getByRole('button', { name: 'Create configuration' }).click();
    const reveal = page.getByRole('dialog', { name: 'Your SCIM token is shown only once' });
    await expect(reveal).toBeVisible();
    await shoot(page, `token-reveal-${label}`);
    // Tall enough for the dialog to show the whole kit, at the same width.
    await page.setViewportSize({ width: viewport.width, height: 2800 });
    for (const [provider, file] of [
      ['Okta', 'okta'],
      ['Microsoft Entra ID', 'entra'],
      ['OneLogin', 'onelogin'],
      ['JumpCloud', 'jumpcloud'],
      ['Google Workspace', 'google'],
      ['Other SCIM 2.0 client', 'other'],
    ] as const) {
      await reveal
        .getByLabel('Identity provider', { exact: true })
        .selectOption({ label: provider });
      // The whole kit, not only what fits in the viewport.
      await reveal.screenshot({ path: `test-results/screenshots/kit-${file}-${label}.png` });
      const kitOverflow = await reveal.evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(kitOverflow, `${provider} kit overflows sideways`).toBeLessThanOrEqual(0);
    }
    await page.setViewportSize(viewport);
    await reveal.getByRole('button', { name: 'Copy both' }).click();
    await reveal.getByRole('button', { name: 'Done' }).click();
    await expect(row(page, name)).toBeVisible();
    await shoot(page, `list-${label}`);
    await openRowAction(page, name, 'Rotate token');
    await expect(page.getByRole('alertdialog')).toBeVisible();
    await shoot(page, `rotate-${label}`);
    // Nothing may overflow the viewport sideways, at either width.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });
}
