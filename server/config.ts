// Environment -> server configuration. Every invalid value fails start-up with a clear message.
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

function value(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw ? raw : undefined;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = value(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return Number(raw);
}

function httpUrl(env: Env, name: string): string | undefined {
  const raw = value(env, name);
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an absolute http(s) URL, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${name} must be an http or https URL, got "${raw}"`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new ConfigError(`${name} must not carry a query, fragment or credentials`);
  }
  return url.href.replace(/\/+$/, '');
}

function origins(env: Env, name: string): string[] {
  const raw = value(env, name);
  if (raw === undefined) return [];
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item) => {
      let origin: string;
      try {
        origin = new URL(item).origin;
      } catch {
        origin = 'null';
      }
      if (origin === 'null' || origin !== item.replace(/\/$/, '')) {
        throw new ConfigError(
          `${name} must list origins such as "https://admin.example.com", got "${item}"`,
        );
      }
      return origin;
    });
}

const logLevels: readonly LogLevel[] = ['info', 'error', 'silent'];

export function loadConfig(env: Env): ServerConfig {
  const upstream = httpUrl(env, 'ONA_API_URL');
  const timeoutMs = integer(env, 'PROXY_TIMEOUT_MS', 30_000, 1, 600_000);
  const logLevel = (value(env, 'LOG_LEVEL') ?? 'info').toLowerCase();
  if (!logLevels.includes(logLevel as LogLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${logLevels.join(', ')}, got "${logLevel}"`);
  }
  return {
    host: value(env, 'HOST') ?? '127.0.0.1',
    port: integer(env, 'PORT', 8080, 0, 65_535),
    databasePath: value(env, 'DATABASE_PATH') ?? '.data/scim-admin.sqlite',
    seedFile: value(env, 'SEED_FILE'),
    proxy: upstream ? { upstream, timeoutMs } : undefined,
    scimBaseUrl: httpUrl(env, 'SCIM_BASE_URL'),
    corsOrigins: origins(env, 'CORS_ORIGINS'),
    staticDir: value(env, 'STATIC_DIR') ?? 'dist',
    logLevel: logLevel as LogLevel,
  };
}
