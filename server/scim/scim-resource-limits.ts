// What one stored SCIM resource may hold, so no client can grow a row (and every response that
// renders it) without bound. Group members are stored apart and counted separately.
import { badRequest } from './scim-errors.ts';

/** The stored attributes of one user or group (members aside), as UTF-8 JSON. */
export const MAX_RESOURCE_BYTES = 64 * 1024;
/** Values of one multi-valued attribute (emails, phoneNumbers, …). */
export const MAX_VALUES = 100;
/** One string value, in UTF-8 bytes. */
export const MAX_VALUE_BYTES = 2 * 1024;
/** Members of one group: IdPs push whole departments, so far more than MAX_VALUES. */
export const MAX_GROUP_MEMBERS = 50_000;
/**
 * Members a PATCH outside the set-based forms (e.g. a filter on `display`) may evaluate: it works
 * on the whole set in memory, and 50,000 members hold the event loop ~150 ms. IdPs add and remove
 * by value, which has no such bound.
 */
export const MAX_MEMBERS_FOR_GENERAL_PATCH = 10_000;

export function checkValueSize(value: string, label: string): void {
  // Only long strings can be over: skip the byte count for the common short value.
  if (value.length * 3 > MAX_VALUE_BYTES && Buffer.byteLength(value) > MAX_VALUE_BYTES) {
    throw badRequest('invalidValue', `${label} is longer than ${MAX_VALUE_BYTES} bytes`);
  }
}

export function checkValueCount(count: number, limit: number, label: string): void {
  if (count > limit) {
    throw badRequest('invalidValue', `${label} has ${count} values; at most ${limit} are allowed`);
  }
}

/** Refuses a write whose stored JSON would exceed MAX_RESOURCE_BYTES. */
export function checkResourceSize(json: string, resourceType: 'User' | 'Group'): void {
  if (json.length * 3 <= MAX_RESOURCE_BYTES) return;
  const bytes = Buffer.byteLength(json);
  if (bytes > MAX_RESOURCE_BYTES) {
    throw badRequest(
      'invalidValue',
      `The ${resourceType} would hold ${bytes} bytes of attributes; at most ${MAX_RESOURCE_BYTES} are allowed`,
    );
  }
}
