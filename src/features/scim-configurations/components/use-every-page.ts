import { useEffect, useState } from 'react';

interface PagedQuery {
  /** How many pages are loaded: a fast page can arrive without a render that saw it fetching. */
  data: { pages: readonly unknown[] } | undefined;
  hasNextPage: boolean;
  isFetching: boolean;
  isFetchNextPageError: boolean;
  fetchNextPage: (options: { cancelRefetch: boolean }) => Promise<unknown>;
}

/** requestIdleCallback where the browser has it (Safari does not), else the next macrotask. */
function whenIdle(work: () => void): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const handle = window.requestIdleCallback(work, { timeout: 500 });
    return () => window.cancelIdleCallback(handle);
  }
  const handle = setTimeout(work, 0);
  return () => clearTimeout(handle);
}

/**
 * Loads the pages after the first through the list's own infinite query, one after the other
 * (each needs the previous page's token). `urgent` (a search, filter or sort is waiting for them)
 * fetches each page as soon as the previous one arrived; otherwise (the attention summary) only
 * once the first screen has rendered and the browser is idle, so the first row is never delayed.
 * A change of `urgent` or unmounting cancels the scheduled step; a page already requested
 * completes into the shared cache, where it is not wasted. Returns whether the first screen has
 * rendered (background work may start).
 */
export function useEveryPage(list: PagedQuery, urgent: boolean): boolean {
  const [firstPaintDone, setFirstPaintDone] = useState(false);
  useEffect(() => whenIdle(() => setFirstPaintDone(true)), []);

  const { hasNextPage, isFetching, isFetchNextPageError, fetchNextPage } = list;
  const pages = list.data?.pages.length ?? 0;
  useEffect(() => {
    if (!hasNextPage || isFetching || isFetchNextPageError || pages === 0) return;
    if (urgent) {
      void fetchNextPage({ cancelRefetch: false });
      return;
    }
    if (!firstPaintDone) return;
    return whenIdle(() => void fetchNextPage({ cancelRefetch: false }));
  }, [pages, hasNextPage, isFetching, isFetchNextPageError, fetchNextPage, urgent, firstPaintDone]);
  return firstPaintDone;
}
