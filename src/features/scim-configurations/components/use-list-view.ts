import { useCallback, useMemo } from 'react';
import { useLocation, useSearch } from 'wouter';
import { type ListView, parseView, serializeView } from './list-view.ts';

/**
 * The list's search, filter and sort, kept in the URL query string so reload, Back and a shared
 * link show the same rows. Typing replaces the history entry; a new filter or sort adds one.
 */
export function useListView(): [ListView, (change: Partial<ListView>, push?: boolean) => void] {
  const search = useSearch();
  const [location, navigate] = useLocation();
  const view = useMemo(() => parseView(search), [search]);
  const setView = useCallback(
    (change: Partial<ListView>, push = false) => {
      const query = serializeView({ ...parseView(search), ...change });
      navigate(query ? `${location}?${query}` : location, { replace: !push });
    },
    [search, location, navigate],
  );
  return [view, setView];
}
