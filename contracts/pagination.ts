import * as z from 'zod/mini';
import { defaulted } from './common.ts';

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

export const paginationRequestSchema = z.strictObject({
  token: z.optional(z.string()),
  pageSize: z.optional(
    z
      .int({ error: 'must be an integer' })
      .check(
        z.minimum(0, { error: 'must be between 0 and 100' }),
        z.maximum(MAX_PAGE_SIZE, { error: 'must be between 0 and 100' }),
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
