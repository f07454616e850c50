// The list's rows, windowed: only what is on screen (plus a margin) is in the DOM.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ScimConfiguration } from '#contracts/scim-configurations.ts';
import { ConfigurationRow } from './configuration-row.tsx';
import type { RowActivity } from './use-row-activity.ts';
import { useRowHeight } from './use-row-height.ts';
import { useWindowRows } from './use-window-rows.ts';

/** Start loading the next page when this many rows or fewer are left below the rendered window. */
const LOAD_AHEAD_ROWS = 20;
const OVERSCAN_ROWS = 8;

interface PagedList {
  hasNextPage: boolean;
  isFetching: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError: boolean;
  fetchNextPage: (options: { cancelRefetch: boolean }) => Promise<unknown>;
}

export function VirtualRows({
  items,
  ssoName,
  complete,
  list,
  activity,
  now,
  loadAhead,
  onVisibleChange,
}: {
  items: ScimConfiguration[];
  ssoName: (id: string) => string;
  complete: boolean;
  list: PagedList;
  activity: RowActivity;
  now: Date;
  /** Load the next page when the end scrolls into view (the unfiltered list). */
  loadAhead: boolean;
  onVisibleChange: (ids: readonly string[]) => void;
}) {
  const containerRef = useRef<HTMLUListElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  const rowHeight = useRowHeight();

  // The list starts below the page header; the window virtualizer needs that offset.
  useLayoutEffect(() => {
    const element = containerRef.current;
    if (!element) return;
    // Summing offsetTop (not the client rect) keeps the value independent of the scroll position.
    let top = 0;
    for (
      let node: HTMLElement | null = element;
      node;
      node = node.offsetParent as HTMLElement | null
    ) {
      top += node.offsetTop;
    }
    if (Math.abs(top - scrollMargin) > 1) setScrollMargin(top);
  });

  const { rows: virtualRows, totalSize } = useWindowRows({
    count: items.length,
    rowHeight,
    overscan: OVERSCAN_ROWS,
    scrollMargin,
    getKey: (index) => items[index]?.id ?? String(index),
  });

  const lastRendered = virtualRows[virtualRows.length - 1]?.index ?? -1;
  const visibleKey = virtualRows.map((row) => row.key).join(',');
  useEffect(() => {
    onVisibleChange(visibleKey ? visibleKey.split(',') : []);
  }, [visibleKey, onVisibleChange]);
  const { hasNextPage, isFetching, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = list;

  useEffect(() => {
    // Keyboard users have the "Load more" button; scrolling near the end loads on its own.
    if (!loadAhead || !hasNextPage || isFetching || isFetchingNextPage || isFetchNextPageError)
      return;
    if (lastRendered >= items.length - 1 - LOAD_AHEAD_ROWS) {
      void fetchNextPage({ cancelRefetch: false });
    }
  }, [
    loadAhead,
    lastRendered,
    items.length,
    hasNextPage,
    isFetching,
    isFetchingNextPage,
    isFetchNextPageError,
    fetchNextPage,
  ]);

  return (
    <ul
      ref={containerRef}
      // biome-ignore lint/a11y/noRedundantRoles: Safari drops list semantics under `list-style: none`
      role="list"
      aria-label="SCIM configurations"
      className="config-list"
      style={{ height: totalSize }}
    >
      {virtualRows.map((row) => {
        const configuration = items[row.index];
        if (!configuration) return null;
        return (
          <ConfigurationRow
            key={row.key}
            configuration={configuration}
            ssoName={ssoName(configuration.ssoConfigurationId)}
            activity={activity.supported ? activity.get(configuration.id) : undefined}
            now={now}
            position={row.index + 1}
            setSize={complete ? items.length : -1}
            top={row.start - scrollMargin}
            height={row.size}
          />
        );
      })}
    </ul>
  );
}
