// JSON value types for SCIM resources, and the request-body reader.
import { badRequest } from './scim-errors.ts';

export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses a request body; malformed JSON or a non-object is 400 invalidSyntax. */
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
