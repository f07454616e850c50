// Keyset pagination position shared by every list: rows are ordered by (created_at, id).
export interface Keyset {
  createdAt: string;
  id: string;
}

export interface PageQuery {
  /** The last row of the previous page; undefined for the first page. */
  after: Keyset | undefined;
  /** Rows to fetch; callers ask for one more than the page size to learn whether a next page exists. */
  limit: number;
}
