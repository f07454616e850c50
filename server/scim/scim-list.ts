// The ListResponse (RFC 7644 §3.4.2) shared by /Users and /Groups, with in-memory filtering over
// index-narrowed candidates.
import { LIST_RESPONSE_SCHEMA } from './scim-context.ts';
import type { Predicate } from './scim-filter-compiler.ts';
import type { JsonObject } from './scim-json.ts';
import type { Paging } from './scim-query.ts';

/**
 * A page stops growing once its resources reach this many characters of JSON (the first resource
 * always fits): RFC 7644 lets a provider return fewer than `count`, and the client asks for the
 * rest from `startIndex + itemsPerPage`. Keeps every list answer a bounded amount of work.
 */
export const MAX_PAGE_CHARS = 1024 * 1024;

/** Collects rendered resources in order while they fit in MAX_PAGE_CHARS and `count`. */
class PageBuilder {
  readonly resources: JsonObject[] = [];
  private chars = 0;
  private full = false;

  constructor(private readonly count: number) {
    if (count === 0) this.full = true;
  }

  get isFull(): boolean {
    return this.full;
  }

  add(resource: JsonObject): void {
    if (this.full) return;
    const size = JSON.stringify(resource).length;
    if (this.resources.length > 0 && this.chars + size > MAX_PAGE_CHARS) {
      this.full = true;
      return;
    }
    this.resources.push(resource);
    this.chars += size;
    if (this.resources.length >= this.count || this.chars >= MAX_PAGE_CHARS) this.full = true;
  }
}

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
 * The page of an unfiltered list: `rows` (at most `count` of them, from `startIndex`) are rendered
 * one by one, so a page of large resources stops before it has loaded them all.
 */
export function unfilteredPage<Row>(
  rows: Iterable<Row>,
  total: number,
  paging: Paging,
  render: (row: Row) => JsonObject,
): JsonObject {
  const page = new PageBuilder(paging.count);
  for (const row of rows) {
    if (page.isFull) break;
    page.add(render(row));
  }
  return listResponse(page.resources, total, paging.startIndex);
}

/**
 * Runs `predicate` over candidates in list order, counting every match and rendering only the
 * requested page, so memory stays bounded by the page size and MAX_PAGE_CHARS.
 */
export function filteredPage<Row>(
  candidates: Iterable<Row>,
  toResource: (row: Row) => JsonObject,
  predicate: Predicate,
  paging: Paging,
  render: (row: Row, resource: JsonObject) => JsonObject,
): JsonObject {
  let total = 0;
  const page = new PageBuilder(paging.count);
  for (const row of candidates) {
    const resource = toResource(row);
    if (!predicate(resource)) continue;
    total += 1;
    if (total >= paging.startIndex && !page.isFull) page.add(render(row, resource));
  }
  return listResponse(page.resources, total, paging.startIndex);
}
