import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBufferedLog, loggablePath } from './log.ts';

function collector() {
  const chunks: string[] = [];
  return { chunks, write: (chunk: string) => void chunks.push(chunk) };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('createBufferedLog', () => {
  it('writes pending info lines in one chunk per interval, one line each', () => {
    vi.useFakeTimers();
    const out = collector();
    const log = createBufferedLog(out, collector(), { flushIntervalMs: 100 });
    log.info('GET /a 200 1.0ms');
    log.info('GET /b 404 0.5ms');
    expect(out.chunks).toEqual([]);
    vi.advanceTimersByTime(100);
    expect(out.chunks).toEqual(['GET /a 200 1.0ms\nGET /b 404 0.5ms\n']);
    // Nothing pending: no empty writes.
    vi.advanceTimersByTime(500);
    expect(out.chunks).toHaveLength(1);
    log.close();
  });

  it('flushes early once the pending text reaches its limit', () => {
    const out = collector();
    const log = createBufferedLog(out, collector(), { maxPendingChars: 20 });
    log.info('0123456789');
    expect(out.chunks).toEqual([]);
    log.info('abcdefghij');
    expect(out.chunks).toEqual(['0123456789\nabcdefghij\n']);
    log.close();
  });

  it('writes errors at once, after the info lines logged before them', () => {
    const out = collector();
    const err = collector();
    const log = createBufferedLog(out, err);
    log.info('POST /api/x 200 2.0ms');
    log.error('POST /api/y failed: boom');
    expect(out.chunks).toEqual(['POST /api/x 200 2.0ms\n']);
    expect(err.chunks).toEqual(['POST /api/y failed: boom\n']);
    log.close();
  });

  it('flush and close write whatever is pending', () => {
    vi.useFakeTimers();
    const out = collector();
    const log = createBufferedLog(out, collector(), { flushIntervalMs: 100 });
    log.info('one');
    log.flush();
    expect(out.chunks).toEqual(['one\n']);
    log.info('two');
    log.close();
    expect(out.chunks).toEqual(['one\n', 'two\n']);
    // The timer is gone after close.
    log.info('three');
    vi.advanceTimersByTime(1000);
    expect(out.chunks).toEqual(['one\n', 'two\n']);
  });
});

describe('loggablePath', () => {
  it('replaces segments that start like a token, and nothing else', () => {
    expect(loggablePath('/scim/v2/Users/scim_abc/x')).toBe('/scim/v2/Users/scim_[redacted]/x');
    expect(loggablePath('/ona_pat_abc')).toBe('/ona_pat_[redacted]');
    expect(loggablePath('/a/SCIM%5Fabc')).toBe('/a/SCIM%5F[redacted]');
    expect(loggablePath('/scim/v2/Users/0190-abc')).toBe('/scim/v2/Users/0190-abc');
    expect(loggablePath('/api/x.scim_y/z')).toBe('/api/x.scim_y/z');
  });
});
