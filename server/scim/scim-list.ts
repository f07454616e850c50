// The ListResponse (RFC 7644 §3.4.2) shared by /Users and /Groups.
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

const LIST_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

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
 * The page of a list: `rows` (at most `count` of them, from `startIndex`, as the store found them)
 * are rendered one by one, so a page of large resources stops before it has rendered them all.
 */
export async function listPage<Row>(
  rows: readonly Row[],
  total: number,
  paging: Paging,
  render: (row: Row) => Promise<JsonObject>,
): Promise<JsonObject> {
  const page = new PageBuilder(paging.count);
  for (const row of rows) {
    if (page.isFull) break;
    page.add(await render(row));
  }
  return listResponse(page.resources, total, paging.startIndex);
}
