// Windowed rows over the page's own scroll, by @tanstack/virtual-core. The core (~9 kB gzip) is
// loaded after the first render, out of the first page's chunk; until it is in, the rows that fit in
// the window are placed where it will place them. A small adapter instead of @tanstack/react-virtual:
// that hook needs the core at the first render, and swapping components later would remount the
// rows (and drop the focus of an admin who is already on one).
import type { Virtualizer } from '@tanstack/virtual-core';
import { useEffect, useLayoutEffect, useReducer, useRef, useState } from 'react';
import { flushSync } from 'react-dom';

type Core = typeof import('@tanstack/virtual-core');
let loadedCore: Core | undefined;
function loadCore(): Promise<Core> {
  return import('@tanstack/virtual-core').then((core) => {
    loadedCore = core;
    return core;
  });
}

export interface WindowRow {
  key: string;
  index: number;
  /** Offset from the top of the document, like the virtualizer's (includes `scrollMargin`). */
  start: number;
  size: number;
}

export interface WindowRowsOptions {
  count: number;
  /** Every row has this height (they never need measuring). */
  rowHeight: number;
  overscan: number;
  /** Where the list starts in the document. */
  scrollMargin: number;
  getKey: (index: number) => string;
}

/** The rows to render and the height of the whole list. */
export function useWindowRows(options: WindowRowsOptions): {
  rows: WindowRow[];
  totalSize: number;
} {
  const [core, setCore] = useState(loadedCore);
  useEffect(() => {
    if (core) return;
    let current = true;
    loadCore().then(
      (loaded) => {
        if (current) setCore(loaded);
      },
      () => {
        // Stays on the first screenful; the next list mount tries again.
      },
    );
    return () => {
      current = false;
    };
  }, [core]);

  const rerender = useReducer((count: number) => count + 1, 0)[1];
  const instance = useRef<Virtualizer<Window, Element> | undefined>(undefined);
  const { count, rowHeight, overscan, scrollMargin, getKey } = options;
  const virtualizerOptions = core && {
    count,
    overscan,
    scrollMargin,
    estimateSize: () => rowHeight,
    getItemKey: getKey,
    getScrollElement: (): Window => window,
    observeElementRect: core.observeWindowRect,
    observeElementOffset: core.observeWindowOffset,
    scrollToFn: core.windowScroll,
    initialOffset: () => window.scrollY,
    initialRect: { width: window.innerWidth, height: window.innerHeight },
    // A scroll event renders synchronously, so a fast scroll never shows blank space.
    onChange: (_: Virtualizer<Window, Element>, sync: boolean) => {
      if (sync) flushSync(rerender);
      else rerender();
    },
  };
  if (core && virtualizerOptions) {
    if (instance.current) instance.current.setOptions(virtualizerOptions);
    else instance.current = new core.Virtualizer(virtualizerOptions);
  }
  const virtualizer = instance.current;

  useLayoutEffect(() => virtualizer?._didMount(), [virtualizer]);
  useLayoutEffect(() => {
    virtualizer?._willUpdate();
  });
  // The row height changes with the layout (rows vs cards): drop the sizes it has cached.
  const measuredHeight = useRef(rowHeight);
  useEffect(() => {
    if (measuredHeight.current === rowHeight) return;
    measuredHeight.current = rowHeight;
    virtualizer?.measure();
  });

  if (!virtualizer) {
    const fitting = Math.min(count, Math.ceil(window.innerHeight / rowHeight) + 1);
    const rows = Array.from({ length: fitting }, (_, index) => ({
      key: getKey(index),
      index,
      start: scrollMargin + index * rowHeight,
      size: rowHeight,
    }));
    return { rows, totalSize: count * rowHeight };
  }
  const rows = virtualizer.getVirtualItems().map(({ key, index, start, size }) => ({
    key: String(key),
    index,
    start,
    size,
  }));
  return { rows, totalSize: virtualizer.getTotalSize() };
}
