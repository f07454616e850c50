import type { ReactNode } from 'react';
import {
  type ListView,
  type SortOrder,
  type StatusFilter,
  sortLabels,
  sortOrders,
  statusFilterLabels,
  statusFilters,
} from './list-view.ts';

/** Search, status filter, sort, the count and Create: stays in view while the list scrolls. */
export function ListToolbar({
  view,
  onChange,
  status,
  createButton,
}: {
  view: ListView;
  onChange: (change: Partial<ListView>, push?: boolean) => void;
  status: ReactNode;
  createButton: ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: jsdom (the component tests) has no <search> element yet
    <div className="list-toolbar" role="search" aria-label="Find configurations">
      <div className="list-controls">
        <label className="toolbar-field toolbar-search">
          <span className="toolbar-label">Search</span>
          <input
            type="search"
            className="input"
            value={view.search}
            placeholder="Name or SSO provider"
            // Every configuration is searched, not only the loaded ones.
            onChange={(event) => onChange({ search: event.currentTarget.value })}
          />
        </label>
        <label className="toolbar-field">
          <span className="toolbar-label">Status</span>
          <select
            className="input"
            value={view.status}
            onChange={(event) =>
              onChange({ status: event.currentTarget.value as StatusFilter }, true)
            }
          >
            {statusFilters.map((filter) => (
              <option key={filter} value={filter}>
                {statusFilterLabels[filter]}
              </option>
            ))}
          </select>
        </label>
        <label className="toolbar-field">
          <span className="toolbar-label">Sort by</span>
          <select
            className="input"
            value={view.sort}
            onChange={(event) => onChange({ sort: event.currentTarget.value as SortOrder }, true)}
          >
            {sortOrders.map((order) => (
              <option key={order} value={order}>
                {sortLabels[order]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="list-toolbar-end">
        {status}
        {createButton}
      </div>
    </div>
  );
}
