// Which database failures mean "the database cannot be reached right now" rather than a fault of
// the request or of the code: the one classifier every edge asks (Connect answers `unavailable`,
// SCIM 503, /healthz 503, start-up retries). Everything else stays an internal error.

/** What a client is told while the database is unreachable: nothing about hosts or drivers. */
export const DATABASE_UNAVAILABLE_MESSAGE = 'the database is unavailable: retry shortly';

// The operating system's words for a connection that cannot be made or was lost.
const SYSTEM_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

// SQLSTATEs of a server that cannot serve now (PostgreSQL appendix A): class 08 is checked apart.
const SQLSTATES = new Set([
  '57P01', // admin_shutdown: the server is stopping, or the backend was terminated
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or in recovery
  '57014', // query_canceled: statement_timeout fired, the server is too slow to answer now
  '53300', // too_many_connections
  '53400', // configuration_limit_exceeded
]);

// node-postgres and pg-pool report a lost or never-made connection as plain Errors, by message.
const DRIVER_MESSAGES = [
  /^Connection terminated/, // unexpectedly | due to connection timeout
  /^timeout exceeded when trying to connect$/, // no pool connection within connectionTimeoutMillis
  /^timeout expired$/,
  /^Query read timeout$/, // query_timeout
  /is not queryable$/, // a client whose connection already failed
  /^Cannot use a pool after calling end on the pool$/, // the instance is shutting down
];

function isUnavailableError(error: Error & { code?: unknown }): boolean {
  const { code } = error;
  if (typeof code === 'string') {
    if (SYSTEM_CODES.has(code) || SQLSTATES.has(code)) return true;
    if (/^08[0-9A-Z]{3}$/.test(code)) return true; // connection_exception and its subclasses
  }
  return DRIVER_MESSAGES.some((pattern) => pattern.test(error.message));
}

/**
 * Whether `error` says the database is unreachable or cannot serve right now, so the same request
 * may succeed later. Looks through `cause` chains and the errors of an AggregateError (a connect
 * attempt to every address of a host).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const pending: unknown[] = [error];
  // Bounded: a cyclic cause chain must not loop forever.
  for (let seen = 0; pending.length > 0 && seen < 16; seen++) {
    const current = pending.shift();
    if (!(current instanceof Error)) continue;
    if (isUnavailableError(current)) return true;
    if (current.cause !== undefined) pending.push(current.cause);
    if (current instanceof AggregateError) pending.push(...current.errors);
  }
  return false;
}

/**
 * The words of an error for logs and /healthz, however the driver packed them (a connect attempt
 * to every address of a host is an AggregateError without a message).
 */
export function errorText(error: unknown): string {
  if (error instanceof AggregateError && !error.message) {
    return [...new Set(error.errors.map(errorText))].join('; ');
  }
  if (error instanceof Error)
    return error.message || (error as { code?: string }).code || error.name;
  return String(error);
}
