// Token lifetime choices shared by the create form and the rotate dialog.
import {
  daysToDuration,
  MAX_TOKEN_LIFETIME_SECONDS,
  SECONDS_PER_DAY,
} from '#contracts/duration.ts';

export const MAX_LIFETIME_DAYS = MAX_TOKEN_LIFETIME_SECONDS / SECONDS_PER_DAY; // 730
export const MIN_LIFETIME_DAYS = 1;

export const lifetimePresets = [
  { value: '30', label: '30 days', days: 30 },
  { value: '90', label: '90 days', days: 90 },
  { value: '180', label: '180 days', days: 180 },
  { value: '365', label: '1 year', days: 365 },
  { value: '730', label: '2 years', days: 730 },
] as const;

export const DEFAULT_LIFETIME_PRESET = '365';
export const CUSTOM_LIFETIME = 'custom';

/** Whole days from 1 to 730, or an explanation of what is wrong. */
export function validateCustomDays(value: string): string | undefined {
  const trimmed = value.trim();
  if (!trimmed) return 'Enter a number of days.';
  if (!/^\d+$/.test(trimmed)) return 'Enter a whole number of days.';
  const days = Number(trimmed);
  if (days < MIN_LIFETIME_DAYS || days > MAX_LIFETIME_DAYS) {
    return `Enter between ${MIN_LIFETIME_DAYS} and ${MAX_LIFETIME_DAYS} days.`;
  }
  return undefined;
}

/** The Duration string for the wire, e.g. "7776000s". */
export function lifetimeDuration(preset: string, customDays: string): string {
  const days = preset === CUSTOM_LIFETIME ? Number(customDays.trim()) : Number(preset);
  return daysToDuration(days);
}
