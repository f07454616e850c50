// A window of an organization's SCIM resources that match a filter, in list order (created_at, id),
// and how many match. better-sqlite3 runs a statement on the event loop, so on SQLite a list that
// reads every row of the organization (no filter, or one no index serves) is evaluated over
// consecutive ranges of the list-order index, one statement per range and a turn of the loop
// between ranges, each range sized from the last one's pace: no turn grows with the organization
// or with what a row costs. PostgreSQL runs statements off the loop, and an indexed filter reads
// only the rows it selects: those keep one statement for the window and one for the total.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { DatabaseKind } from '../db/database.ts';
import type { Condition } from '../scim/scim-filter-compiler.ts';
import type { KeyRange, Keyset } from './keyset.ts';
import { type FilterTarget, servedByIndex } from './scim-filter-sql.ts';

/** The most rows of the index one range reads (its filter evaluated once a row, twice in ranges
 * that hold rows of the window). */
export const MAX_RANGE_ROWS = 1000;
/** The first range's rows; later ranges grow at most twofold each. */
const FIRST_RANGE_ROWS = 16;
/** What a range should take: a row's cost varies a hundredfold (a small user, one at the 64 KiB cap). */
const RANGE_TARGET_MS = 10;

/** The next range's size from the last one's pace, within [1, MAX_RANGE_ROWS]. */
function nextRangeRows(rows: number, elapsedMs: number): number {
  const paced = Math.floor((rows * RANGE_TARGET_MS) / Math.max(elapsedMs, 0.01));
  return Math.max(1, Math.min(paced, rows * 2, MAX_RANGE_ROWS));
}

export interface FilteredList<Row> {
  rows: Row[];
  total: number;
}

/** A filtered list's statements over one table, each restricted to a range of its rows. */
export interface RangeQueries<Row> {
  /** The key of the `rows`-th row after `after` in list order; undefined when fewer follow. */
  rangeEnd(after: Keyset | undefined, rows: number): Promise<Keyset | undefined>;
  /** How many rows of the range match. */
  count(range: KeyRange): Promise<number>;
  /** The matching rows of the range in list order, from the `offset`-th (0-based), at most `limit`. */
  page(range: KeyRange, offset: number, limit: number): Promise<Row[]>;
}

const WHOLE_LIST: KeyRange = { after: undefined, through: undefined };

/** The matches from the `offset`-th (0-based), at most `limit` of them, and their total. */
export async function listFiltered<Row>(
  kind: DatabaseKind,
  target: FilterTarget,
  condition: Condition | undefined,
  offset: number,
  limit: number,
  queries: RangeQueries<Row>,
): Promise<FilteredList<Row>> {
  if (kind !== 'sqlite' || (condition && servedByIndex(condition, target))) {
    const rows = await queries.page(WHOLE_LIST, offset, limit);
    return { rows, total: await queries.count(WHOLE_LIST) };
  }
  const rows: Row[] = [];
  let total = 0;
  let after: Keyset | undefined;
  let size = FIRST_RANGE_ROWS;
  for (;;) {
    const started = performance.now();
    const through = await queries.rangeEnd(after, size);
    const range = { after, through };
    const matched = await queries.count(range);
    // This range holds matches [total, total + matched); the window is [offset, offset + limit).
    if (matched > 0 && rows.length < limit && offset < total + matched) {
      const from = Math.max(0, offset - total);
      rows.push(...(await queries.page(range, from, limit - rows.length)));
    }
    total += matched;
    if (!through) return { rows, total };
    after = through;
    size = nextRangeRows(size, performance.now() - started);
    await nextTurn();
  }
}
