import { describe, expect, it } from 'vitest';
import { formatRelative } from './dates.ts';

const now = new Date('2026-06-01T12:00:00Z');
const plus = (ms: number) => new Date(now.getTime() + ms);
const DAY = 86_400_000;

describe('formatRelative', () => {
  it('uses days for token expiry, however far away', () => {
    expect(formatRelative(plus(23 * DAY), now, 'day')).toBe('in 23 days');
    expect(formatRelative(plus(-2 * DAY), now, 'day')).toBe('2 days ago');
    expect(formatRelative(plus(400 * DAY), now, 'day')).toBe('in 400 days');
  });

  it('uses minutes and hours close to now, months and years far away', () => {
    expect(formatRelative(plus(-3 * 60_000), now)).toBe('3 minutes ago');
    expect(formatRelative(plus(-5 * 3_600_000), now)).toBe('5 hours ago');
    expect(formatRelative(plus(-90 * DAY), now)).toBe('3 months ago');
    expect(formatRelative(plus(-800 * DAY), now)).toBe('2 years ago');
  });
});
