// The ListResponse (RFC 7644 §3.4.2) shared by /Users and /Groups.
import type { JsonObject, JsonValue } from './scim-json.ts';
import type { Paging } from './scim-query.ts';

/**
 * A page stops growing once its resources reach this many characters of JSON (the first resource
 * always fits): RFC 7644 lets a provider return fewer than `count`, and the client asks for the
 * rest from `startIndex + itemsPerPage`. Keeps every list answer a bounded amount of work.
 */
export const MAX_PAGE_CHARS = 1024 * 1024;
/**
 * A page of groups stops growing once their members reach this many (the first group is always
 * whole): members are streamed a keyset page per turn, but the page's total work stays bounded.
 */
export const MAX_PAGE_STREAMED_VALUES = 10_000;

/** A resource whose one large multi-valued attribute (a group's members) comes a page at a time. */
export interface PagedResource {
  /** Every attribute but the paged one. */
  resource: JsonObject;
  /** The paged attribute: non-empty pages in order; omitted from the JSON when there are none. */
  paged?: { attribute: string; pages: AsyncIterator<JsonValue[]> };
}

/** Collects rendered resources in order while they fit in MAX_PAGE_CHARS and `count`. */
class PageBuilder<Item> {
  readonly items: Item[] = [];
  private chars = 0;
  private streamedValues = 0;
  private full = false;

  constructor(private readonly count: number) {
    if (count === 0) this.full = true;
  }

  get isFull(): boolean {
    return this.full;
  }

  /** `streamedValues`: how many values of the item's paged attribute will be streamed. */
  add(item: Item, resource: JsonObject, streamedValues = 0): void {
    if (this.full) return;
    const size = JSON.stringify(resource).length;
    const first = this.items.length === 0;
    if (
      !first &&
      (this.chars + size > MAX_PAGE_CHARS ||
        this.streamedValues + streamedValues > MAX_PAGE_STREAMED_VALUES)
    ) {
      this.full = true;
      return;
    }
    this.items.push(item);
    this.chars += size;
    this.streamedValues += streamedValues;
    if (
      this.items.length >= this.count ||
      this.chars >= MAX_PAGE_CHARS ||
      this.streamedValues >= MAX_PAGE_STREAMED_VALUES
    ) {
      this.full = true;
    }
  }
}

const LIST_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

/** A ListResponse without its Resources (which always come last). */
function listHead(itemsPerPage: number, totalResults: number, startIndex: number): JsonObject {
  return { schemas: [LIST_RESPONSE_SCHEMA], totalResults, itemsPerPage, startIndex };
}

export function listResponse(
  resources: JsonObject[],
  totalResults: number,
  startIndex: number,
): JsonObject {
  return { ...listHead(resources.length, totalResults, startIndex), Resources: resources };
}

/**
 * The page of a list: `rows` (at most `count` of them, from `startIndex`, as the store found them)
 * are rendered one by one, so a page of large resources stops before it has rendered them all.
 */
export async function listPage<Row>(
  rows: readonly Row[],
  total: number,
  paging: Paging,
  render: (row: Row) => Promise<JsonObject>,
): Promise<JsonObject> {
  const page = new PageBuilder<JsonObject>(paging.count);
  for (const row of rows) {
    if (page.isFull) break;
    const resource = await render(row);
    page.add(resource, resource);
  }
  return listResponse(page.items, total, paging.startIndex);
}

/** A list page whose resources are streamed: the ListResponse without them, and them in order. */
export interface PagedList {
  head: JsonObject;
  resources: PagedResource[];
}

/**
 * listPage for resources with a paged attribute: `render` answers the resource and how many values
 * it will stream (read only when the answer is written), and the page is bounded by both.
 */
export async function pagedListPage<Row>(
  rows: readonly Row[],
  total: number,
  paging: Paging,
  render: (row: Row) => Promise<{ streamed: PagedResource; values: number }>,
): Promise<PagedList> {
  const page = new PageBuilder<PagedResource>(paging.count);
  for (const row of rows) {
    if (page.isFull) break;
    const { streamed, values } = await render(row);
    page.add(streamed, streamed.resource, values);
  }
  return { head: listHead(page.items.length, total, paging.startIndex), resources: page.items };
}
