import { describe, expect, it } from 'vitest';
import { uuidv7 } from './ids.ts';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuidv7', () => {
  it('carries the version, the variant and the millisecond timestamp', () => {
    const at = Date.parse('2030-01-02T03:04:05.678Z');
    const id = uuidv7(at);
    expect(id).toMatch(UUID_V7);
    expect(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
  });

  it('increases strictly for ids minted in the same millisecond', () => {
    const at = Date.parse('2031-01-01T00:00:00.000Z');
    const ids = Array.from({ length: 5000 }, () => uuidv7(at));
    const sorted = [...ids].sort();
    expect(ids).toEqual(sorted);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(UUID_V7);
  });

  it('never goes backwards when the clock does', () => {
    const first = uuidv7(Date.parse('2032-01-01T00:00:00.001Z'));
    const second = uuidv7(Date.parse('2032-01-01T00:00:00.000Z'));
    expect(second > first).toBe(true);
  });
});
