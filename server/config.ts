// Environment -> server configuration, parsed by one zod schema. Every invalid value fails
// start-up with a clear message naming the variable.
import * as z from 'zod/mini';
import type { DatabaseTarget } from './db/database.ts';

export interface ProxyConfig {
  /** e.g. `https://app.gitpod.io/api`, without a trailing slash. */
  upstream: string;
  timeoutMs: number;
}

export type LogLevel = 'info' | 'error' | 'silent';

export interface ServerConfig {
  host: string;
  port: number;
  /** DATABASE_URL (postgres:// or postgresql://) selects PostgreSQL; else SQLite at DATABASE_PATH. */
  database: DatabaseTarget;
  /** DATABASE_URL was set to something that is not a PostgreSQL URL, so it was not used. */
  ignoredDatabaseUrl: boolean;
  /** How long start-up waits for an unreachable PostgreSQL server before it gives up. */
  databaseWaitMs: number;
  seedFile: string | undefined;
  proxy: ProxyConfig | undefined;
  /** undefined: `<request origin>/scim/v2`. */
  scimBaseUrl: string | undefined;
  corsOrigins: string[];
  staticDir: string;
  logLevel: LogLevel;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

/** A variable as set: trimmed, and empty read as unset. */
const variable = () =>
  z.pipe(
    z.optional(z.string()),
    z.transform((raw) => (raw?.trim() ? raw.trim() : undefined)),
  );

const text = (fallback: string) =>
  z.pipe(
    variable(),
    z.transform((raw) => raw ?? fallback),
  );

const integer = (name: string, fallback: number, min: number, max: number) =>
  z.pipe(
    variable(),
    z.transform((raw, context) => {
      if (raw === undefined) return fallback;
      if (/^\d+$/.test(raw) && Number(raw) >= min && Number(raw) <= max) return Number(raw);
      context.issues.push({
        code: 'custom',
        input: raw,
        message: `${name} must be an integer from ${min} to ${max}, got "${raw}"`,
      });
      return z.NEVER;
    }),
  );

function httpUrlProblem(name: string, raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `${name} must be an absolute http(s) URL, got "${raw}"`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `${name} must be an http or https URL, got "${raw}"`;
  }
  if (url.search || url.hash || url.username || url.password) {
    return `${name} must not carry a query, fragment or credentials`;
  }
  return undefined;
}

const httpUrl = (name: string) =>
  z.pipe(
    variable(),
    z.transform((raw, context) => {
      if (raw === undefined) return undefined;
      const problem = httpUrlProblem(name, raw);
      if (!problem) return new URL(raw).href.replace(/\/+$/, '');
      context.issues.push({ code: 'custom', input: raw, message: problem });
      return z.NEVER;
    }),
  );

function postgresUrlProblem(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'DATABASE_URL must be a URL such as postgres://user:password@host:5432/database';
  }
  // libpq's form for a Unix socket names the directory in ?host= and leaves the authority empty.
  if (!url.hostname && !url.searchParams.get('host')) {
    return 'DATABASE_URL must name the PostgreSQL host, as in postgres://user@host:5432/database';
  }
  if (url.pathname.length > 1 && !/^\/[^/]+$/.test(url.pathname)) {
    return 'DATABASE_URL must name one database after the host, as in postgres://user@host/database';
  }
  return undefined;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(url);
}

/** Only postgres:// and postgresql:// URLs are PostgreSQL; anything else leaves SQLite in charge. */
const databaseUrl = z.pipe(
  variable(),
  z.transform((raw, context) => {
    if (raw === undefined || !isPostgresUrl(raw))
      return { url: undefined, ignored: raw !== undefined };
    const problem = postgresUrlProblem(raw);
    if (!problem) return { url: raw, ignored: false };
    // Never the value itself: it may hold a password.
    context.issues.push({ code: 'custom', input: '', message: problem });
    return z.NEVER;
  }),
);

function originOf(item: string): string | undefined {
  try {
    const { origin } = new URL(item);
    return origin !== 'null' && origin === item.replace(/\/$/, '') ? origin : undefined;
  } catch {
    return undefined;
  }
}

const origins = (name: string) =>
  z.pipe(
    variable(),
    z.transform((raw, context) => {
      const items = (raw ?? '')
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);
      const result: string[] = [];
      for (const item of items) {
        const origin = originOf(item);
        if (origin) {
          result.push(origin);
          continue;
        }
        context.issues.push({
          code: 'custom',
          input: item,
          message: `${name} must list origins such as "https://admin.example.com", got "${item}"`,
        });
        return z.NEVER;
      }
      return result;
    }),
  );

const logLevels = ['info', 'error', 'silent'] as const satisfies readonly LogLevel[];

const logLevel = z.pipe(
  variable(),
  z.transform((raw, context): LogLevel => {
    const level = (raw ?? 'info').toLowerCase();
    const known = logLevels.find((candidate) => candidate === level);
    if (known) return known;
    context.issues.push({
      code: 'custom',
      input: raw,
      message: `LOG_LEVEL must be one of ${logLevels.join(', ')}, got "${level}"`,
    });
    return z.NEVER;
  }),
);

const envSchema = z.object({
  HOST: text('127.0.0.1'),
  PORT: integer('PORT', 8080, 0, 65_535),
  DATABASE_PATH: text('.data/scim-admin.sqlite'),
  DATABASE_URL: databaseUrl,
  DATABASE_WAIT_MS: integer('DATABASE_WAIT_MS', 10_000, 0, 600_000),
  SEED_FILE: variable(),
  ONA_API_URL: httpUrl('ONA_API_URL'),
  PROXY_TIMEOUT_MS: integer('PROXY_TIMEOUT_MS', 30_000, 1, 600_000),
  SCIM_BASE_URL: httpUrl('SCIM_BASE_URL'),
  CORS_ORIGINS: origins('CORS_ORIGINS'),
  STATIC_DIR: text('dist'),
  LOG_LEVEL: logLevel,
});

export function loadConfig(env: Env): ServerConfig {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues[0]?.message ?? 'invalid configuration');
  }
  const vars = result.data;
  return {
    host: vars.HOST,
    port: vars.PORT,
    database: vars.DATABASE_URL.url
      ? { kind: 'postgres', url: vars.DATABASE_URL.url }
      : { kind: 'sqlite', path: vars.DATABASE_PATH },
    ignoredDatabaseUrl: vars.DATABASE_URL.ignored,
    databaseWaitMs: vars.DATABASE_WAIT_MS,
    seedFile: vars.SEED_FILE,
    proxy: vars.ONA_API_URL
      ? { upstream: vars.ONA_API_URL, timeoutMs: vars.PROXY_TIMEOUT_MS }
      : undefined,
    scimBaseUrl: vars.SCIM_BASE_URL,
    corsOrigins: vars.CORS_ORIGINS,
    staticDir: vars.STATIC_DIR,
    logLevel: vars.LOG_LEVEL,
  };
}
