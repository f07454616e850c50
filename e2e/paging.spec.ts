// (e) Page through 250 configurations to the end: every one seen once, none twice.
import { expect, test } from '@playwright/test';
import { pagingAdminToken, pagingConfigurationCount } from './fixtures/accounts.ts';
import { signInAsAdmin } from './support/app.ts';

test('an admin pages through every configuration without duplicates', async ({ page }) => {
  await signInAsAdmin(page, pagingAdminToken);
  const seen = new Map<string, number>();
  const positions = new Set<number>();

  for (let step = 0; step < 200; step++) {
    const rows = await page.evaluate(() =>
      Array.from(document.querySelectorAll('[aria-posinset]')).map((item) => ({
        position: Number(item.getAttribute('aria-posinset')),
        href: item.querySelector('a[href^="/scim/"]')?.getAttribute('href') ?? '',
      })),
    );
    for (const { position, href } of rows) {
      if (!href) continue;
      const earlier = seen.get(href);
      expect(
        earlier === undefined || earlier === position,
        `${href} at ${earlier} and ${position}`,
      ).toBe(true);
      seen.set(href, position);
      positions.add(position);
    }
    const loadMore = page.getByRole('button', { name: 'Load more' });
    if (positions.size >= pagingConfigurationCount && (await loadMore.count()) === 0) break;
    if ((await loadMore.count()) > 0 && (await loadMore.isEnabled())) {
      await loadMore.click();
    } else {
      await page.mouse.wheel(0, 1500);
    }
    await page.waitForFunction(() => true);
  }

  expect(seen.size).toBe(pagingConfigurationCount);
  expect(positions.size).toBe(pagingConfigurationCount);
  expect(Math.max(...positions)).toBe(pagingConfigurationCount);
  await expect(page.getByRole('button', { name: 'Load more' })).toHaveCount(0);
});
