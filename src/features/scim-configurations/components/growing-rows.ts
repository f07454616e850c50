// The list grows one page at a time while a search loads every page (100 pages for 10,000
// configurations). Redoing the flattening and the search over every loaded row per page costs
// O(rows × pages); these remember the last answer and only work through the rows that are new.
import type { ScimConfiguration } from '#contracts/scim-configurations.ts';
import { type ActivityLookup, type ListView, selectRows } from './list-view.ts';

interface Paged {
  readonly pages: readonly { readonly scimConfigurations: readonly ScimConfiguration[] }[];
}

/** Whether `longer` starts with exactly the elements of `shorter` (by identity). */
function startsWith<T>(longer: readonly T[], shorter: readonly T[]): boolean {
  if (shorter.length > longer.length) return false;
  for (let i = 0; i < shorter.length; i++) if (longer[i] !== shorter[i]) return false;
  return true;
}

/**
 * The rows of every loaded page in order, each once (a row can move between pages while paging).
 * Pages the cache already kept (React Query keeps unchanged pages as the same objects) are not
 * walked again.
 */
export function createPageFlattener(): (data: Paged | undefined) => ScimConfiguration[] {
  let pages: Paged['pages'] = [];
  let items: ScimConfiguration[] = [];
  let seen = new Set<string>();
  return (data) => {
    const next = data?.pages ?? [];
    if (!startsWith(next, pages)) {
      pages = [];
      items = [];
      seen = new Set();
    }
    if (next === pages) return items;
    const added: ScimConfiguration[] = [];
    for (const page of next.slice(pages.length)) {
      for (const item of page.scimConfigurations) {
        if (seen.has(item.id)) continue;
        seen.add(item.id);
        added.push(item);
      }
    }
    pages = next;
    // A new array each time: it is a React dependency.
    items = items.concat(added);
    return items;
  };
}

type SelectArgs = [
  view: ListView,
  now: Date,
  activity: ActivityLookup,
  placed: (configuration: ScimConfiguration) => ScimConfiguration,
  ssoName: (id: string) => string,
];

/**
 * `selectRows` for a list that grows at its end: with the same view, time, activity and names, and
 * no sort (a sorted answer has to be redone), only the rows added since the last call are matched.
 */
export function createRowSelector(): (
  items: readonly ScimConfiguration[],
  ...args: SelectArgs
) => ScimConfiguration[] {
  let last:
    | { items: readonly ScimConfiguration[]; args: SelectArgs; rows: ScimConfiguration[] }
    | undefined;
  return (items, ...args) => {
    const [view] = args;
    const previous = last;
    const sameArgs =
      previous !== undefined &&
      view.sort === 'created' &&
      previous.args[0].search === view.search &&
      previous.args[0].status === view.status &&
      args.every((arg, i) => i === 0 || arg === previous.args[i]);
    if (sameArgs && items === previous.items) return previous.rows;
    const rows =
      sameArgs && startsWith(items, previous.items)
        ? previous.rows.concat(selectRows(items.slice(previous.items.length), ...args))
        : selectRows(items, ...args);
    last = { items, args, rows };
    return rows;
  };
}
