import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  lazy,
  type ReactNode,
  Suspense,
  useDeferredValue,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { ScimConfiguration } from '#contracts/scim-configurations.ts';
import { ssoConfigurationLabel } from '#contracts/sso-configurations.ts';
import { Button } from '../../../components/ui/button.tsx';
import { LoadingState } from '../../../components/ui/loading-state.tsx';
import { useNow } from '../../../lib/dates.ts';
import { describeError } from '../../../lib/error-messages.ts';
import { useConfigurationCount } from '../api/activity-queries.ts';
import { useCreatedConfigurationIds } from '../api/new-configurations.ts';
import { scimConfigurationQueries } from '../api/scim-configuration-queries.ts';
import { ssoConfigurationQueries } from '../api/sso-configuration-queries.ts';
import { ConfigurationRow } from './configuration-row.tsx';
import { createPageFlattener, createRowSelector } from './growing-rows.ts';
import { ListToolbar } from './list-toolbar.tsx';
import { DEFAULT_VIEW, type ListView, needsEveryPage } from './list-view.ts';
import { useEveryPage, useIdleAfter } from './use-every-page.ts';
import { useListView } from './use-list-view.ts';
import { type RowActivity, useRowActivity } from './use-row-activity.ts';
import { VirtualRows } from './virtual-rows.tsx';

// Shown only once every page is in, well after the first rows.
const AttentionSummary = lazy(() =>
  import('./attention-summary.tsx').then((m) => ({ default: m.AttentionSummary })),
);

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

/**
 * The version of each row that decides where it goes (the one first shown in this view): a row the
 * admin edits, toggles or rotates stays in place until search, filter or sort change.
 */
function usePlacement({ search, status, sort }: ListView) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new view starts a new placement
  return useMemo(() => {
    const placed = new Map<string, ScimConfiguration>();
    return (configuration: ScimConfiguration) => {
      const known = placed.get(configuration.id);
      if (known) return known;
      placed.set(configuration.id, configuration);
      return configuration;
    };
  }, [search, status, sort]);
}

export function ConfigurationList({ organizationId, empty, createButton }: ConfigurationListProps) {
  const list = useInfiniteQuery(scimConfigurationQueries.list());
  const [flatten] = useState(createPageFlattener);
  const [select] = useState(createRowSelector);
  const items = useMemo(() => flatten(list.data), [flatten, list.data]);
  const ssoName = useSsoNames(organizationId);
  const [view, setView] = useListView();
  // Typing stays responsive: the rows follow the search text a moment later when filtering is slow.
  const shownView = useDeferredValue(view);
  const filtering = needsEveryPage(shownView);
  const idle = useEveryPage(list, needsEveryPage(view));
  const complete = !list.hasNextPage;
  const now = useNow();
  const place = usePlacement(shownView);
  const createdIds = useCreatedConfigurationIds(organizationId);
  const [visibleIds, setVisibleIds] = useState<readonly string[]>([]);
  // The summary needs every batch, but only once every page is in and the rows they completed are
  // on screen (a search's last page often holds its match): until then the list's requests go first.
  const summaryDue = useIdleAfter(idle && complete);
  const activity = useRowActivity(items, visibleIds, summaryDue);
  const lookup = activity.get;
  const reportedTotal = useConfigurationCount();

  const rows = useMemo(() => {
    const selected = filtering ? select(items, shownView, now, lookup, place, ssoName) : items;
    if (createdIds.length === 0) return selected;
    const pinned = new Set(createdIds);
    return selected.filter((item) => !pinned.has(item.id));
  }, [select, items, createdIds, filtering, shownView, now, lookup, place, ssoName]);

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
  if (items.length === 0 && complete && createdIds.length === 0) return <>{empty}</>;

  return (
    <section aria-label="Configurations" className="list-section">
      {summaryDue ? (
        <Suspense fallback={null}>
          <AttentionSummary
            items={items}
            now={now}
            activity={lookup}
            onFilter={(status) => setView({ status }, true)}
          />
        </Suspense>
      ) : null}
      <div className="list-sticky">
        <ListToolbar
          view={view}
          onChange={setView}
          createButton={createButton}
          status={
            <ListStatus
              shown={rows.length + (filtering ? 0 : createdIds.length)}
              loaded={items.length}
              total={reportedTotal}
              filtering={filtering}
              complete={complete}
              updating={list.isFetching && !list.isFetchingNextPage && complete}
              refreshError={list.isRefetchError ? list.error : undefined}
              onRetry={() => void list.refetch()}
            />
          }
        />
        <ColumnHeaders />
      </div>
      {createdIds.length > 0 ? (
        <PinnedRows
          ids={createdIds}
          ssoName={ssoName}
          activity={activity}
          now={now}
          items={items}
          complete={complete}
        />
      ) : null}
      {rows.length === 0 && filtering && complete ? (
        <div className="panel empty-state empty-results">
          <h2>No configurations match</h2>
          <p>
            None of the {items.length.toLocaleString()} configurations matches
            {shownView.search.trim() ? ` “${shownView.search.trim()}”` : ''}
            {shownView.status !== 'all' ? ' with this status' : ''}.
          </p>
          <Button onClick={() => setView(DEFAULT_VIEW, true)}>Clear search and filters</Button>
        </div>
      ) : (
        <VirtualRows
          items={rows}
          ssoName={ssoName}
          complete={complete}
          list={list}
          activity={activity}
          now={now}
          loadAhead={!filtering}
          onVisibleChange={setVisibleIds}
        />
      )}
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
            {filtering
              ? `All ${items.length.toLocaleString()} configurations were searched.`
              : `All ${items.length.toLocaleString()} configurations are shown.`}
          </p>
        )}
      </div>
    </section>
  );
}

function plural(count: number): string {
  return `${count.toLocaleString()} ${count === 1 ? 'configuration' : 'configurations'}`;
}

function ListStatus({
  shown,
  loaded,
  total: reported,
  filtering,
  complete,
  updating,
  refreshError,
  onRetry,
}: {
  shown: number;
  loaded: number;
  /** The organization's count as the activity service last reported it; undefined: unknown. */
  total: number | undefined;
  filtering: boolean;
  complete: boolean;
  updating: boolean;
  refreshError: unknown;
  onRetry: () => void;
}) {
  // Once every page is in, the list itself is the count; before, the reported one (which a create
  // since then may have outrun).
  const total = complete ? loaded : reported === undefined ? undefined : Math.max(reported, loaded);
  let count: string;
  if (!filtering) {
    count = complete
      ? plural(loaded)
      : total !== undefined
        ? `${plural(total)}, ${loaded.toLocaleString()} loaded`
        : `${plural(loaded)} loaded, more available`;
  } else if (total !== undefined) count = `${shown.toLocaleString()} of ${plural(total)}`;
  else count = `${shown.toLocaleString()} found so far`;
  return (
    <div className="list-status">
      <span className="list-count">{count}</span>
      <span className="list-updating" role="status">
        {filtering && !complete ? (
          <>
            <span className="spinner spinner-sm" aria-hidden="true" />{' '}
            {total === undefined
              ? `Searching all configurations, ${loaded.toLocaleString()} loaded so far…`
              : `Searching ${loaded.toLocaleString()} of ${total.toLocaleString()}…`}
          </>
        ) : updating ? (
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

/** Labels the columns of the row layout; the card layout keeps its labels inline instead. */
function ColumnHeaders() {
  return (
    <div className="list-columns" aria-hidden="true">
      <span className="column-main">Name and SSO provider</span>
      <span className="column-status">Status</span>
      <span className="column-expiry">Token expiry</span>
      <span className="column-updated">Updated / last request</span>
      <span className="column-when">Expiry and activity</span>
      <span className="column-toggle">Enabled</span>
    </div>
  );
}

/** The configurations created in this tab, on top of the list and marked New. */
function PinnedRows({
  ids,
  ssoName,
  activity,
  now,
  items,
  complete,
}: {
  ids: readonly string[];
  ssoName: (id: string) => string;
  activity: RowActivity;
  now: Date;
  items: readonly ScimConfiguration[];
  complete: boolean;
}) {
  return (
    <ul
      // biome-ignore lint/a11y/noRedundantRoles: Safari drops list semantics under `list-style: none`
      role="list"
      aria-label="Created just now"
      className="config-list config-list-pinned"
    >
      {ids.map((id) => (
        <PinnedRow
          key={id}
          id={id}
          listed={items.find((item) => item.id === id)}
          complete={complete}
          ssoName={ssoName}
          activity={activity}
          now={now}
        />
      ))}
    </ul>
  );
}

function PinnedRow({
  id,
  listed,
  complete,
  ssoName,
  activity,
  now,
}: {
  id: string;
  listed: ScimConfiguration | undefined;
  complete: boolean;
  ssoName: (id: string) => string;
  activity: RowActivity;
  now: Date;
}) {
  const queryClient = useQueryClient();
  // Create put it in the detail cache; every change (toggle, edit, rotate) is written there too.
  const detail = useQuery({ ...scimConfigurationQueries.detail(id, queryClient), enabled: false });
  const configuration = detail.data ?? listed;
  // Gone from a fully loaded list: deleted elsewhere.
  if (!configuration || (complete && !listed && !detail.data)) return null;
  return (
    <ConfigurationRow
      configuration={configuration}
      ssoName={ssoName(configuration.ssoConfigurationId)}
      activity={activity.supported ? activity.get(configuration.id) : undefined}
      now={now}
      isNew
    />
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
