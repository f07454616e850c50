// Protobuf Duration and Timestamp in their proto3 JSON form.

export const SECONDS_PER_DAY = 86_400;
export const MIN_TOKEN_LIFETIME_SECONDS = SECONDS_PER_DAY; // 1 day
export const MAX_TOKEN_LIFETIME_SECONDS = 730 * SECONDS_PER_DAY; // 2 years = 63072000s
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 365 * SECONDS_PER_DAY; // 1 year

const durationPattern = /^(-)?(\d{1,12})(?:\.(\d{1,9}))?s$/;

/** Seconds of a Duration string such as `"7776000s"` or `"1.5s"`; undefined when malformed. */
export function parseDurationSeconds(value: string): number | undefined {
  const match = durationPattern.exec(value);
  if (!match) return undefined;
  const [, sign, whole = '0', fraction = ''] = match;
  const seconds = Number(whole) + (fraction ? Number(`0.${fraction}`) : 0);
  return sign ? -seconds : seconds;
}

export function formatDuration(seconds: number): string {
  return `${seconds}s`;
}

export function daysToDuration(days: number): string {
  return formatDuration(Math.round(days * SECONDS_PER_DAY));
}

const timestampPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

export function isTimestamp(value: string): boolean {
  return timestampPattern.test(value) && !Number.isNaN(Date.parse(value));
}
