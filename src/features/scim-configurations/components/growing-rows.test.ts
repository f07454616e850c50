import { describe, expect, it } from 'vitest';
import type { ScimConfiguration } from '#contracts/scim-configurations.ts';
import { createPageFlattener, createRowSelector } from './growing-rows.ts';
import { DEFAULT_VIEW, type ListView, selectRows } from './list-view.ts';

const now = new Date('2026-06-01T12:00:00Z');

function configuration(n: number, name = `SCIM configuration ${n}`): ScimConfiguration {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    organizationId: '00000000-0000-4000-8000-000000000000',
    name,
    enabled: true,
    ssoConfigurationId: '',
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    tokenExpiresAt: '2027-01-01T00:00:00Z',
    allowUnverifiedEmailAccountLinking: false,
  };
}

const page = (...items: ScimConfiguration[]) => ({ scimConfigurations: items });
const noActivity = () => undefined;
const same = (c: ScimConfiguration) => c;
const noSso = () => '';

describe('createPageFlattener', () => {
  it('appends only the new pages, showing a row that moved between pages once', () => {
    const flatten = createPageFlattener();
    const first = page(configuration(1), configuration(2));
    const one = flatten({ pages: [first] });
    expect(one.map((c) => c.name)).toEqual(['SCIM configuration 1', 'SCIM configuration 2']);
    const two = flatten({ pages: [first, page(configuration(2), configuration(3))] });
    expect(two.map((c) => c.name)).toEqual([
      'SCIM configuration 1',
      'SCIM configuration 2',
      'SCIM configuration 3',
    ]);
    expect(two).not.toBe(one);
  });

  it('starts over when a loaded page changed (a refetch or an edit)', () => {
    const flatten = createPageFlattener();
    flatten({ pages: [page(configuration(1)), page(configuration(2))] });
    const renamed = flatten({
      pages: [page(configuration(1, 'Renamed')), page(configuration(2))],
    });
    expect(renamed.map((c) => c.name)).toEqual(['Renamed', 'SCIM configuration 2']);
    expect(flatten(undefined)).toEqual([]);
  });
});

describe('createRowSelector', () => {
  const all = Array.from({ length: 30 }, (_, i) => configuration(i + 1));
  const search: ListView = { ...DEFAULT_VIEW, search: 'configuration 2' };

  it('gives what selectRows gives as the list grows, matching only the new rows', () => {
    const select = createRowSelector();
    let matched = 0;
    const counting = (c: ScimConfiguration) => {
      matched += 1;
      return c;
    };
    for (const length of [10, 20, 30]) {
      const items = all.slice(0, length);
      expect(select(items, search, now, noActivity, counting, noSso)).toEqual(
        selectRows(items, search, now, noActivity, same, noSso),
      );
    }
    // Each row was looked at once, not once per page.
    expect(matched).toBe(30);
  });

  it('starts over when the view, or a row already seen, changes', () => {
    const select = createRowSelector();
    select(all.slice(0, 20), search, now, noActivity, same, noSso);
    const other: ListView = { ...DEFAULT_VIEW, search: 'configuration 1' };
    expect(select(all.slice(0, 20), other, now, noActivity, same, noSso)).toEqual(
      selectRows(all.slice(0, 20), other, now, noActivity, same, noSso),
    );
    const edited = [configuration(1, 'configuration 2, renamed'), ...all.slice(1, 20)];
    expect(select(edited, search, now, noActivity, same, noSso).map((c) => c.name)).toEqual([
      'configuration 2, renamed',
      ...selectRows(all.slice(1, 20), search, now, noActivity, same, noSso).map((c) => c.name),
    ]);
  });

  it('sorts the whole list again when a page arrives under a sort', () => {
    const select = createRowSelector();
    const byName: ListView = { ...DEFAULT_VIEW, sort: 'name' };
    const reversed = [...all].reverse();
    select(reversed.slice(0, 10), byName, now, noActivity, same, noSso);
    expect(select(reversed, byName, now, noActivity, same, noSso)[0]?.name).toBe(
      'SCIM configuration 1',
    );
  });
});
