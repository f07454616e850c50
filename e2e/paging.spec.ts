// (e) Page through 250 configurations to the end: every one seen once, none twice.
import { expect, type Page, test } from '@playwright/test';
import { pagingAdminToken, pagingConfigurationCount } from './fixtures/accounts.ts';
import { signInAsAdmin } from './support/app.ts';

/** The rows the virtualized list has rendered right now, with their position in the whole list. */
function renderedRows(page: Page) {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('[role="listitem"][aria-posinset]')).map((item) => ({
      position: Number(item.getAttribute('aria-posinset')),
      setSize: Number(item.getAttribute('aria-setsize')),
      href: item.querySelector('a[href^="/scim/"]')?.getAttribute('href') ?? '',
      name: item.querySelector('a[href^="/scim/"]')?.textContent ?? '',
    })),
  );
}

test('an admin pages through every configuration without duplicates', async ({ page }) => {
  await signInAsAdmin(page, pagingAdminToken);
  const everything = page.getByText(`All ${pagingConfigurationCount} configurations are shown.`);
  const loadMore = page.getByRole('button', { name: 'Load more' });

  // Every page loads: in the background after the first screen, and sooner when scrolled to.
  await expect(async () => {
    await page.mouse.wheel(0, 5000);
    await expect(everything).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 30_000 });
  await expect(loadMore).toHaveCount(0);

  // Walk the whole list from the top, half a screen at a time, and record what each position shows.
  await page.evaluate(() => window.scrollTo(0, 0));
  const byPosition = new Map<number, string>();
  const positionsByHref = new Map<string, Set<number>>();
  for (let step = 0; step < 400; step++) {
    for (const row of await renderedRows(page)) {
      expect(row.setSize).toBe(pagingConfigurationCount);
      const shown = byPosition.get(row.position);
      expect(shown === undefined || shown === row.href, `position ${row.position} changed`).toBe(
        true,
      );
      byPosition.set(row.position, row.href);
      positionsByHref.set(row.href, (positionsByHref.get(row.href) ?? new Set()).add(row.position));
    }
    const atBottom = await page.evaluate(() => {
      const before = window.scrollY;
      window.scrollBy(0, window.innerHeight / 2);
      return window.scrollY === before;
    });
    if (atBottom) break;
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  }

  expect(byPosition.size).toBe(pagingConfigurationCount);
  expect(positionsByHref.size).toBe(pagingConfigurationCount);
  const duplicates = [...positionsByHref].filter(([, positions]) => positions.size > 1);
  expect(duplicates).toEqual([]);
  expect(Math.max(...byPosition.keys())).toBe(pagingConfigurationCount);
});
