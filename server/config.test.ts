import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    expect(loadConfig({})).toEqual({
      host: '127.0.0.1',
      port: 8080,
      database: { kind: 'sqlite', path: '.data/scim-admin.sqlite' },
      ignoredDatabaseUrl: false,
      databaseWaitMs: 10_000,
      seedFile: undefined,
      proxy: undefined,
      scimBaseUrl: undefined,
      corsOrigins: [],
      staticDir: 'dist',
      logLevel: 'info',
    });
  });

  it('reads every variable', () => {
    expect(
      loadConfig({
        HOST: '0.0.0.0',
        PORT: '9090',
        DATABASE_PATH: ':memory:',
        SEED_FILE: 'seed.json',
        ONA_API_URL: 'https://app.gitpod.io/api/',
        PROXY_TIMEOUT_MS: '5000',
        SCIM_BASE_URL: 'https://scim.example.com/scim/v2',
        CORS_ORIGINS: 'https://a.example.com, http://localhost:5173/',
        STATIC_DIR: 'build',
        LOG_LEVEL: 'ERROR',
      }),
    ).toEqual({
      host: '0.0.0.0',
      port: 9090,
      database: { kind: 'sqlite', path: ':memory:' },
      ignoredDatabaseUrl: false,
      databaseWaitMs: 10_000,
      seedFile: 'seed.json',
      proxy: { upstream: 'https://app.gitpod.io/api', timeoutMs: 5000 },
      scimBaseUrl: 'https://scim.example.com/scim/v2',
      corsOrigins: ['https://a.example.com', 'http://localhost:5173'],
      staticDir: 'build',
      logLevel: 'error',
    });
  });

  it.each([
    ['postgres://app:secret@db.internal:5432/scim', 'postgres://app:secret@db.internal:5432/scim'],
    ['postgresql://db.internal/scim', 'postgresql://db.internal/scim'],
    ['POSTGRES://db.internal', 'POSTGRES://db.internal'],
    ['postgres:///scim?host=/var/run/postgresql', 'postgres:///scim?host=/var/run/postgresql'],
  ])('DATABASE_URL=%s selects PostgreSQL', (value, url) => {
    expect(loadConfig({ DATABASE_URL: value, DATABASE_PATH: 'x.sqlite' })).toMatchObject({
      database: { kind: 'postgres', url },
      ignoredDatabaseUrl: false,
    });
  });

  it.each(['', '  ', 'mysql://db.internal/scim', 'file:./data.sqlite'])(
    'DATABASE_URL=%j keeps SQLite at DATABASE_PATH',
    (value) => {
      expect(loadConfig({ DATABASE_URL: value, DATABASE_PATH: 'x.sqlite' })).toMatchObject({
        database: { kind: 'sqlite', path: 'x.sqlite' },
        ignoredDatabaseUrl: value.trim() !== '',
      });
    },
  );

  it('never repeats a malformed DATABASE_URL, which may hold a password', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://app:hunter2@/scim' })).toThrow(
      /^(?!.*hunter2)/,
    );
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT must be an integer from 0 to 65535'],
    [{ PORT: '70000' }, 'PORT must be an integer'],
    [{ PORT: '-1' }, 'PORT must be an integer'],
    [{ ONA_API_URL: 'app.gitpod.io' }, 'ONA_API_URL must be an absolute http(s) URL'],
    [{ ONA_API_URL: 'ftp://app.gitpod.io' }, 'ONA_API_URL must be an http or https URL'],
    [{ ONA_API_URL: 'https://user:pw@app.gitpod.io/api' }, 'must not carry'],
    [{ PROXY_TIMEOUT_MS: '0' }, 'PROXY_TIMEOUT_MS must be an integer'],
    [{ SCIM_BASE_URL: '/scim/v2' }, 'SCIM_BASE_URL must be an absolute'],
    [{ CORS_ORIGINS: 'https://a.example.com/path' }, 'CORS_ORIGINS must list origins'],
    [{ CORS_ORIGINS: '*' }, 'CORS_ORIGINS must list origins'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL must be one of info, error, silent'],
    [{ DATABASE_URL: 'postgres://' }, 'DATABASE_URL must name the PostgreSQL host'],
    [{ DATABASE_URL: 'postgres://db.internal:99999/app' }, 'DATABASE_URL must be a URL such as'],
    [{ DATABASE_URL: 'postgresql://db.internal/app/extra' }, 'DATABASE_URL must name one database'],
    [{ DATABASE_WAIT_MS: 'soon' }, 'DATABASE_WAIT_MS must be an integer'],
  ])('rejects %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
