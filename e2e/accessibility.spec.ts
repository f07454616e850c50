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
    await expectNoViolations(page, 'token reveal dialog');
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
    await expect(page.getByRole('alertdialog')).toBeVisible();
    await expectNoViolations(page, 'delete dialog');
    await page.keyboard.press('Escape');

    await row(page, name).click();
    await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
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
