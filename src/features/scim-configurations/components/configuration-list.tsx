import { type InfiniteData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ScimConfiguration } from '#contracts/scim-configurations.ts';
import { ssoConfigurationLabel } from '#contracts/sso-configurations.ts';
import { Button } from '../../../components/ui/button.tsx';
import { LoadingState } from '../../../components/ui/loading-state.tsx';
import { useNow } from '../../../lib/dates.ts';
import { describeError } from '../../../lib/error-messages.ts';
import {
  type ScimConfigurationPage,
  scimConfigurationQueries,
} from '../api/scim-configuration-queries.ts';
import { ssoConfigurationQueries } from '../api/sso-configuration-queries.ts';
import { ConfigurationRow } from './configuration-row.tsx';
import { useRowActivity } from './use-row-activity.ts';
import { useRowHeight } from './use-row-height.ts';

/** Start loading the next page when this many rows or fewer are left below the rendered window. */
const LOAD_AHEAD_ROWS = 20;
const OVERSCAN_ROWS = 8;

function flatten(data: Pick<InfiniteData<ScimConfigurationPage>, 'pages'> | undefined) {
  const items: ScimConfiguration[] = [];
  const seen = new Set<string>();
  for (const page of data?.pages ?? []) {
    for (const item of page.scimConfigurations) {
      // A row can move between pages while paging (inserts, deletes): show it once.
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      items.push(item);
    }
  }
  return items;
}

export function useSsoNames(organizationId: string) {
  const sso = useQuery(ssoConfigurationQueries.list(organizationId));
  return useMemo(() => {
    const names = new Map<string, string>();
    for (const config of sso.data ?? []) names.set(config.id, ssoConfigurationLabel(config));
    return (id: string) => {
      if (!id) return 'No SSO configuration';
      if (sso.isPending) return 'Loading SSO name…';
      return names.get(id) ?? 'Unknown SSO configuration';
    };
  }, [sso.data, sso.isPending]);
}

export interface ConfigurationListProps {
  organizationId: string;
  /** Rendered instead of the list when the organization has no configuration. */
  empty: ReactNode;
  /** The create button: in the toolbar, except in the empty state (which has its own). */
  createButton: ReactNode;
}

export function ConfigurationList({ organizationId, empty, createButton }: ConfigurationListProps) {
  const list = useInfiniteQuery(scimConfigurationQueries.list());
  const items = useMemo(() => flatten(list.data), [list.data]);
  const ssoName = useSsoNames(organizationId);
  const endNotice = useRef<HTMLParagraphElement>(null);
  const loadMoreFocused = useRef(false);
  // The last page replaces "Load more" with the end notice: keep a keyboard user's focus there.
  useEffect(() => {
    if (list.hasNextPage || !loadMoreFocused.current) return;
    loadMoreFocused.current = false;
    const active = document.activeElement;
    if (active === null || active === document.body) endNotice.current?.focus();
  }, [list.hasNextPage]);

  if (list.data === undefined) {
    return (
      <>
        <div className="list-toolbar">
          <span />
          {createButton}
        </div>
        {list.isError ? (
          <div className="panel panel-error" role="alert">
            <h2>Couldn't load SCIM configurations</h2>
            <p>{describeError(list.error)}</p>
            <Button variant="primary" onClick={() => void list.refetch()}>
              Retry
            </Button>
          </div>
        ) : (
          <ListSkeleton />
        )}
      </>
    );
  }
  if (items.length === 0 && !list.hasNextPage) return <>{empty}</>;

  return (
    <section aria-label="Configurations" className="list-section">
      <div className="list-toolbar">
        <ListStatus
          count={items.length}
          complete={!list.hasNextPage}
          updating={list.isFetching && !list.isFetchingNextPage}
          refreshError={list.isRefetchError ? list.error : undefined}
          onRetry={() => void list.refetch()}
        />
        {createButton}
      </div>
      <VirtualRows items={items} ssoName={ssoName} complete={!list.hasNextPage} list={list} />
      <div className="list-footer">
        {list.isFetchNextPageError ? (
          <p className="notice notice-error" role="alert">
            Couldn't load more configurations. {describeError(list.error)}
          </p>
        ) : null}
        {list.hasNextPage ? (
          <Button
            // aria-disabled, not disabled: a disabled button would drop the keyboard focus.
            aria-disabled={list.isFetchingNextPage}
            onClick={() => {
              if (!list.isFetchingNextPage) void list.fetchNextPage({ cancelRefetch: false });
            }}
            onFocus={() => {
              loadMoreFocused.current = true;
            }}
            onBlur={() => {
              loadMoreFocused.current = false;
            }}
          >
            {list.isFetchingNextPage ? 'Loading more…' : 'Load more'}
          </Button>
        ) : (
          <p className="muted" ref={endNotice} tabIndex={-1}>
            All {items.length} configurations are shown.
          </p>
        )}
      </div>
    </section>
  );
}

function ListStatus({
  count,
  complete,
  updating,
  refreshError,
  onRetry,
}: {
  count: number;
  complete: boolean;
  updating: boolean;
  refreshError: unknown;
  onRetry: () => void;
}) {
  return (
    <div className="list-status">
      <span>
        {count} {count === 1 ? 'configuration' : 'configurations'}
        {complete ? '' : ' loaded, more available'}
      </span>
      <span className="list-updating" role="status">
        {updating ? (
          <>
            <span className="spinner spinner-sm" aria-hidden="true" /> Updating…
          </>
        ) : null}
      </span>
      {refreshError ? (
        <span className="notice notice-error notice-inline" role="alert">
          Couldn't refresh: {describeError(refreshError)} Showing the last loaded data.{' '}
          <Button size="sm" onClick={onRetry}>
            Retry
          </Button>
        </span>
      ) : null}
    </div>
  );
}

interface PagedList {
  hasNextPage: boolean;
  isFetching: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError: boolean;
  fetchNextPage: (options: { cancelRefetch: boolean }) => Promise<unknown>;
}

function VirtualRows({
  items,
  ssoName,
  complete,
  list,
}: {
  items: ScimConfiguration[];
  ssoName: (id: string) => string;
  complete: boolean;
  list: PagedList;
}) {
  const containerRef = useRef<HTMLUListElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  const rowHeight = useRowHeight();
  const now = useNow();

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

  const virtualizer = useWindowVirtualizer({
    count: items.length,
    estimateSize: () => rowHeight,
    overscan: OVERSCAN_ROWS,
    scrollMargin,
    getItemKey: (index) => items[index]?.id ?? index,
    // Render the first screenful in the first pass instead of after measuring the window.
    initialRect: { width: window.innerWidth, height: window.innerHeight },
  });

  // Row height changes with the layout (rows vs cards): drop the cached sizes.
  const measuredHeight = useRef(rowHeight);
  useEffect(() => {
    if (measuredHeight.current === rowHeight) return;
    measuredHeight.current = rowHeight;
    virtualizer.measure();
  });

  const virtualRows = virtualizer.getVirtualItems();
  const lastRendered = virtualRows[virtualRows.length - 1]?.index ?? -1;
  const activity = useRowActivity(items, virtualRows[0]?.index ?? 0, lastRendered);
  const { hasNextPage, isFetching, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = list;

  useEffect(() => {
    // Keyboard users have the "Load more" button; scrolling near the end loads on its own.
    if (!hasNextPage || isFetching || isFetchingNextPage || isFetchNextPageError) return;
    if (lastRendered >= items.length - 1 - LOAD_AHEAD_ROWS) {
      void fetchNextPage({ cancelRefetch: false });
    }
  }, [
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
      style={{ height: virtualizer.getTotalSize() }}
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
            style={{
              height: row.size,
              transform: `translateY(${row.start - scrollMargin}px)`,
            }}
          />
        );
      })}
    </ul>
  );
}

function ListSkeleton() {
  return (
    <div className="list-skeleton" aria-busy="true">
      <LoadingState label="Loading SCIM configurations…" />
      {[0, 1, 2, 3, 4].map((i) => (
        <div key={i} className="skeleton-row" aria-hidden="true" />
      ))}
    </div>
  );
}
