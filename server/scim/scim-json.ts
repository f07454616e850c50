// JSON value types for SCIM resources, and the request-body reader.
import { isWellFormedText } from '../http-body.ts';
import { badRequest } from './scim-errors.ts';

export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Objects and arrays nested deeper than this (the body itself is level 1) are refused. */
export const MAX_JSON_DEPTH = 100;

/**
 * Walks a parsed body: nesting is bounded (so no later recursive step can run out of stack) and
 * every string, attribute names included, must be valid UTF-8 text. JSON.parse accepts a lone
 * surrogate such as `"\ud800"`; SQLite would store it as U+FFFD, so it is refused, not changed.
 */
function checkValue(value: unknown, path: string, depth: number): void {
  if (typeof value === 'string') {
    if (!isWellFormedText(value)) {
      throw badRequest('invalidValue', `${path} must be valid UTF-8 text`);
    }
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  if (depth > MAX_JSON_DEPTH) {
    throw badRequest(
      'invalidSyntax',
      `The request body is nested too deeply (at most ${MAX_JSON_DEPTH} levels)`,
    );
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      checkValue(item, `${path}[${index}]`, depth + 1);
    });
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    if (!isWellFormedText(key)) {
      throw badRequest('invalidValue', 'Attribute names must be valid UTF-8 text');
    }
    checkValue(item, path ? `${path}.${key}` : key, depth + 1);
  }
}

/**
 * Parses a request body; malformed JSON, a non-object or nesting deeper than MAX_JSON_DEPTH is
 * 400 invalidSyntax, text that is not valid UTF-8 400 invalidValue.
 */
export function parseJsonObject(text: string): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest('invalidSyntax', 'The request body is not valid JSON');
  }
  if (!isJsonObject(value)) {
    throw badRequest('invalidSyntax', 'The request body must be a JSON object');
  }
  checkValue(value, '', 1);
  return value;
}

/** Case-insensitive own-key lookup: SCIM attribute names and message keys ignore case. */
export function getIgnoringCase(object: JsonObject, key: string): JsonValue | undefined {
  if (Object.hasOwn(object, key)) return object[key];
  const lower = key.toLowerCase();
  for (const [candidate, value] of Object.entries(object)) {
    if (candidate.toLowerCase() === lower) return value;
  }
  return undefined;
}
