import * as z from 'zod/mini';
import {
  isTimestamp,
  MAX_TOKEN_LIFETIME_SECONDS,
  MIN_TOKEN_LIFETIME_SECONDS,
  parseDurationSeconds,
} from './duration.ts';

// protovalidate's string.uuid accepts any 8-4-4-4-12 hex string, which is zod's `guid`. Ids are
// stored and compared in lower case: the parsed value is normalized here, once, for every caller.
export const uuid = () => z.guid({ error: 'must be a valid UUID' }).check(z.toLowerCase());

export const timestamp = () =>
  z.string().check(z.refine(isTimestamp, { error: 'must be an RFC 3339 timestamp' }));

export const NAME_MAX_LENGTH = 128;
export const name = () =>
  z
    .string()
    .check(
      z.maxLength(NAME_MAX_LENGTH, { error: `must be at most ${NAME_MAX_LENGTH} characters` }),
    );

/** A token lifetime as a proto Duration string, 1 day to 2 years. */
export const tokenLifetime = () =>
  z.string().check(
    z.refine(
      (value) => {
        const seconds = parseDurationSeconds(value);
        return (
          seconds !== undefined &&
          seconds >= MIN_TOKEN_LIFETIME_SECONDS &&
          seconds <= MAX_TOKEN_LIFETIME_SECONDS
        );
      },
      {
        error: `must be a duration such as "7776000s" between ${MIN_TOKEN_LIFETIME_SECONDS}s (1 day) and ${MAX_TOKEN_LIFETIME_SECONDS}s (2 years)`,
      },
    ),
  );

/** Output fields that proto3 JSON omits when they hold their default value. */
export const defaulted = {
  string: () => z._default(z.string(), ''),
  boolean: () => z._default(z.boolean(), false),
  array: <T extends z.ZodMiniType>(item: T) => z._default(z.array(item), () => []),
};

export const emptySchema = z.object({});
export type Empty = z.infer<typeof emptySchema>;
