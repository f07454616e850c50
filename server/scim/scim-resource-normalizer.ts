// Validates client-supplied attribute values against the schema and puts them in canonical form:
// canonical attribute names, "True"/"False" strings as booleans (as Microsoft Entra ID sends them),
// unknown and read-only attributes dropped (RFC 7644 §3.3 lets the provider ignore them).
import { badRequest } from './scim-errors.ts';
import { isJsonObject, type JsonObject, type JsonValue } from './scim-json.ts';
import {
  checkValueCount,
  checkValueSize,
  MAX_GROUP_MEMBERS,
  MAX_VALUES,
} from './scim-resource-limits.ts';
import {
  type AttributeDefinition,
  findAttribute,
  findExtension,
  type ResourceSchema,
} from './scim-schema-definitions.ts';

const ignoredTopLevel = new Set(['schemas', 'id', 'meta']);

function isWritable(definition: AttributeDefinition): boolean {
  return definition.mutability !== 'readOnly';
}

/** The writable top-level attributes of a resource type (core + common). */
export function topLevelAttributes(schema: ResourceSchema): readonly AttributeDefinition[] {
  return [...schema.common, ...schema.core.attributes];
}

/** Canonical writable attributes of a full resource (POST/PUT body, or the result of a PATCH). */
export function normalizeAttributes(input: JsonObject, schema: ResourceSchema): JsonObject {
  const output: JsonObject = {};
  const attributes = topLevelAttributes(schema);
  for (const [key, value] of Object.entries(input)) {
    if (ignoredTopLevel.has(key.toLowerCase())) continue;
    const extension = findExtension(schema, key);
    if (extension) {
      if (value === null) continue;
      if (!isJsonObject(value))
        throw badRequest('invalidValue', `${extension.id} must be an object`);
      const normalized = normalizeObject(value, extension.attributes, extension.id);
      if (normalized !== undefined) output[extension.id] = normalized;
      continue;
    }
    const definition = findAttribute(attributes, key);
    if (!definition || !isWritable(definition) || definition.mutability === 'writeOnly') continue;
    const normalized = normalizeValue(definition, value, definition.name);
    if (normalized !== undefined) output[definition.name] = normalized;
  }
  for (const definition of attributes) {
    if (definition.required && output[definition.name] === undefined) {
      throw badRequest('invalidValue', `${definition.name} is required`);
    }
  }
  return output;
}

function normalizeObject(
  input: JsonObject,
  attributes: readonly AttributeDefinition[],
  label: string,
): JsonObject | undefined {
  const output: JsonObject = {};
  // Canonical order (the schema's), so equal values serialize identically.
  const entries: [AttributeDefinition, JsonValue][] = [];
  for (const [key, value] of Object.entries(input)) {
    const definition = findAttribute(attributes, key);
    if (!definition || !isWritable(definition) || definition.mutability === 'writeOnly') continue;
    entries.push([definition, value]);
  }
  for (const definition of attributes) {
    const entry = entries.find(([candidate]) => candidate === definition);
    if (!entry) continue;
    const normalized = normalizeValue(definition, entry[1], `${label}.${definition.name}`);
    if (normalized !== undefined) output[definition.name] = normalized;
  }
  return Object.keys(output).length === 0 ? undefined : output;
}

/**
 * One attribute's value. `undefined` means unassigned (null, empty string list, empty object).
 * A single value for a multi-valued attribute is accepted as a one-element list.
 */
export function normalizeValue(
  definition: AttributeDefinition,
  value: JsonValue | undefined,
  label: string = definition.name,
): JsonValue | undefined {
  if (value === null || value === undefined) return undefined;
  if (!definition.multiValued) return normalizeSingleValue(definition, value, label);
  const items = Array.isArray(value) ? value : [value];
  // Group members live in their own table; every other list is stored in the resource's row.
  const limit = definition.name === 'members' ? MAX_GROUP_MEMBERS : MAX_VALUES;
  checkValueCount(items.length, limit, label);
  const normalized: JsonValue[] = [];
  for (const item of items) {
    const single = normalizeSingleValue(definition, item, label);
    if (single !== undefined) normalized.push(single);
  }
  const primaries = normalized.filter((item) => isJsonObject(item) && item.primary === true);
  if (primaries.length > 1) {
    throw badRequest('invalidValue', `${label} has more than one primary value`);
  }
  return normalized.length === 0 ? undefined : normalized;
}

export function normalizeSingleValue(
  definition: AttributeDefinition,
  value: JsonValue,
  label: string = definition.name,
): JsonValue | undefined {
  if (value === null) return undefined;
  switch (definition.type) {
    case 'complex': {
      const subAttributes = definition.subAttributes ?? [];
      // `"manager": "id"` as Microsoft Entra ID sends it: a bare value for a complex attribute.
      if (typeof value === 'string' && findAttribute(subAttributes, 'value')) {
        return { value };
      }
      if (!isJsonObject(value)) throw badRequest('invalidValue', `${label} must be an object`);
      return normalizeObject(value, subAttributes, label);
    }
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string') {
        const lower = value.toLowerCase();
        if (lower === 'true') return true;
        if (lower === 'false') return false;
      }
      throw badRequest('invalidValue', `${label} must be a boolean`);
    }
    case 'integer':
      if (typeof value === 'number' && Number.isInteger(value)) return value;
      throw badRequest('invalidValue', `${label} must be an integer`);
    case 'decimal':
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      throw badRequest('invalidValue', `${label} must be a number`);
    case 'dateTime':
      if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return value;
      throw badRequest('invalidValue', `${label} must be an xsd:dateTime string`);
    default:
      if (typeof value !== 'string') throw badRequest('invalidValue', `${label} must be a string`);
      checkValueSize(value, label);
      return value;
  }
}

/** Checks the `schemas` member of a POST/PUT body: it must name the core schema and nothing unknown. */
export function checkSchemas(body: JsonObject, schema: ResourceSchema): void {
  const schemas = body.schemas;
  if (!Array.isArray(schemas) || !schemas.every((urn) => typeof urn === 'string')) {
    throw badRequest('invalidSyntax', `schemas must be a list that includes ${schema.core.id}`);
  }
  const urns = schemas as string[];
  if (!urns.some((urn) => urn.toLowerCase() === schema.core.id.toLowerCase())) {
    throw badRequest('invalidSyntax', `schemas must include ${schema.core.id}`);
  }
  for (const urn of urns) {
    if (urn.toLowerCase() !== schema.core.id.toLowerCase() && !findExtension(schema, urn)) {
      throw badRequest('invalidSyntax', `Unknown schema ${urn}`);
    }
  }
}
