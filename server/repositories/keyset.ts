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

/** `(created_at, <idColumn>) <= (…)`: the closing bound of a range of rows in list order. */
export function throughKeyset(idColumn: string, through: Keyset): RawBuilder<boolean> {
  return sql<boolean>`(created_at, ${sql.ref(idColumn)}) <= (${through.createdAt}, ${through.id})`;
}

/** Consecutive rows in list order; an absent bound leaves that end open. */
export interface KeyRange {
  /** The row before the range (the range starts at the first row when undefined). */
  after: Keyset | undefined;
  /** The range's last row (the range runs to the last row when undefined). */
  through: Keyset | undefined;
}

/** The conditions keeping a query to the rows of `range` (none for the whole list). */
export function keyRangeBounds(idColumn: string, range: KeyRange): RawBuilder<boolean>[] {
  return [
    ...(range.after ? [afterKeyset(idColumn, range.after)] : []),
    ...(range.through ? [throughKeyset(idColumn, range.through)] : []),
  ];
}
