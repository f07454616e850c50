import * as z from 'zod/mini';
import { defaulted } from './common.ts';

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

const pageSizeRange = { error: `must be between 0 and ${MAX_PAGE_SIZE}` };

/**
 * An int32 field as proto3 JSON reads it: a JSON number or a decimal string ("3"), as the query
 * form `?pageSize=3` already is. The parsed value is always a number.
 */
const int32 = () =>
  z.pipe(
    z.union(
      [
        z.number(),
        z.pipe(
          z.string().check(z.regex(/^-?\d+$/)),
          z.transform((text) => Number(text)),
        ),
      ],
      { error: 'must be an integer' },
    ),
    z.int({ error: 'must be an integer' }),
  );

export const paginationRequestSchema = z.strictObject({
  token: z.optional(z.string()),
  pageSize: z.optional(
    z.pipe(
      int32(),
      z.number().check(z.minimum(0, pageSizeRange), z.maximum(MAX_PAGE_SIZE, pageSizeRange)),
    ),
  ),
});
export type PaginationRequest = z.infer<typeof paginationRequestSchema>;

export const paginationResponseSchema = z.object({
  nextToken: defaulted.string(),
});
export type PaginationResponse = z.output<typeof paginationResponseSchema>;

/** `pageSize` 0 or absent means the default of 25. */
export function effectivePageSize(pageSize: number | undefined): number {
  return pageSize ? pageSize : DEFAULT_PAGE_SIZE;
}
