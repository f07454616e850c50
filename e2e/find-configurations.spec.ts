// Hundreds of configurations: a new one in sight, search, filter, sort, the URL keeps them, and a
// row that holds at every working width (measured on the text itself), light and dark.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { expiryAdminToken, pagingAdminToken } from './fixtures/accounts.ts';
import {
  confirmationField,
  copyAndClose,
  createConfiguration,
  openRowAction,
  signInAsAdmin,
  uniqueName,
} from './support/app.ts';

const search = (page: Page) => page.getByRole('searchbox', { name: 'Search' });
const statusFilter = (page: Page) => page.getByRole('combobox', { name: 'Status' });
const sortOrder = (page: Page) => page.getByRole('combobox', { name: 'Sort by' });
const listed = (page: Page) => page.getByRole('list', { name: 'SCIM configurations' });

test('a new configuration is on top, marked New and focused when its token dialog closes', async ({
  page,
  context,
  baseURL,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL ?? '' });
  await signInAsAdmin(page, pagingAdminToken);
  await expect(page.getByText('250 configurations', { exact: true })).toBeVisible();
  const name = uniqueName('Brand new');
  await createConfiguration(page, { name, sso: 'Okta' });
  await copyAndClose(page);

  const pinned = page.getByRole('list', { name: 'Created just now' });
  const link = pinned.getByRole('link', { name, exact: true });
  await expect(link).toBeFocused();
  await expect(link).toBeInViewport();
  await expect(pinned.getByText('New', { exact: true })).toBeVisible();

  // Leave the organization at its 250 configurations for the other journeys.
  await openRowAction(page, name, 'Delete');
  const confirm = page.getByRole('alertdialog');
  await confirmationField(confirm).fill(name);
  await confirm.getByRole('button', { name: 'Delete configuration' }).click();
  await expect(page.getByRole('link', { name, exact: true })).toHaveCount(0);
});

test('an admin searches for the 187th configuration by name and opens it', async ({ page }) => {
  await signInAsAdmin(page, pagingAdminToken);
  await search(page).fill('SCIM configuration 187');
  await expect(page.getByText('1 of 250 configurations')).toBeVisible();
  await listed(page).getByRole('link', { name: 'SCIM configuration 187', exact: true }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'SCIM configuration 187' }),
  ).toBeVisible();
  await page.goBack();
  await expect(search(page)).toHaveValue('SCIM configuration 187');
});

test('filter Expired, the attention summary, and a reload that keeps search, filter and sort', async ({
  page,
}) => {
  await signInAsAdmin(page, expiryAdminToken);
  await expect(page.getByText('Needs attention:')).toBeVisible();
  await expect(page.getByText('Needs attention:').locator('..')).toHaveText(
    'Needs attention: 3 expired · 4 expiring within 30 days',
  );

  await statusFilter(page).selectOption({ label: 'Expired' });
  await expect(page.getByText('3 of 30 configurations')).toBeVisible();
  await expect(listed(page).getByRole('listitem')).toHaveCount(3);
  for (const item of await listed(page).getByRole('listitem').all()) {
    await expect(item.getByText(/^Expired (yesterday|\d+ days ago)$/)).toBeVisible();
  }

  await search(page).fill('configuration 0');
  await sortOrder(page).selectOption({ label: 'Expiry (soonest first)' });
  const names = () => listed(page).getByRole('listitem').getByRole('link').allTextContents();
  await expect
    .poll(names)
    .toEqual(['SCIM configuration 03', 'SCIM configuration 02', 'SCIM configuration 01']);
  await expect(page).toHaveURL(/\?q=configuration\+0&status=expired&sort=expiry$/);

  await page.reload();
  await expect(search(page)).toHaveValue('configuration 0');
  await expect(statusFilter(page)).toHaveValue('expired');
  await expect(sortOrder(page)).toHaveValue('expiry');
  await expect
    .poll(names)
    .toEqual(['SCIM configuration 03', 'SCIM configuration 02', 'SCIM configuration 01']);

  // The summary's link applies its filter.
  await statusFilter(page).selectOption({ label: 'All' });
  await search(page).fill('');
  await page.getByRole('link', { name: '4 expiring within 30 days' }).click();
  await expect(page.getByText('4 of 30 configurations')).toBeVisible();
});

interface TextBox {
  row: number;
  element: string;
  text: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The rectangles of every piece of text in the rendered rows (Range.getClientRects, per node). */
function textBoxes(page: Page): Promise<TextBox[]> {
  return page.evaluate(() => {
    const boxes: TextBox[] = [];
    const rows = document.querySelectorAll('[role="listitem"]');
    rows.forEach((row, rowIndex) => {
      const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent?.trim() ?? '';
        const parent = node.parentElement;
        if (!text || !parent || parent.closest('.sr-only, [hidden]')) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const rect of Array.from(range.getClientRects())) {
          if (rect.width === 0 || rect.height === 0) continue;
          boxes.push({
            row: rowIndex,
            element: `${parent.tagName.toLowerCase()}.${parent.className}`,
            text,
            left: rect.left,
            top: rect.top,
            right: rect.right,
            bottom: rect.bottom,
          });
        }
      }
    });
    return boxes;
  });
}

/** Status and expiry texts whose box is cut off by their own element (an ellipsis or overflow). */
function clippedStatusAndExpiry(page: Page) {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('.row-status .chip, .row-expiry time'))
      .filter((element) => {
        const box = element.getBoundingClientRect();
        const range = document.createRange();
        range.selectNodeContents(element);
        const text = range.getBoundingClientRect();
        const cell = element.closest('.row-status, .row-expiry')?.getBoundingClientRect();
        return (
          element.scrollWidth > element.clientWidth + 1 ||
          text.right > box.right + 1 ||
          (cell !== undefined && text.right > cell.right + 1)
        );
      })
      .map((element) => element.textContent),
  );
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the row holds at 768, 1024, 1280 and 1440 px, and the list passes axe (${colorScheme})`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme });
    await signInAsAdmin(page, expiryAdminToken);
    await expect(page.getByText('30 configurations', { exact: true })).toBeVisible();
    for (const width of [768, 1024, 1280, 1440]) {
      await page.setViewportSize({ width, height: 900 });
      await expect(listed(page).getByRole('listitem').first()).toBeVisible();
      const boxes = await textBoxes(page);
      expect(boxes.length, `text in the rows at ${width} px`).toBeGreaterThan(20);
      const overlaps: string[] = [];
      for (const [i, a] of boxes.entries()) {
        for (const b of boxes.slice(i + 1)) {
          if (a.row !== b.row || a.element === b.element) continue;
          const intersect =
            a.left < b.right - 0.5 &&
            b.left < a.right - 0.5 &&
            a.top < b.bottom - 0.5 &&
            b.top < a.bottom - 0.5;
          if (intersect) overlaps.push(`"${a.text}" and "${b.text}" in row ${a.row}`);
        }
      }
      expect(overlaps, `overlapping text at ${width} px`).toEqual([]);
      expect(await clippedStatusAndExpiry(page), `clipped status or expiry at ${width} px`).toEqual(
        [],
      );
      // The column headers are shown with the row layout.
      await expect(page.getByText('Status', { exact: true }).first()).toBeVisible();
      await page.screenshot({
        path: `test-results/screenshots/list-${colorScheme}-${width}.png`,
      });
    }

    // Sticky toolbar: still in view far down the list.
    await page.setViewportSize({ width: 1280, height: 600 });
    await page.mouse.wheel(0, 1500);
    await expect(search(page)).toBeInViewport();

    await search(page).fill('configuration');
    await statusFilter(page).selectOption({ label: 'Needs attention' });
    await expect(page.getByText('7 of 30 configurations')).toBeVisible();
    for (const width of [768, 1024, 1280, 1440]) {
      await page.setViewportSize({ width, height: 900 });
      await expect(listed(page).getByRole('listitem').first()).toBeVisible();
      await page.screenshot({
        path: `test-results/screenshots/list-filtered-${colorScheme}-${width}.png`,
      });
    }
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
      .analyze();
    expect(
      results.violations.map(
        (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      ),
    ).toEqual([]);
  });
}
