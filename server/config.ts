// Environment -> server configuration, parsed by one zod schema. Every invalid value fails
// start-up with a clear message naming the variable.
import * as z from 'zod/mini';

export interface ProxyConfig {
  /** e.g. `https://app.gitpod.io/api`, without a trailing slash. */
  upstream: string;
  timeoutMs: number;
}

export type LogLevel = 'info' | 'error' | 'silent';

export interface ServerConfig {
  host: string;
  port: number;
  databasePath: string;
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
    databasePath: vars.DATABASE_PATH,
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
