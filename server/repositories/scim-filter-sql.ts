// A resolved SCIM filter (scim-filter-compiler.ts) as a WHERE condition, the same on SQLite and
// PostgreSQL: attributes the rows keep in columns are compared there (so `userName eq`,
// `externalId eq` and `id eq` use their indexes), multi-valued attributes stored as rows of
// another table become EXISTS over it, and everything else is read from the JSON attributes.
import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import {
  type Condition,
  type ConditionOperator,
  type FilterOperand,
  foldAscii,
} from '../scim/scim-filter-compiler.ts';
import type { DialectSql } from './dialect-sql.ts';

/** A value a condition can read. */
export type Field =
  /** Text as given; `nullable` columns need a NULL-safe comparison. */
  | { kind: 'text'; column: Expression<unknown>; nullable: boolean }
  /** Text stored folded with toLowerCase (a case-insensitive unique key): operands are folded alike. */
  | { kind: 'folded'; column: Expression<unknown> }
  /** A 0/1 integer column. */
  | { kind: 'flag'; column: Expression<unknown> }
  | { kind: 'json'; document: Expression<unknown>; path: readonly string[] };

/** A multi-valued attribute kept as rows of another table, e.g. a user's groups. */
export interface Relation {
  /** EXISTS over the related rows of the current row that satisfy `where` (TRUE: any row). */
  exists(where: RawBuilder<SqlBool>): RawBuilder<SqlBool>;
  /** The element's sub-attributes, by canonical name. */
  fields: Readonly<Record<string, Field>>;
}

export interface FilterTarget {
  /** The row's JSON attributes column. */
  attributes: Expression<unknown>;
  /** Root attribute paths (joined with ".") kept in columns of the row. */
  columns: Readonly<Record<string, Field>>;
  /** Root multi-valued attributes kept in other tables. */
  relations: Readonly<Record<string, Relation>>;
  /** Root paths of `columns` an index finds by value within an organization (or by primary key). */
  indexed: readonly string[];
}

const TRUE = sql<SqlBool>`(1 = 1)`;
const FALSE = sql<SqlBool>`(1 = 0)`;

/** `% _ \` taken literally in a LIKE pattern with ESCAPE '\'. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

const likePattern: Record<'co' | 'sw' | 'ew', (text: string) => string> = {
  co: (text) => `%${escapeLike(text)}%`,
  sw: (text) => `${escapeLike(text)}%`,
  ew: (text) => `%${escapeLike(text)}`,
};

const ordering = { gt: '>', ge: '>=', lt: '<', le: '<=' } as const;

/** Everything but the value itself stays FALSE, never NULL, so `not` means what it says. */
const nullSafe = (condition: RawBuilder<SqlBool>) => sql<SqlBool>`coalesce(${condition}, ${FALSE})`;

type Scope = (path: readonly string[]) => Field;

export function createFilterSql(dialect: DialectSql) {
  function textCompare(
    value: Expression<unknown>,
    operator: ConditionOperator,
    operand: string,
  ): RawBuilder<SqlBool> {
    if (operator === 'eq') return sql<SqlBool>`${value} = ${operand}`;
    if (operator === 'co' || operator === 'sw' || operator === 'ew') {
      return sql<SqlBool>`${dialect.bytewise(value)} LIKE ${likePattern[operator](operand)} ESCAPE '\\'`;
    }
    return sql<SqlBool>`${dialect.bytewise(value)} ${sql.raw(ordering[operator])} ${operand}`;
  }

  function compare(
    field: Field,
    operator: ConditionOperator,
    operand: FilterOperand,
  ): RawBuilder<SqlBool> {
    if (operand.type === 'boolean') {
      if (field.kind === 'flag') return sql<SqlBool>`${field.column} = ${operand.value ? 1 : 0}`;
      if (field.kind !== 'json') return FALSE;
      return nullSafe(
        sql<SqlBool>`${dialect.jsonRepr(field.document, field.path)} = ${String(operand.value)}`,
      );
    }
    const caseExact = operand.type === 'dateTime' || operand.caseExact;
    switch (field.kind) {
      case 'flag':
        return FALSE;
      case 'folded':
        return textCompare(field.column, operator, operand.value.toLowerCase());
      case 'text': {
        const value = caseExact ? field.column : dialect.lowerAscii(field.column);
        const condition = textCompare(
          value,
          operator,
          caseExact ? operand.value : foldAscii(operand.value),
        );
        // IS NOT NULL AND …, not coalesce(): the index on the column still serves `eq`.
        return field.nullable
          ? sql<SqlBool>`(${field.column} IS NOT NULL AND ${condition})`
          : condition;
      }
      case 'json': {
        const text = dialect.jsonText(field.document, field.path);
        const value = caseExact ? text : dialect.lowerAscii(text);
        return nullSafe(
          textCompare(value, operator, caseExact ? operand.value : foldAscii(operand.value)),
        );
      }
    }
  }

  function present(field: Field): RawBuilder<SqlBool> {
    switch (field.kind) {
      case 'flag':
        return TRUE;
      case 'folded':
        return sql<SqlBool>`${field.column} <> ''`;
      case 'text':
        return field.nullable
          ? sql<SqlBool>`(${field.column} IS NOT NULL AND ${field.column} <> '')`
          : sql<SqlBool>`${field.column} <> ''`;
      case 'json':
        return nullSafe(
          sql<SqlBool>`${dialect.jsonRepr(field.document, field.path)} NOT IN ('null', '""', '[]')`,
        );
    }
  }

  function build(
    condition: Condition,
    scope: Scope,
    target: FilterTarget | undefined,
  ): RawBuilder<SqlBool> {
    switch (condition.kind) {
      case 'and':
      case 'or':
        return sql<SqlBool>`(${build(condition.left, scope, target)} ${sql.raw(condition.kind.toUpperCase())} ${build(condition.right, scope, target)})`;
      case 'not':
        return sql<SqlBool>`(NOT ${build(condition.condition, scope, target)})`;
      case 'compare':
        return compare(scope(condition.path), condition.operator, condition.operand);
      case 'present': {
        const relation = target && relationAt(target, condition.path);
        return relation ? relation.exists(TRUE) : present(scope(condition.path));
      }
      case 'any': {
        const relation = target && relationAt(target, condition.path);
        if (relation) {
          return relation.exists(build(condition.condition, relationScope(relation), undefined));
        }
        // The compiler never nests `any`: only a resource's own attributes have elements.
        if (!target) throw new Error('a value filter inside a value filter');
        const elements = dialect.jsonElements(
          dialect.document(target.attributes),
          condition.path,
          'element',
        );
        const element = sql.ref('element.value');
        const inner = build(
          condition.condition,
          (path) => ({ kind: 'json', document: element, path }),
          undefined,
        );
        return sql<SqlBool>`EXISTS (SELECT 1 FROM ${elements} WHERE ${inner})`;
      }
    }
  }

  return {
    /** The WHERE condition selecting the rows of `target` that satisfy `condition`. */
    where(condition: Condition, target: FilterTarget): RawBuilder<SqlBool> {
      const document = dialect.document(target.attributes);
      const scope: Scope = (path) =>
        target.columns[path.join('.')] ?? { kind: 'json', document, path };
      return build(condition, scope, target);
    },
  };
}

/**
 * Whether an index finds the rows `condition` selects, so the database reads those rows only: an
 * exact `eq` on an indexed column (compared as stored, see `compare`), or an `and` with such a side.
 * Anything else may read every row of the organization (SQLite serves an `or` of two indexes only
 * when its planner chooses to).
 */
export function servedByIndex(condition: Condition, target: FilterTarget): boolean {
  switch (condition.kind) {
    case 'and':
      return servedByIndex(condition.left, target) || servedByIndex(condition.right, target);
    case 'compare': {
      const path = condition.path.join('.');
      const field = target.columns[path];
      const { operand } = condition;
      if (!field || !target.indexed.includes(path)) return false;
      if (condition.operator !== 'eq' || operand.type !== 'string') return false;
      // A text column not compared exactly is compared as lower(column), which no index holds.
      return field.kind === 'folded' || (field.kind === 'text' && operand.caseExact);
    }
    default:
      return false;
  }
}

function relationAt(target: FilterTarget, path: readonly string[]): Relation | undefined {
  const [name] = path;
  return path.length === 1 && name !== undefined ? target.relations[name] : undefined;
}

function relationScope(relation: Relation): Scope {
  return (path) => {
    const field = relation.fields[path.join('.')];
    // The compiler refuses the computed sub-attributes ($ref, type), the only ones not kept.
    if (!field) throw new Error(`no column for ${path.join('.')}`);
    return field;
  };
}
