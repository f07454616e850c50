import { useEffect, useState } from 'react';

interface PagedQuery {
  /** How many pages are loaded: a fast page can arrive without a render that saw it fetching. */
  data: { pages: readonly unknown[] } | undefined;
  hasNextPage: boolean;
  isFetching: boolean;
  isFetchNextPageError: boolean;
  fetchNextPage: (options: {
    cancelRefetch: boolean;
  }) => Promise<{ hasNextPage: boolean; isFetchNextPageError: boolean }>;
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
 * Whether `condition` holds and has held through an idle moment of the browser: work that can wait
 * starts after what is on screen has rendered.
 */
export function useIdleAfter(condition: boolean): boolean {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    if (!condition || idle) return;
    return whenIdle(() => setIdle(true));
  }, [condition, idle]);
  return condition && idle;
}

/**
 * Loads the pages after the first through the list's own infinite query, one after the other
 * (each needs the previous page's token). `urgent` (a search, filter or sort is waiting for them)
 * asks for each page the moment the previous one arrived; otherwise (the attention summary) one
 * page per idle moment once the first screen has rendered, so the first row is never delayed.
 * When `urgent` ends or the list unmounts, no further page is asked for; a page already requested
 * completes into the shared cache, where it is not wasted. Returns whether the first screen has
 * rendered (background work may start).
 */
export function useEveryPage(list: PagedQuery, urgent: boolean): boolean {
  const firstPaintDone = useIdleAfter(true);

  const { hasNextPage, isFetching, isFetchNextPageError, fetchNextPage } = list;
  const pages = list.data?.pages.length ?? 0;
  const canLoad = hasNextPage && !isFetchNextPageError && pages > 0;

  // Urgent: a loop that does not wait for a render between pages.
  useEffect(() => {
    if (!urgent || !canLoad) return;
    let stopped = false;
    void (async () => {
      let next = await fetchNextPage({ cancelRefetch: false });
      while (!stopped && next.hasNextPage && !next.isFetchNextPageError) {
        next = await fetchNextPage({ cancelRefetch: false });
      }
    })();
    return () => {
      stopped = true;
    };
  }, [urgent, canLoad, fetchNextPage]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: each new page schedules the next one
  useEffect(() => {
    if (urgent || !canLoad || isFetching || !firstPaintDone) return;
    return whenIdle(() => void fetchNextPage({ cancelRefetch: false }));
  }, [pages, urgent, canLoad, isFetching, firstPaintDone, fetchNextPage]);
  return firstPaintDone;
}
