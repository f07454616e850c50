// Query parameters of list and read requests: paging (RFC 7644 §3.4.2.4) and attribute projection
// (`attributes` / `excludedAttributes`, §3.4.2.5).
import { badRequest } from './scim-errors.ts';
import { resolvePath } from './scim-filter-compiler.ts';
import { type AttributePath, parseAttributePath } from './scim-filter-parser.ts';
import { isJsonObject, type JsonObject } from './scim-json.ts';
import type { ResourceSchema } from './scim-schema-definitions.ts';

/** Query parameters of list and read requests, as received. */
export interface ListQuery {
  filter?: string | undefined;
  startIndex?: string | undefined;
  count?: string | undefined;
  attributes?: string | undefined;
  excludedAttributes?: string | undefined;
}

export const MAX_RESULTS = 200;
export const DEFAULT_COUNT = 100;

export interface Paging {
  startIndex: number;
  count: number;
}

function integerParameter(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  if (!/^\s*-?\d+\s*$/.test(raw)) throw badRequest('invalidValue', `${name} must be an integer`);
  // Beyond the safe range SQLite would refuse the OFFSET; any such index is past the end anyway.
  const value = Number.parseInt(raw, 10);
  return Math.max(-Number.MAX_SAFE_INTEGER, Math.min(Number.MAX_SAFE_INTEGER, value));
}

/** startIndex is 1-based (below 1 means 1); count is clamped to 0..200. */
export function parsePaging(startIndexRaw?: string, countRaw?: string): Paging {
  const startIndex = Math.max(1, integerParameter('startIndex', startIndexRaw) ?? 1);
  const count = Math.min(
    MAX_RESULTS,
    Math.max(0, integerParameter('count', countRaw) ?? DEFAULT_COUNT),
  );
  return { startIndex, count };
}

interface ProjectedPath {
  container?: string;
  name: string;
  sub?: string;
}

/** Which attributes a response carries. `id` and `schemas` are always returned. */
export interface Projection {
  apply(resource: JsonObject): JsonObject;
  /** Whether a top-level attribute is returned, so costly ones (members, groups) can be skipped. */
  includes(attribute: string): boolean;
}

function parseList(raw: string | undefined, schema: ResourceSchema): ProjectedPath[] {
  if (raw === undefined || raw.trim() === '') return [];
  const paths: ProjectedPath[] = [];
  for (const part of raw.split(',')) {
    const text = part.trim();
    if (text === '') continue;
    let path: AttributePath;
    try {
      path = parseAttributePath(text, 'invalidValue');
    } catch {
      throw badRequest('invalidValue', `"${text}" is not a valid attribute name`);
    }
    const resolved = resolvePath(schema, path);
    // Unknown names select nothing (RFC 7644 lets the provider ignore them).
    if (!resolved) continue;
    const projected: ProjectedPath = { name: resolved.definition.name };
    if (resolved.extension) projected.container = resolved.extension.id;
    if (resolved.subDefinition) projected.sub = resolved.subDefinition.name;
    paths.push(projected);
  }
  return paths;
}

const alwaysReturned = new Set(['schemas', 'id']);

function copyPath(from: JsonObject, to: JsonObject, path: ProjectedPath): void {
  const source = path.container === undefined ? from : from[path.container];
  if (!isJsonObject(source) || source[path.name] === undefined) return;
  let target = to;
  if (path.container !== undefined) {
    const existing = to[path.container];
    target = isJsonObject(existing) ? existing : {};
    to[path.container] = target;
  }
  const value = source[path.name];
  if (path.sub === undefined || value === undefined) {
    if (value !== undefined) target[path.name] = value;
    return;
  }
  const sub = path.sub;
  const pick = (item: unknown) =>
    isJsonObject(item) && item[sub] !== undefined ? { [sub]: item[sub] } : undefined;
  if (Array.isArray(value)) {
    const existing = target[path.name];
    const picked = value.map((item, index) => ({
      ...(Array.isArray(existing) && isJsonObject(existing[index]) ? existing[index] : {}),
      ...pick(item),
    }));
    target[path.name] = picked;
  } else {
    const existing = target[path.name];
    target[path.name] = { ...(isJsonObject(existing) ? existing : {}), ...pick(value) };
  }
}

function removePath(resource: JsonObject, path: ProjectedPath): void {
  const container = path.container === undefined ? resource : resource[path.container];
  if (!isJsonObject(container)) return;
  if (path.sub === undefined) {
    if (path.container === undefined && alwaysReturned.has(path.name)) return;
    delete container[path.name];
    return;
  }
  const value = container[path.name];
  const sub = path.sub;
  for (const item of Array.isArray(value) ? value : [value]) {
    if (isJsonObject(item)) delete item[sub];
  }
}

export function parseProjection(
  attributes: string | undefined,
  excludedAttributes: string | undefined,
  schema: ResourceSchema,
): Projection {
  const included = parseList(attributes, schema);
  const excluded = parseList(excludedAttributes, schema);
  // `attributes` wins when both are given (RFC 7644: they are mutually exclusive).
  if (included.length > 0) {
    const names = new Set(included.map((path) => (path.container ?? path.name).toLowerCase()));
    return {
      includes: (attribute) => names.has(attribute.toLowerCase()),
      apply(resource) {
        const projected: JsonObject = {};
        if (resource.schemas !== undefined) projected.schemas = resource.schemas;
        if (resource.id !== undefined) projected.id = resource.id;
        for (const path of included) copyPath(resource, projected, path);
        return projected;
      },
    };
  }
  const excludedTopLevel = new Set(
    excluded
      .filter((path) => path.sub === undefined && path.container === undefined)
      .map((path) => path.name.toLowerCase()),
  );
  return {
    includes: (attribute) => !excludedTopLevel.has(attribute.toLowerCase()),
    apply(resource) {
      if (excluded.length === 0) return resource;
      const projected = structuredClone(resource);
      for (const path of excluded) removePath(projected, path);
      return projected;
    },
  };
}
