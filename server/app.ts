// The whole server as one Hono application, built from configuration: the Connect API (local or
// proxied), the SCIM 2.0 endpoint and its activity service, runtime config, health and the SPA.
import { Hono } from 'hono';
import { ConnectError } from '../contracts/connect.ts';
import { procedures } from '../contracts/procedures.ts';
import { ACTIVITY_SERVICE } from '../contracts/provisioning-activity.ts';
import { RUNTIME_CONFIG_PATH } from '../contracts/runtime-config.ts';
import { createConnectHandler, errorResponse } from './connect.ts';
import type { Database } from './db/database.ts';
import { databaseHealth, upstreamHealth } from './health.ts';
import { cors, noStore, securityHeaders } from './http-headers.ts';
import { type LogSink, loggablePath } from './log.ts';
import { createProxyHandler, type ProxyOptions } from './proxy.ts';
import { createStorage, type Storage } from './repositories/repositories.ts';
import { identityServiceMethods } from './routes/identity-service.ts';
import { organizationServiceMethods } from './routes/organization-service.ts';
import {
  type ProvisioningActivityDeps,
  provisioningActivityMethods,
} from './routes/provisioning-activity-service.ts';
import { createScimV2App } from './routes/scim/scim-app.ts';
import { userServiceMethods } from './routes/user-service.ts';
import { runtimeConfig } from './runtime-config.ts';
import { createAuthThrottle, throttleFailedAuthentication } from './security/auth-throttle.ts';
import { createAuthenticator } from './services/authentication.ts';
import { sharedPageTokenCodec } from './services/page-tokens.ts';
import type { ServiceContext } from './services/service-context.ts';
import { createStaticHandler } from './static.ts';

export interface AppConfig {
  /** SCIM_BASE_URL; undefined: `<request origin>/scim/v2`. */
  scimBaseUrl?: string | undefined;
  /** CORS_ORIGINS; empty: no CORS headers at all. */
  corsOrigins?: readonly string[] | undefined;
  /** ONA_API_URL + PROXY_TIMEOUT_MS; set: proxy mode, no database. */
  proxy?: { upstream: string; timeoutMs: number } | undefined;
  /** The built SPA (dist/); undefined: no static files are served. */
  staticDir?: string | undefined;
}

export interface AppDeps {
  /** The opened and migrated database; omit in proxy mode. */
  database?: Database | undefined;
  config: AppConfig;
  log: LogSink;
  /** Lets request logging be switched off while errors are still reported. */
  logRequests?: boolean;
  now?: () => Date;
  /** How the server reaches other hosts: the proxy's upstream, a configured SCIM_BASE_URL (tests). */
  fetch?: typeof fetch;
  /** Told of each call the Connect edge answers on its direct path (tests). */
  onDirectAnswer?: (path: string) => void;
}

export function createServiceContext(storage: Storage, now: () => Date): ServiceContext {
  return { ...storage, now, pageTokens: sharedPageTokenCodec(storage.repos.settings) };
}

export function createApp(deps: AppDeps): Hono {
  const { config, log } = deps;
  const now = deps.now ?? (() => new Date());
  const app = new Hono();

  if (deps.logRequests ?? true) {
    app.use(async (c, next) => {
      const started = performance.now();
      await next();
      // The path only: query strings may carry page tokens, and headers are never logged.
      const ms = (performance.now() - started).toFixed(1);
      log.info(`${c.req.method} ${loggablePath(c.req.path)} ${c.res.status} ${ms}ms`);
    });
  }
  app.use(securityHeaders);
  if (config.corsOrigins && config.corsOrigins.length > 0) app.use(cors(config.corsOrigins));
  app.use('/api/*', noStore);
  app.use('/healthz', noStore);
  app.use(RUNTIME_CONFIG_PATH, noStore);
  // One failed-authentication throttle per client address for /api and /scim/v2 together.
  const throttle = createAuthThrottle();
  app.use(
    '/api/*',
    throttleFailedAuthentication({
      throttle,
      now: () => now().getTime(),
      refuse: (c, wait) =>
        errorResponse(
          c,
          new ConnectError(
            'resource_exhausted',
            `too many failed authentication attempts from this address: retry in ${wait} s`,
          ),
        ),
    }),
  );

  app.onError((error, c) => {
    log.error(
      `${c.req.method} ${loggablePath(c.req.path)} failed: ${error.stack ?? error.message}`,
    );
    return c.req.path.startsWith('/api/')
      ? errorResponse(c, new ConnectError('internal', 'internal error'))
      : c.text('Internal Server Error', 500);
  });

  // What it checks: server/health.ts (and the README's "Health" section).
  const health = config.proxy
    ? upstreamHealth(config.proxy.upstream, deps.fetch ? { fetch: deps.fetch } : {})
    : deps.database
      ? databaseHealth(deps.database, createStorage(deps.database).repos.settings, () =>
          now().getTime(),
        )
      : undefined;
  app.get('/healthz', async (c) => {
    const report = health
      ? await health()
      : { status: 'unavailable', mode: 'local', reason: 'no database' };
    return c.json(report, report.status === 'ok' ? 200 : 503);
  });
  app.get(RUNTIME_CONFIG_PATH, (c) =>
    c.json(
      runtimeConfig(
        { scimBaseUrl: config.scimBaseUrl, proxyUpstream: config.proxy?.upstream },
        c.req.url,
      ),
    ),
  );

  if (config.proxy) {
    // Our own services have no upstream: they answer `unimplemented` instead of being forwarded.
    const ownServices = new Set(
      Object.values(procedures)
        .filter((procedure) => procedure.service === ACTIVITY_SERVICE)
        .map((procedure) => procedure.path),
    );
    const proxyOptions: ProxyOptions = { ...config.proxy, log };
    if (deps.fetch) proxyOptions.fetch = deps.fetch;
    const proxy = createProxyHandler(proxyOptions);
    app.all('/api/*', (c) => {
      const path = c.req.path.replace(/^\/api\//, '');
      if (ownServices.has(path)) {
        return errorResponse(
          c,
          new ConnectError('unimplemented', `/${path} is not available in proxy mode`),
        );
      }
      return proxy(c);
    });
  } else {
    const { database } = deps;
    if (!database) throw new Error('createApp needs a database unless config.proxy is set');
    const storage = createStorage(database);
    const ctx = createServiceContext(storage, now);
    // One SCIM 2.0 app: mounted at /scim/v2, and called in-process by the connection test.
    const scimApp = createScimV2App({ storage, log, now, throttle });
    const activity: ProvisioningActivityDeps = {
      repos: storage.repos,
      scimBaseUrl: config.scimBaseUrl,
      scimApp,
      now,
      throttledLast24h: () => throttle.refusedLast24h(now().getTime()),
    };
    if (deps.fetch) activity.fetch = deps.fetch;
    app.all(
      '/api/*',
      createConnectHandler({
        methods: [
          ...organizationServiceMethods(ctx),
          ...identityServiceMethods(ctx),
          ...userServiceMethods(ctx),
          ...provisioningActivityMethods(activity),
        ],
        authenticate: createAuthenticator(ctx.repos.accessTokens, now),
        log,
        ...(deps.onDirectAnswer && { onDirectAnswer: deps.onDirectAnswer }),
      }),
    );
    app.route('/scim/v2', scimApp);
  }

  if (config.staticDir) {
    const serveStatic = createStaticHandler(config.staticDir);
    app.get('*', serveStatic);
  }
  return app;
}
