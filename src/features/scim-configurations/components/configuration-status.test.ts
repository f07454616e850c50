import { describe, expect, it } from 'vitest';
import { nextPageToken } from '../api/scim-configuration-queries.ts';
import {
  configurationStatus,
  confirmationWord,
  displayName,
  statusLabels,
} from './configuration-status.ts';
import { lifetimeDuration, validateCustomDays } from './token-lifetime.ts';

const now = new Date('2026-06-01T12:00:00Z');
const inDays = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString();

describe('configurationStatus', () => {
  it.each([
    [true, inDays(200), 'active'],
    [true, inDays(14), 'active'],
    [true, inDays(13.9), 'expiring-soon'],
    [true, inDays(0.01), 'expiring-soon'],
    [true, inDays(0), 'expired'],
    [true, inDays(-2), 'expired'],
    [false, inDays(200), 'disabled'],
    [false, inDays(-2), 'disabled'],
  ] as const)('enabled=%s, expires %s → %s', (enabled, tokenExpiresAt, expected) => {
    expect(configurationStatus({ enabled, tokenExpiresAt }, now)).toBe(expected);
  });

  it('has a text label for every status (never colour alone)', () => {
    expect(statusLabels).toEqual({
      disabled: 'Disabled',
      expired: 'Expired',
      'expiring-soon': 'Expiring soon',
      active: 'Active',
    });
  });
});

describe('names', () => {
  it('calls an empty name "Unnamed configuration" and confirms it with a fixed word', () => {
    expect(displayName({ name: '' })).toBe('Unnamed configuration');
    expect(displayName({ name: '  ' })).toBe('Unnamed configuration');
    expect(displayName({ name: 'Okta' })).toBe('Okta');
    expect(confirmationWord({ name: '' }, 'rotate')).toBe('rotate');
    expect(confirmationWord({ name: 'Okta' }, 'rotate')).toBe('Okta');
  });
});

describe('token lifetime', () => {
  it('validates custom days from 1 to 730 and converts days to a Duration', () => {
    expect(validateCustomDays('0')).toBeDefined();
    expect(validateCustomDays('731')).toBeDefined();
    expect(validateCustomDays('1.5')).toBeDefined();
    expect(validateCustomDays('')).toBeDefined();
    expect(validateCustomDays('1')).toBeUndefined();
    expect(validateCustomDays('730')).toBeUndefined();
    expect(lifetimeDuration('custom', '45')).toBe('3888000s');
    expect(lifetimeDuration('365', '')).toBe('31536000s');
  });
});

describe('nextPageToken', () => {
  const page = (nextToken: string, count = 1) => ({
    pagination: { nextToken },
    scimConfigurations: Array.from({ length: count }, () => ({}) as never),
  });

  it('stops on an empty token, an empty page or a token seen before', () => {
    expect(nextPageToken(page('b'), [''])).toBe('b');
    expect(nextPageToken(page(''), [''])).toBeUndefined();
    expect(nextPageToken(page('b', 0), [''])).toBeUndefined();
    expect(nextPageToken(page('b'), ['', 'b'])).toBeUndefined();
  });
});
