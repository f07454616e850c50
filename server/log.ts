// Where the server writes its lines. Tests pass `silentLog` or a collecting sink.
import { type Logger, pino } from 'pino';
import type { LogLevel } from './config.ts';

export interface LogSink {
  info: (line: string) => void;
  error: (line: string) => void;
}

export const silentLog: LogSink = { info: () => {}, error: () => {} };

// A path segment that starts like one of our tokens (`scim_…`, `ona_pat_…`), raw or
// percent-encoded: a client that put its token in the URL must not get it written to the log.
const tokenSegment = /(^|\/)(scim_|ona_pat_|scim%5f|ona%5fpat%5f)[^/]*/gi;

/** The request path as it may be logged: token-shaped segments replaced by `<prefix>[redacted]`. */
export function loggablePath(path: string): string {
  return path.replace(
    tokenSegment,
    (_match, slash: string, prefix: string) => `${slash}${prefix}[redacted]`,
  );
}

/** Where the process log writes: a file descriptor's sonic-boom, or a test's collector. */
export interface LogOutput {
  write: (chunk: string) => void;
}

export interface ProcessLog extends LogSink {
  /** For structured entries; fields that can hold a secret are redacted (REDACTED_FIELDS). */
  logger: Logger;
  /** Writes what is pending now (call it before the process exits). */
  flush: () => void;
}

/** Names a secret may travel under, wherever it sits in a logged object. */
export const REDACTED_FIELDS = [
  'authorization',
  'token',
  'password',
  'secret',
  '*.authorization',
  '*.token',
  '*.password',
  '*.secret',
  'headers.cookie',
  '*.headers.authorization',
  '*.headers.cookie',
];

/**
 * The process's log (pino): one JSON object a line, the text in `msg`; info lines to `out`,
 * errors to `err` only. By default both are file descriptors written by sonic-boom, stdout
 * asynchronously: lines logged while a write is under way go out together in the next one, so a
 * busy server makes a system call per batch rather than per request. Errors are written at once.
 */
export function createProcessLog(options: {
  level: LogLevel;
  out?: LogOutput;
  err?: LogOutput;
}): ProcessLog {
  let out = options.out;
  let flush = () => {};
  if (!out) {
    const stdout = pino.destination({ dest: 1, sync: false });
    flush = () => stdout.flushSync();
    out = stdout;
  }
  const err = options.err ?? pino.destination({ dest: 2, sync: true });
  const logger = pino(
    { level: options.level, base: null, redact: { paths: REDACTED_FIELDS, censor: '[redacted]' } },
    pino.multistream(
      [
        { level: 'info', stream: out },
        { level: 'error', stream: err },
      ],
      { dedupe: true },
    ),
  );
  return {
    logger,
    info: (line) => logger.info(line),
    error: (line) => logger.error(line),
    flush,
  };
}
