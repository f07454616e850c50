// Turns a parsed filter into a predicate over a resource in its SCIM JSON form. Attribute names
// are resolved (case-insensitively) and operators checked against attribute types up front, so a
// bad filter is a 400 even when there is nothing to match.
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

export type Predicate = (target: JsonObject) => boolean;

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

/** Reads what a scope's attribute path yields from a target, and what kind of value that is. */
interface Accessor {
  definition: AttributeDefinition;
  read(target: JsonObject): JsonValue[];
}

type Scope = (path: AttributePath) => Accessor;

const asList = (value: JsonValue | undefined): JsonValue[] =>
  value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];

function unknownAttribute(path: AttributePath): never {
  const name = [path.schema, path.attribute].filter(Boolean).join(':');
  const full = path.subAttribute ? `${name}.${path.subAttribute}` : name;
  throw badRequest('invalidFilter', `Unknown attribute "${full}" in filter`);
}

function resourceScope(schema: ResourceSchema): Scope {
  return (path) => {
    const resolved = resolvePath(schema, path);
    if (!resolved) unknownAttribute(path);
    const { extension, definition, subDefinition } = resolved;
    const container = (target: JsonObject): JsonObject | undefined => {
      if (!extension) return target;
      const value = target[extension.id];
      return isJsonObject(value) ? value : undefined;
    };
    const values = (target: JsonObject) => asList(container(target)?.[definition.name]);
    if (subDefinition) {
      return {
        definition: subDefinition,
        read: (target) =>
          values(target).flatMap((item) =>
            isJsonObject(item) ? asList(item[subDefinition.name]) : [],
          ),
      };
    }
    // A multi-valued complex attribute without a sub-attribute compares its `value` (RFC 7644 §3.4.2.2).
    const valueDefinition =
      definition.type === 'complex' && definition.multiValued
        ? findAttribute(definition.subAttributes ?? [], 'value')
        : undefined;
    if (valueDefinition) {
      return {
        definition: valueDefinition,
        read: (target) =>
          values(target).flatMap((item) => (isJsonObject(item) ? asList(item.value) : [])),
      };
    }
    return { definition, read: values };
  };
}

/** Inside `emails[…]` names refer to the sub-attributes of one value. */
function elementScope(parent: AttributeDefinition): Scope {
  return (path) => {
    if (path.schema !== undefined || path.subAttribute !== undefined) unknownAttribute(path);
    const definition = findAttribute(parent.subAttributes ?? [], path.attribute);
    if (!definition) unknownAttribute({ attribute: `${parent.name}.${path.attribute}` });
    return { definition, read: (target) => asList(target[definition.name]) };
  };
}

const fold = (value: string) => value.toLowerCase();

function stringComparison(
  operator: CompareOperator,
  expected: string,
  caseExact: boolean,
): (actual: string) => boolean {
  const wanted = caseExact ? expected : fold(expected);
  const prepare = (actual: string) => (caseExact ? actual : fold(actual));
  switch (operator) {
    case 'eq':
      return (actual) => prepare(actual) === wanted;
    case 'ne':
      return (actual) => prepare(actual) !== wanted;
    case 'co':
      return (actual) => prepare(actual).includes(wanted);
    case 'sw':
      return (actual) => prepare(actual).startsWith(wanted);
    case 'ew':
      return (actual) => prepare(actual).endsWith(wanted);
    case 'gt':
      return (actual) => prepare(actual) > wanted;
    case 'ge':
      return (actual) => prepare(actual) >= wanted;
    case 'lt':
      return (actual) => prepare(actual) < wanted;
    case 'le':
      return (actual) => prepare(actual) <= wanted;
  }
}

function orderedComparison(
  operator: CompareOperator,
  expected: number,
): (actual: number) => boolean {
  switch (operator) {
    case 'eq':
      return (actual) => actual === expected;
    case 'ne':
      return (actual) => actual !== expected;
    case 'gt':
      return (actual) => actual > expected;
    case 'ge':
      return (actual) => actual >= expected;
    case 'lt':
      return (actual) => actual < expected;
    case 'le':
      return (actual) => actual <= expected;
    default:
      throw badRequest('invalidFilter', `"${operator}" cannot be applied to numbers or dates`);
  }
}

function compileComparison(
  accessor: Accessor,
  operator: CompareOperator,
  value: FilterValue,
  label: string,
): Predicate {
  const { definition } = accessor;
  if (value === null) {
    // `eq null` matches an unassigned attribute, `ne null` an assigned one.
    if (operator === 'eq') return (target) => accessor.read(target).length === 0;
    if (operator === 'ne') return (target) => accessor.read(target).length > 0;
    throw badRequest('invalidFilter', `"${operator} null" is not a valid comparison`);
  }
  const any = (test: (value: JsonValue) => boolean): Predicate =>
    operator === 'ne'
      ? // `ne` holds when no value equals the operand.
        (target) => !accessor.read(target).some((item) => !test(item))
      : (target) => accessor.read(target).some(test);
  const typeError = () =>
    badRequest(
      'invalidFilter',
      `${label} is a ${definition.type} and cannot be compared with ${JSON.stringify(value)}`,
    );
  switch (definition.type) {
    case 'complex':
      throw badRequest('invalidFilter', `${label} is complex: compare one of its sub-attributes`);
    case 'boolean': {
      if (typeof value !== 'boolean') throw typeError();
      if (operator !== 'eq' && operator !== 'ne') {
        throw badRequest('invalidFilter', `"${operator}" cannot be applied to a boolean`);
      }
      return any((item) => (item === value) === (operator === 'eq'));
    }
    case 'integer':
    case 'decimal': {
      if (typeof value !== 'number') throw typeError();
      const test = orderedComparison(operator, value);
      return any((item) => typeof item === 'number' && test(item));
    }
    case 'dateTime': {
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw typeError();
      const test = orderedComparison(operator, Date.parse(value));
      return any((item) => typeof item === 'string' && test(Date.parse(item)));
    }
    default: {
      if (typeof value !== 'string') throw typeError();
      const test = stringComparison(operator, value, definition.caseExact);
      return any((item) => typeof item === 'string' && test(item));
    }
  }
}

function pathLabel(path: AttributePath): string {
  return path.subAttribute ? `${path.attribute}.${path.subAttribute}` : path.attribute;
}

function compileWithScope(
  filter: Filter,
  scope: Scope,
  schema: ResourceSchema | undefined,
): Predicate {
  switch (filter.kind) {
    case 'and': {
      const left = compileWithScope(filter.left, scope, schema);
      const right = compileWithScope(filter.right, scope, schema);
      return (target) => left(target) && right(target);
    }
    case 'or': {
      const left = compileWithScope(filter.left, scope, schema);
      const right = compileWithScope(filter.right, scope, schema);
      return (target) => left(target) || right(target);
    }
    case 'not': {
      const inner = compileWithScope(filter.filter, scope, schema);
      return (target) => !inner(target);
    }
    case 'present': {
      const accessor = scope(filter.path);
      return (target) =>
        accessor
          .read(target)
          .some((value) => value !== '' && !(Array.isArray(value) && value.length === 0));
    }
    case 'compare':
      return compileComparison(
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
      const inner = compileElementFilter(filter.filter, definition);
      return (target) => {
        const container = extension ? target[extension.id] : target;
        if (!isJsonObject(container)) return false;
        return asList(container[definition.name]).some((item) => isJsonObject(item) && inner(item));
      };
    }
  }
}

/** A predicate over whole resources (the `filter` query parameter). */
export function compileFilter(filter: Filter, schema: ResourceSchema): Predicate {
  return compileWithScope(filter, resourceScope(schema), schema);
}

/** A predicate over one value of a multi-valued complex attribute (`emails[type eq "work"]`). */
export function compileElementFilter(filter: Filter, attribute: AttributeDefinition): Predicate {
  return compileWithScope(filter, elementScope(attribute), undefined);
}

/** Top-level attribute names a filter reads (lower case), to skip loading what it does not need. */
export function referencedAttributes(filter: Filter): Set<string> {
  const names = new Set<string>();
  const visit = (node: Filter): void => {
    switch (node.kind) {
      case 'and':
      case 'or':
        visit(node.left);
        visit(node.right);
        return;
      case 'not':
        visit(node.filter);
        return;
      default:
        names.add(node.path.attribute.toLowerCase());
    }
  };
  visit(filter);
  return names;
}

/**
 * `attribute eq "value"` conditions that every match must satisfy (the top-level `and` chain), so the
 * store can narrow candidates with an index before the predicate runs.
 */
export function requiredEqualities(filter: Filter): { attribute: string; value: string }[] {
  switch (filter.kind) {
    case 'and':
      return [...requiredEqualities(filter.left), ...requiredEqualities(filter.right)];
    case 'compare':
      if (
        filter.operator === 'eq' &&
        typeof filter.value === 'string' &&
        filter.path.subAttribute === undefined &&
        (filter.path.schema === undefined || filter.path.schema.toLowerCase().includes(':core:'))
      ) {
        return [{ attribute: filter.path.attribute.toLowerCase(), value: filter.value }];
      }
      return [];
    default:
      return [];
  }
}
