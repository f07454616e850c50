// PATCH (RFC 7644 §3.5.2) as a pure function over a resource's canonical attributes, including the
// forms identity providers actually send: path-less operations with a value object (Microsoft Entra
// ID, Okta), capitalised op names, "True"/"False" strings, member removal by filter or by value list.
import { badRequest } from './scim-errors.ts';
import { compileElementFilter, matchesCondition, resolvePath } from './scim-filter-compiler.ts';
import { type Filter, parsePatchPath } from './scim-filter-parser.ts';
import { getIgnoringCase, isJsonObject, type JsonObject, type JsonValue } from './scim-json.ts';
import {
  normalizeAttributes,
  normalizeSingleValue,
  normalizeValue,
} from './scim-resource-normalizer.ts';
import {
  type AttributeDefinition,
  findAttribute,
  findExtension,
  type ResourceSchema,
  type SchemaDefinition,
} from './scim-schema-definitions.ts';

export const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export type PatchOperationName = 'add' | 'replace' | 'remove';

export interface PatchOperation {
  op: PatchOperationName;
  path?: string;
  value?: JsonValue;
}

const MAX_OPERATIONS = 1000;

/** Validates a PatchOp message and returns its operations. Throws 400. */
export function parsePatchRequest(body: JsonObject): PatchOperation[] {
  const schemas = body.schemas;
  if (!Array.isArray(schemas) || !schemas.includes(PATCH_OP_SCHEMA)) {
    throw badRequest('invalidSyntax', `schemas must include ${PATCH_OP_SCHEMA}`);
  }
  const operations = getIgnoringCase(body, 'Operations');
  if (!Array.isArray(operations) || operations.length === 0) {
    throw badRequest('invalidSyntax', 'Operations must be a non-empty list');
  }
  if (operations.length > MAX_OPERATIONS) {
    throw badRequest('tooMany', `A PATCH may carry at most ${MAX_OPERATIONS} operations`);
  }
  return operations.map((operation, index): PatchOperation => {
    if (!isJsonObject(operation)) {
      throw badRequest('invalidSyntax', `Operations[${index}] must be an object`);
    }
    const op = getIgnoringCase(operation, 'op');
    const name = typeof op === 'string' ? op.toLowerCase() : undefined;
    if (name !== 'add' && name !== 'replace' && name !== 'remove') {
      throw badRequest('invalidSyntax', `Operations[${index}].op must be add, replace or remove`);
    }
    const parsed: PatchOperation = { op: name };
    const path = getIgnoringCase(operation, 'path');
    if (path !== undefined && path !== null) {
      if (typeof path !== 'string' || path.trim() === '') {
        throw badRequest('invalidPath', `Operations[${index}].path must be a non-empty string`);
      }
      parsed.path = path;
    }
    const value = getIgnoringCase(operation, 'value');
    if (value !== undefined) parsed.value = value;
    if (name !== 'remove' && value === undefined) {
      throw badRequest('invalidValue', `Operations[${index}] (${name}) needs a value`);
    }
    return parsed;
  });
}

/** Where one operation applies, resolved against the schema. */
interface Target {
  extension?: SchemaDefinition;
  definition: AttributeDefinition;
  subDefinition?: AttributeDefinition;
  filter?: { node: Filter; matches: (item: JsonObject) => boolean };
}

function resolveTarget(schema: ResourceSchema, pathText: string): Target {
  const { path, filter } = parsePatchPath(pathText);
  const resolved = resolvePath(schema, path);
  if (!resolved) throw badRequest('invalidPath', `Unsupported attribute path "${pathText}"`);
  const target: Target = { definition: resolved.definition };
  if (resolved.extension) target.extension = resolved.extension;
  if (resolved.subDefinition) target.subDefinition = resolved.subDefinition;
  for (const definition of [resolved.definition, resolved.subDefinition]) {
    if (definition?.mutability === 'readOnly') {
      throw badRequest('mutability', `${definition.name} is read-only`);
    }
  }
  if (filter) {
    if (!resolved.definition.multiValued || resolved.definition.type !== 'complex') {
      throw badRequest('invalidPath', `${resolved.definition.name} does not take a value filter`);
    }
    const condition = compileElementFilter(filter, resolved.definition);
    target.filter = { node: filter, matches: (item) => matchesCondition(condition, item) };
  }
  return target;
}

/** The `type eq "work"` (and …) conditions of a value filter, to create the value it did not find. */
function equalitiesOf(filter: Filter): JsonObject | undefined {
  if (filter.kind === 'and') {
    const left = equalitiesOf(filter.left);
    const right = equalitiesOf(filter.right);
    return left && right ? { ...left, ...right } : undefined;
  }
  if (
    filter.kind === 'compare' &&
    filter.operator === 'eq' &&
    filter.value !== null &&
    filter.path.subAttribute === undefined
  ) {
    return { [filter.path.attribute]: filter.value };
  }
  return undefined;
}

/** Stable identity of a value of a multi-valued attribute, for de-duplication. */
function identityOf(definition: AttributeDefinition, item: JsonValue): string {
  const valueDefinition = findAttribute(definition.subAttributes ?? [], 'value');
  if (valueDefinition && isJsonObject(item) && typeof item.value === 'string') {
    const value = valueDefinition.caseExact ? item.value : item.value.toLowerCase();
    // Members are identified by id alone; other values by value and type.
    const type = definition.name === 'members' ? '' : String(item.type ?? '').toLowerCase();
    return JSON.stringify([value, type]);
  }
  return JSON.stringify(item);
}

function itemsOf(container: JsonObject, definition: AttributeDefinition): JsonValue[] {
  const current = container[definition.name];
  return Array.isArray(current) ? current : [];
}

function setOrDelete(container: JsonObject, name: string, value: JsonValue | undefined): void {
  if (value === undefined || (Array.isArray(value) && value.length === 0)) delete container[name];
  else container[name] = value;
}

/** Only one value may be primary: a newly primary value demotes the others (RFC 7644 §3.5.2). */
function keepSinglePrimary(items: JsonValue[], promoted: ReadonlySet<JsonValue>): JsonValue[] {
  if (promoted.size === 0) return items;
  return items.map((item) =>
    isJsonObject(item) && item.primary === true && !promoted.has(item)
      ? { ...item, primary: false }
      : item,
  );
}

function normalizeElement(definition: AttributeDefinition, value: JsonValue): JsonObject {
  const normalized = normalizeSingleValue(definition, value);
  if (!isJsonObject(normalized)) {
    throw badRequest('invalidValue', `${definition.name} needs an object value`);
  }
  return normalized;
}

function applyWhole(
  container: JsonObject,
  op: PatchOperationName,
  target: Target,
  value: JsonValue | undefined,
): void {
  const { definition } = target;
  if (op === 'remove') {
    // `{"op":"remove","path":"members","value":[{"value":"id"}]}` removes just those values.
    if (definition.multiValued && value !== undefined && value !== null) {
      const removed = new Set(
        (Array.isArray(value) ? value : [value]).map((item) =>
          identityOf(definition, normalizeElement(definition, item)),
        ),
      );
      const remaining = itemsOf(container, definition).filter(
        (item) => !removed.has(identityOf(definition, item)),
      );
      setOrDelete(container, definition.name, remaining);
      return;
    }
    delete container[definition.name];
    return;
  }
  const normalized = normalizeValue(definition, value);
  if (definition.multiValued) {
    const incoming = Array.isArray(normalized) ? normalized : [];
    const promoted = new Set(
      incoming.filter((item) => isJsonObject(item) && item.primary === true),
    );
    if (op === 'replace') {
      setOrDelete(container, definition.name, incoming);
      return;
    }
    const existing = itemsOf(container, definition);
    const seen = new Set(existing.map((item) => identityOf(definition, item)));
    const added = incoming.filter((item) => {
      const identity = identityOf(definition, item);
      if (seen.has(identity)) return false;
      seen.add(identity);
      return true;
    });
    setOrDelete(container, definition.name, keepSinglePrimary([...existing, ...added], promoted));
    return;
  }
  if (definition.type === 'complex') {
    // Add and replace both merge sub-attributes into a singular complex attribute.
    const current = container[definition.name];
    if (normalized === undefined) {
      if (op === 'replace') delete container[definition.name];
      return;
    }
    container[definition.name] = {
      ...(isJsonObject(current) ? current : {}),
      ...(isJsonObject(normalized) ? normalized : {}),
    };
    return;
  }
  setOrDelete(container, definition.name, normalized);
}

function applySubAttribute(
  container: JsonObject,
  op: PatchOperationName,
  target: Target,
  subDefinition: AttributeDefinition,
  value: JsonValue | undefined,
): void {
  const { definition } = target;
  const newValue = op === 'remove' ? undefined : normalizeValue(subDefinition, value);
  const update = (item: JsonObject): JsonObject => {
    const copy = { ...item };
    setOrDelete(copy, subDefinition.name, newValue);
    return copy;
  };
  if (!definition.multiValued) {
    const current = container[definition.name];
    const updated = update(isJsonObject(current) ? current : {});
    setOrDelete(container, definition.name, Object.keys(updated).length ? updated : undefined);
    return;
  }
  const filter = target.filter;
  const items = itemsOf(container, definition);
  const matching = (item: JsonValue) => isJsonObject(item) && (!filter || filter.matches(item));
  const promoted = new Set<JsonValue>();
  let matched = false;
  const updated: JsonValue[] = [];
  for (const item of items) {
    if (!isJsonObject(item) || !matching(item)) {
      updated.push(item);
      continue;
    }
    matched = true;
    const next = update(item);
    if (next.primary === true) promoted.add(next);
    // Removing an email's address removes the email.
    if (subDefinition.name === 'value' && next.value === undefined) continue;
    updated.push(next);
  }
  if (!matched && op !== 'remove' && newValue !== undefined) {
    // Microsoft Entra ID sets `emails[type eq "work"].value` on users that have no work email yet.
    const seed = filter ? equalitiesOf(filter.node) : undefined;
    if (!seed) throw badRequest('noTarget', `No value of ${definition.name} matches the path`);
    const created = normalizeElement(definition, { ...seed, [subDefinition.name]: newValue });
    if (created.primary === true) promoted.add(created);
    updated.push(created);
  }
  setOrDelete(container, definition.name, keepSinglePrimary(updated, promoted));
}

function applyFiltered(
  container: JsonObject,
  op: PatchOperationName,
  target: Target,
  filter: NonNullable<Target['filter']>,
  value: JsonValue | undefined,
): void {
  const { definition } = target;
  const items = itemsOf(container, definition);
  if (op === 'remove') {
    setOrDelete(
      container,
      definition.name,
      items.filter((item) => !(isJsonObject(item) && filter.matches(item))),
    );
    return;
  }
  const incoming = normalizeElement(definition, value ?? null);
  let matched = false;
  const updated = items.map((item) => {
    if (!isJsonObject(item) || !filter.matches(item)) return item;
    matched = true;
    return { ...item, ...incoming };
  });
  if (!matched) {
    const seed = equalitiesOf(filter.node);
    if (!seed) throw badRequest('noTarget', `No value of ${definition.name} matches the path`);
    updated.push(normalizeElement(definition, { ...seed, ...incoming }));
  }
  const promoted = new Set(
    updated.filter(
      (item) => isJsonObject(item) && item.primary === true && incoming.primary === true,
    ),
  );
  setOrDelete(container, definition.name, keepSinglePrimary(updated, promoted));
}

function applyToTarget(
  resource: JsonObject,
  op: PatchOperationName,
  target: Target,
  value: JsonValue | undefined,
): void {
  // Passwords are accepted and never stored: sign-in goes through single sign-on.
  if (target.definition.mutability === 'writeOnly') return;
  let container = resource;
  if (target.extension) {
    const existing = resource[target.extension.id];
    container = isJsonObject(existing) ? { ...existing } : {};
  }
  if (target.subDefinition) {
    applySubAttribute(container, op, target, target.subDefinition, value);
  } else if (target.filter) {
    applyFiltered(container, op, target, target.filter, value);
  } else {
    applyWhole(container, op, target, value);
  }
  if (target.extension) {
    setOrDelete(
      resource,
      target.extension.id,
      Object.keys(container).length > 0 ? container : undefined,
    );
  }
}

const ignoredWithoutPath = new Set(['schemas', 'id', 'meta']);

/** `{"op":"replace","value":{"active":false,"name.givenName":"Ada"}}`: each key is a path. */
function applyWithoutPath(
  resource: JsonObject,
  op: PatchOperationName,
  value: JsonValue | undefined,
  schema: ResourceSchema,
): void {
  if (op === 'remove') throw badRequest('noTarget', 'remove needs a path');
  if (!isJsonObject(value)) {
    throw badRequest('invalidValue', `${op} without a path needs an object value`);
  }
  for (const [key, attributeValue] of Object.entries(value)) {
    if (ignoredWithoutPath.has(key.toLowerCase())) continue;
    const extension = findExtension(schema, key);
    if (extension) {
      if (!isJsonObject(attributeValue)) {
        throw badRequest('invalidValue', `${extension.id} must be an object`);
      }
      for (const [name, extensionValue] of Object.entries(attributeValue)) {
        applyToTarget(
          resource,
          op,
          resolveTarget(schema, `${extension.id}:${name}`),
          extensionValue,
        );
      }
      continue;
    }
    const resolved = resolvePath(schema, { attribute: key });
    // Read-only attributes echoed back in a value object (Okta sends `id`) are ignored, not refused.
    if (resolved?.definition.mutability === 'readOnly') continue;
    applyToTarget(resource, op, resolveTarget(schema, key), attributeValue);
  }
}

/**
 * Applies the operations in order to a copy of `resource` (canonical attributes, without id and
 * meta) and returns the validated result. Any failure leaves the stored resource untouched.
 */
export function applyPatch(
  resource: JsonObject,
  operations: readonly PatchOperation[],
  schema: ResourceSchema,
): JsonObject {
  const working = structuredClone(resource);
  for (const { op, path, value } of operations) {
    if (path === undefined) {
      applyWithoutPath(working, op, value, schema);
      continue;
    }
    const extension = findExtension(schema, path.trim());
    if (extension) {
      // The whole extension object as the path.
      if (op === 'remove') delete working[extension.id];
      else applyWithoutPath(working, op, { [extension.id]: value ?? null }, schema);
      continue;
    }
    applyToTarget(working, op, resolveTarget(schema, path), value);
  }
  return normalizeAttributes(working, schema);
}
