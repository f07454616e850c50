// Turns a parsed filter into a condition over a resource's attributes, storage-free: attribute
// names are resolved (case-insensitively) and operators checked against attribute types up
// front, so a bad filter is a 400 even when there is nothing to match. The store turns a
// condition into SQL (server/repositories/scim-filter-sql.ts); PATCH value filters evaluate it
// over one value in memory (matchesElement).
import { badRequest } from './scim-errors.ts';
import type { AttributePath, CompareOperator, Filter, FilterValue } from './scim-filter-parser.ts';
import { isJsonObject, type JsonObject, type JsonValue } from './scim-json.ts';
import {
  type AttributeDefinition,
  findAttribute,
  findExtension,
  isCoreSchema,
  type ResourceSchema,
  type SchemaDefinition,
} from './scim-schema-definitions.ts';

export interface ResolvedPath {
  /** Set when the attribute lives in an extension object (`urn:…:enterprise:2.0:User`). */
  extension?: SchemaDefinition;
  definition: AttributeDefinition;
  subDefinition?: AttributeDefinition;
}

/** Finds the definitions a path names; undefined when the schema has no such attribute. */
export function resolvePath(schema: ResourceSchema, path: AttributePath): ResolvedPath | undefined {
  let resolved: ResolvedPath | undefined;
  const topLevel = [...schema.common, ...schema.core.attributes];
  if (path.schema === undefined || isCoreSchema(schema, path.schema)) {
    const definition = findAttribute(topLevel, path.attribute);
    if (definition) resolved = { definition };
    if (!resolved && path.schema === undefined) {
      // Unqualified extension attributes (`employeeNumber`) are accepted when unambiguous.
      for (const extension of schema.extensions) {
        const found = findAttribute(extension.attributes, path.attribute);
        if (found) resolved = { extension, definition: found };
      }
    }
  } else {
    const extension = findExtension(schema, path.schema);
    const definition = extension && findAttribute(extension.attributes, path.attribute);
    if (extension && definition) resolved = { extension, definition };
  }
  if (!resolved || path.subAttribute === undefined) return resolved;
  const subDefinition = findAttribute(resolved.definition.subAttributes ?? [], path.subAttribute);
  return subDefinition ? { ...resolved, subDefinition } : undefined;
}

/** What a comparison compares with, typed by the attribute it is applied to. */
export type FilterOperand =
  | { type: 'string'; value: string; caseExact: boolean }
  | { type: 'boolean'; value: boolean }
  /** Normalized to `Date.toISOString()`, the form timestamps are stored in. */
  | { type: 'dateTime'; value: string };

/** `ne` is `not eq`, so the store and the matcher only know these. */
export type ConditionOperator = Exclude<CompareOperator, 'ne'>;

/**
 * A filter with every attribute resolved. Paths are canonical attribute names from the scope's
 * root: `[extension id?, attribute, sub-attribute?]` for a resource, `[sub-attribute]` inside
 * `any`. Every `compare` and `present` path names a single value: multi-valued attributes are
 * reached through `any` (some value of the attribute satisfies the inner condition).
 */
export type Condition =
  | { kind: 'and' | 'or'; left: Condition; right: Condition }
  | { kind: 'not'; condition: Condition }
  | { kind: 'compare'; path: string[]; operator: ConditionOperator; operand: FilterOperand }
  /** Assigned and neither "" nor an empty array (RFC 7644 §3.4.2.2 `pr`). */
  | { kind: 'present'; path: string[] }
  | { kind: 'any'; path: string[]; condition: Condition };

// Computed when a resource is rendered, never stored: filtering on them would need the
// endpoint's URL inside the query.
const computedPaths = new Set([
  'meta.resourcetype',
  'meta.location',
  'groups.$ref',
  'groups.type',
  'members.$ref',
  'members.type',
]);

function unknownAttribute(path: AttributePath): never {
  const name = [path.schema, path.attribute].filter(Boolean).join(':');
  const full = path.subAttribute ? `${name}.${path.subAttribute}` : name;
  throw badRequest('invalidFilter', `Unknown attribute "${full}" in filter`);
}

function pathLabel(path: AttributePath): string {
  return path.subAttribute ? `${path.attribute}.${path.subAttribute}` : path.attribute;
}

/** A resolved attribute path: where its values are and what type they have. */
interface Target {
  /** The multi-valued attribute the values are elements of, when there is one. */
  multi?: string[];
  /** The value: from the root, or from an element of `multi`. */
  path: string[];
  definition: AttributeDefinition;
}

type Scope = (path: AttributePath) => Target;

function resourceScope(schema: ResourceSchema): Scope {
  return (path) => {
    const resolved = resolvePath(schema, path);
    if (!resolved) unknownAttribute(path);
    const { extension, definition, subDefinition } = resolved;
    const label = `${definition.name}.${subDefinition?.name ?? ''}`.toLowerCase();
    if (computedPaths.has(label) || (definition.name === 'meta' && !subDefinition)) {
      throw badRequest('invalidFilter', `${pathLabel(path)} cannot be used in a filter`);
    }
    const base = extension ? [extension.id, definition.name] : [definition.name];
    if (definition.multiValued) {
      // A multi-valued complex attribute without a sub-attribute compares its `value` (§3.4.2.2).
      const element =
        subDefinition ??
        (definition.type === 'complex'
          ? findAttribute(definition.subAttributes ?? [], 'value')
          : undefined);
      if (!element) return { path: base, definition };
      return { multi: base, path: [element.name], definition: element };
    }
    if (subDefinition) return { path: [...base, subDefinition.name], definition: subDefinition };
    return { path: base, definition };
  };
}

/** Inside `emails[…]` names refer to the sub-attributes of one value. */
function elementScope(parent: AttributeDefinition): Scope {
  return (path) => {
    if (path.schema !== undefined || path.subAttribute !== undefined) unknownAttribute(path);
    const definition = findAttribute(parent.subAttributes ?? [], path.attribute);
    if (!definition) unknownAttribute({ attribute: `${parent.name}.${path.attribute}` });
    if (computedPaths.has(`${parent.name}.${definition.name}`.toLowerCase())) {
      throw badRequest(
        'invalidFilter',
        `${parent.name}.${definition.name} cannot be used in a filter`,
      );
    }
    return { path: [definition.name], definition };
  };
}

/** Wraps a condition on one value so it applies to some element of a multi-valued attribute. */
function onTarget(target: Target, condition: (path: string[]) => Condition): Condition {
  const inner = condition(target.path);
  return target.multi ? { kind: 'any', path: target.multi, condition: inner } : inner;
}

const negate = (condition: Condition): Condition => ({ kind: 'not', condition });

function operandOf(
  definition: AttributeDefinition,
  operator: CompareOperator,
  value: string | number | boolean,
  label: string,
): FilterOperand {
  const typeError = () =>
    badRequest(
      'invalidFilter',
      `${label} is a ${definition.type} and cannot be compared with ${JSON.stringify(value)}`,
    );
  switch (definition.type) {
    case 'complex':
      throw badRequest('invalidFilter', `${label} is complex: compare one of its sub-attributes`);
    case 'boolean':
      if (typeof value !== 'boolean') throw typeError();
      if (operator !== 'eq' && operator !== 'ne') {
        throw badRequest('invalidFilter', `"${operator}" cannot be applied to a boolean`);
      }
      return { type: 'boolean', value };
    case 'integer':
    case 'decimal':
      // No attribute of this endpoint's schemas has a numeric type.
      throw badRequest('invalidFilter', `${label} cannot be used in a filter`);
    case 'dateTime': {
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw typeError();
      if (operator === 'co' || operator === 'sw' || operator === 'ew') {
        throw badRequest('invalidFilter', `"${operator}" cannot be applied to numbers or dates`);
      }
      return { type: 'dateTime', value: new Date(Date.parse(value)).toISOString() };
    }
    default:
      if (typeof value !== 'string') throw typeError();
      return { type: 'string', value, caseExact: definition.caseExact };
  }
}

function compareCondition(
  target: Target,
  operator: CompareOperator,
  value: FilterValue,
  label: string,
): Condition {
  const present = onTarget(target, (path) => ({ kind: 'present', path }));
  if (value === null) {
    // `eq null` matches an unassigned attribute, `ne null` an assigned one.
    if (operator === 'eq') return negate(present);
    if (operator === 'ne') return present;
    throw badRequest('invalidFilter', `"${operator} null" is not a valid comparison`);
  }
  const operand = operandOf(target.definition, operator, value, label);
  const compare = (op: ConditionOperator) =>
    onTarget(target, (path) => ({ kind: 'compare', path, operator: op, operand }));
  // `ne` holds when no value equals the operand.
  return operator === 'ne' ? negate(compare('eq')) : compare(operator);
}

function compileWithScope(
  filter: Filter,
  scope: Scope,
  schema: ResourceSchema | undefined,
): Condition {
  switch (filter.kind) {
    case 'and':
    case 'or':
      return {
        kind: filter.kind,
        left: compileWithScope(filter.left, scope, schema),
        right: compileWithScope(filter.right, scope, schema),
      };
    case 'not':
      return negate(compileWithScope(filter.filter, scope, schema));
    case 'present':
      return onTarget(scope(filter.path), (path) => ({ kind: 'present', path }));
    case 'compare':
      return compareCondition(
        scope(filter.path),
        filter.operator,
        filter.value,
        pathLabel(filter.path),
      );
    case 'valuePath': {
      if (!schema) throw badRequest('invalidFilter', 'Value filters cannot be nested');
      const resolved = resolvePath(schema, filter.path);
      if (!resolved || resolved.subDefinition) unknownAttribute(filter.path);
      const { extension, definition } = resolved;
      if (!definition.multiValued || definition.type !== 'complex') {
        throw badRequest(
          'invalidFilter',
          `${definition.name} is not a multi-valued complex attribute`,
        );
      }
      return {
        kind: 'any',
        path: extension ? [extension.id, definition.name] : [definition.name],
        condition: compileElementFilter(filter.filter, definition),
      };
    }
  }
}

/** The condition a list's `filter` query parameter sets on whole resources. */
export function compileFilter(filter: Filter, schema: ResourceSchema): Condition {
  return compileWithScope(filter, resourceScope(schema), schema);
}

/** A condition on one value of a multi-valued complex attribute (`emails[type eq "work"]`). */
export function compileElementFilter(filter: Filter, attribute: AttributeDefinition): Condition {
  return compileWithScope(filter, elementScope(attribute), undefined);
}

/**
 * The case folding of attributes that are not caseExact: ASCII letters only, which SQLite's
 * lower() and PostgreSQL's lower() under the "C" collation agree on.
 */
export const foldAscii = (text: string) => text.replace(/[A-Z]+/g, (run) => run.toLowerCase());

/** A string comparison, after any case folding. */
export function textMatches(
  operator: ConditionOperator,
  actual: string,
  expected: string,
): boolean {
  switch (operator) {
    case 'eq':
      return actual === expected;
    case 'co':
      return actual.includes(expected);
    case 'sw':
      return actual.startsWith(expected);
    case 'ew':
      return actual.endsWith(expected);
    case 'gt':
      return actual > expected;
    case 'ge':
      return actual >= expected;
    case 'lt':
      return actual < expected;
    case 'le':
      return actual <= expected;
  }
}

function valueAt(target: JsonObject, path: readonly string[]): JsonValue | undefined {
  let current: JsonValue | undefined = target;
  for (const key of path) {
    if (!isJsonObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

function elementsAt(target: JsonObject, path: readonly string[]): JsonValue[] {
  const value = valueAt(target, path);
  return Array.isArray(value) ? value : [];
}

function compareValue(
  actual: JsonValue | undefined,
  operator: ConditionOperator,
  operand: FilterOperand,
): boolean {
  if (operand.type === 'boolean') return actual === operand.value;
  if (typeof actual !== 'string') return false;
  if (operand.type === 'dateTime') {
    const time = Date.parse(actual);
    return (
      !Number.isNaN(time) && textMatches(operator, new Date(time).toISOString(), operand.value)
    );
  }
  return operand.caseExact
    ? textMatches(operator, actual, operand.value)
    : textMatches(operator, foldAscii(actual), foldAscii(operand.value));
}

/** Evaluates a condition over one JSON object (a PATCH value filter over one element). */
export function matchesCondition(condition: Condition, target: JsonObject): boolean {
  switch (condition.kind) {
    case 'and':
      return matchesCondition(condition.left, target) && matchesCondition(condition.right, target);
    case 'or':
      return matchesCondition(condition.left, target) || matchesCondition(condition.right, target);
    case 'not':
      return !matchesCondition(condition.condition, target);
    case 'present': {
      const value = valueAt(target, condition.path);
      return (
        value !== undefined &&
        value !== null &&
        value !== '' &&
        !(Array.isArray(value) && value.length === 0)
      );
    }
    case 'compare':
      return compareValue(valueAt(target, condition.path), condition.operator, condition.operand);
    case 'any':
      return elementsAt(target, condition.path).some(
        (item) => isJsonObject(item) && matchesCondition(condition.condition, item),
      );
  }
}
