import { describe, expect, it } from 'vitest';
import { createProcessLog, loggablePath } from './log.ts';

function collector() {
  const chunks: string[] = [];
  return { chunks, write: (chunk: string) => void chunks.push(chunk) };
}

function entries(chunks: string[]): Record<string, unknown>[] {
  return chunks
    .join('')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('createProcessLog', () => {
  it('writes info lines to out and errors to err only, one JSON object a line', () => {
    const out = collector();
    const err = collector();
    const log = createProcessLog({ level: 'info', out, err });
    log.info('GET /a 200 1.0ms');
    log.error('POST /api/y failed: boom');
    expect(entries(out.chunks)).toEqual([
      { level: 30, time: expect.any(Number), msg: 'GET /a 200 1.0ms' },
    ]);
    expect(entries(err.chunks)).toEqual([
      { level: 50, time: expect.any(Number), msg: 'POST /api/y failed: boom' },
    ]);
  });

  it('drops info lines at level error, and everything when silent', () => {
    const out = collector();
    const err = collector();
    const errorsOnly = createProcessLog({ level: 'error', out, err });
    errorsOnly.info('GET /a 200 1.0ms');
    errorsOnly.error('boom');
    const silent = createProcessLog({ level: 'silent', out, err });
    silent.info('GET /b 200 1.0ms');
    silent.error('bang');
    expect(out.chunks).toEqual([]);
    expect(entries(err.chunks).map((entry) => entry.msg)).toEqual(['boom']);
  });

  it('redacts fields that can hold a secret, at the top and nested', () => {
    const out = collector();
    const log = createProcessLog({ level: 'info', out, err: collector() });
    log.logger.info(
      {
        token: 'scim_top',
        request: { headers: { authorization: 'Bearer ona_pat_secret', cookie: 'a=b' } },
        headers: { cookie: 'session=1' },
        configuration: { token: 'scim_nested', name: 'Okta' },
      },
      'structured',
    );
    const text = out.chunks.join('');
    for (const secret of ['scim_top', 'scim_nested', 'ona_pat_secret', 'a=b', 'session=1']) {
      expect(text).not.toContain(secret);
    }
    expect(entries(out.chunks)[0]).toMatchObject({
      token: '[redacted]',
      headers: { cookie: '[redacted]' },
      configuration: { token: '[redacted]', name: 'Okta' },
    });
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
