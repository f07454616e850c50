// The ListResponse (RFC 7644 §3.4.2) shared by /Users and /Groups, with in-memory filtering over
// index-narrowed candidates.
import { LIST_RESPONSE_SCHEMA } from './scim-context.ts';
import type { Predicate } from './scim-filter-compiler.ts';
import type { JsonObject } from './scim-json.ts';
import type { Paging } from './scim-query.ts';

export function listResponse(
  resources: JsonObject[],
  totalResults: number,
  startIndex: number,
): JsonObject {
  return {
    schemas: [LIST_RESPONSE_SCHEMA],
    totalResults,
    itemsPerPage: resources.length,
    startIndex,
    Resources: resources,
  };
}

/**
 * Runs `predicate` over candidates in list order, counting every match and rendering only the
 * requested page, so memory stays bounded by the page size.
 */
export function filteredPage<Row>(
  candidates: Iterable<Row>,
  toResource: (row: Row) => JsonObject,
  predicate: Predicate,
  paging: Paging,
  render: (row: Row, resource: JsonObject) => JsonObject,
): JsonObject {
  let total = 0;
  const page: JsonObject[] = [];
  for (const row of candidates) {
    const resource = toResource(row);
    if (!predicate(resource)) continue;
    total += 1;
    if (total >= paging.startIndex && page.length < paging.count) page.push(render(row, resource));
  }
  return listResponse(page, total, paging.startIndex);
}
