// Dates in the browser's locale: relative for scanning, absolute (in a title) for precision.
import { useSyncExternalStore } from 'react';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
});
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/**
 * "in 23 days", "2 hours ago". Days are the largest unit when `largestUnit` is 'day' (token expiry:
 * admins plan rotations in days); otherwise months and years for old timestamps.
 */
export function formatRelative(
  target: Date,
  now: Date,
  largestUnit: 'day' | 'year' = 'year',
): string {
  const diff = target.getTime() - now.getTime();
  const abs = Math.abs(diff);
  if (abs < MINUTE) return relativeFormat.format(0, 'second');
  if (abs < HOUR) return relativeFormat.format(Math.round(diff / MINUTE), 'minute');
  if (abs < DAY) return relativeFormat.format(Math.round(diff / HOUR), 'hour');
  if (largestUnit === 'day' || abs < 60 * DAY) {
    return relativeFormat.format(Math.round(diff / DAY), 'day');
  }
  if (abs < 365 * DAY) return relativeFormat.format(Math.round(diff / (30 * DAY)), 'month');
  return relativeFormat.format(Math.round(diff / (365 * DAY)), 'year');
}

export function formatDateTime(date: Date): string {
  return dateTimeFormat.format(date);
}

export function formatDate(date: Date): string {
  return dateFormat.format(date);
}

// One clock for the whole app, ticking each minute, so every relative time and status agrees.
let now = new Date();
let timer: ReturnType<typeof setInterval> | undefined;
const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) {
    now = new Date();
    timer = setInterval(() => {
      now = new Date();
      for (const l of listeners) l();
    }, MINUTE);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

export function useNow(): Date {
  return useSyncExternalStore(subscribe, () => now);
}
