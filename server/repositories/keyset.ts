// Keyset pagination position shared by every list: rows are ordered by (created_at, id).
import { type RawBuilder, sql } from 'kysely';

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

/** `(created_at, <idColumn>) > (…)`: a row-value comparison both databases walk the index with. */
export function afterKeyset(idColumn: string, after: Keyset): RawBuilder<boolean> {
  return sql<boolean>`(created_at, ${sql.ref(idColumn)}) > (${after.createdAt}, ${after.id})`;
}
