// The SQL that must differ between SQLite and PostgreSQL, in one place and chosen by the
// executor's kind: JSON access, the larger of two values, a list of ids as a set of rows, rows'
// text joined in order, and what a unique violation looks like. Every other query is written once, in Kysely.
import { type Expression, type RawBuilder, sql } from 'kysely';
import type { DatabaseKind } from '../db/database.ts';

export interface DialectSql {
  /** A JSON text column as the document the functions below read. */
  document(column: Expression<unknown>): RawBuilder<unknown>;
  /** The string at `path` as SQL text (NULL when missing; numbers as numbers on SQLite). */
  jsonText(document: Expression<unknown>, path: readonly string[]): RawBuilder<string | null>;
  /** The JSON text of the value at `path`: `"a"`, `true`, `[]`…; NULL when missing. */
  jsonRepr(document: Expression<unknown>, path: readonly string[]): RawBuilder<string | null>;
  /**
   * A FROM item: one row per element of the array at `path` (none when it is not an array), its
   * `value` column a document again.
   */
  jsonElements(
    document: Expression<unknown>,
    path: readonly string[],
    alias: string,
  ): RawBuilder<unknown>;
  /** ASCII-only lower case on both (see foldAscii in scim-filter-compiler.ts). */
  lowerAscii(text: Expression<unknown>): RawBuilder<string>;
  /** Text in byte order for <, >, LIKE (SQLite's BINARY collation; "C" on PostgreSQL). */
  bytewise(text: Expression<unknown>): RawBuilder<string>;
  /** The larger of two values of one row. */
  greatest(a: Expression<unknown>, b: Expression<unknown>): RawBuilder<string>;
  /** A FROM item: one row per id of `ids` (bound as one JSON parameter), in column `value`. */
  idRows(ids: Iterable<string>, alias: string): RawBuilder<unknown>;
  /**
   * The texts of a subquery's rows as one, each on its own line, in the subquery's order (`order`:
   * its ORDER BY columns); NULL for no rows. One value instead of one row object per row.
   */
  linesInOrder(
    text: Expression<unknown>,
    order: readonly Expression<unknown>[],
  ): RawBuilder<string | null>;
}

const sqlitePath = (path: readonly string[]) =>
  `$${path.map((key) => `.${JSON.stringify(key)}`).join('')}`;

const sqliteDialect: DialectSql = {
  document: (column) => sql`${column}`,
  jsonText: (document, path) => sql<string | null>`(${document} ->> ${sqlitePath(path)})`,
  jsonRepr: (document, path) => sql<string | null>`(${document} -> ${sqlitePath(path)})`,
  jsonElements: (document, path, alias) =>
    sql`json_each(${document}, ${sqlitePath(path)}) AS ${sql.ref(alias)}`,
  lowerAscii: (text) => sql<string>`lower(${text})`,
  bytewise: (text) => sql<string>`${text}`,
  greatest: (a, b) => sql<string>`max(${a}, ${b})`,
  idRows: (ids, alias) => sql`json_each(${JSON.stringify([...ids])}) AS ${sql.ref(alias)}`,
  // SQLite aggregates an ordered subquery's rows as the subquery yields them, in order (a test in
  // scim-configuration-json.test.ts holds it to that); an ORDER BY in group_concat would sort them
  // again in a temporary B-tree, most of a 100-row page's time.
  linesInOrder: (text) => sql<string | null>`group_concat(${text}, char(10))`,
};

const textArray = (path: readonly string[]) => sql`CAST(${[...path]} AS text[])`;

const postgresDialect: DialectSql = {
  document: (column) => sql`CAST(${column} AS jsonb)`,
  jsonText: (document, path) => sql<string | null>`(${document} #>> ${textArray(path)})`,
  jsonRepr: (document, path) => sql<string | null>`CAST(${document} #> ${textArray(path)} AS text)`,
  // jsonb_array_elements fails on anything but an array, so anything else is an empty one.
  jsonElements: (document, path, alias) => {
    const value = sql`(${document} #> ${textArray(path)})`;
    return sql`jsonb_array_elements(CASE WHEN jsonb_typeof(${value}) = 'array' THEN ${value} ELSE '[]'::jsonb END) AS ${sql.ref(alias)}(value)`;
  },
  lowerAscii: (text) => sql<string>`lower(${text} COLLATE "C")`,
  bytewise: (text) => sql<string>`(${text} COLLATE "C")`,
  greatest: (a, b) => sql<string>`greatest(${a}, ${b})`,
  // In the id columns' "C" collation: compared with a column of another collation, PostgreSQL
  // could not tell which to use.
  idRows: (ids, alias) =>
    sql`(SELECT value COLLATE "C" AS value FROM json_array_elements_text(CAST(${JSON.stringify([...ids])} AS json))) AS ${sql.ref(alias)}`,
  linesInOrder: (text, order) =>
    sql<string | null>`string_agg(${text}, E'\n' ORDER BY ${sql.join(order)})`,
};

export function dialectSql(kind: DatabaseKind): DialectSql {
  return kind === 'postgres' ? postgresDialect : sqliteDialect;
}

/** A UNIQUE or PRIMARY KEY violation, as either database reports it. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Error) || !('code' in error)) return false;
  return (
    // PostgreSQL's unique_violation (pg's DatabaseError carries the SQLSTATE in `code`).
    error.code === '23505' ||
    error.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}
