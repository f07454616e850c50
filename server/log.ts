// Where the server writes its lines. Tests pass `silentLog` or a collecting sink.
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

/** Where a buffered sink's text ends up; `write` must accept whole chunks of lines. */
export interface LogOutput {
  write: (chunk: string) => void;
}

export interface BufferedLog extends LogSink {
  /** Writes what is pending now (call it before the process exits). */
  flush: () => void;
  /** Flushes and stops the timer. */
  close: () => void;
}

export interface BufferedLogOptions {
  /** Pending info lines are written at least this often. */
  flushIntervalMs?: number;
  /** ...and as soon as they reach this many characters. */
  maxPendingChars?: number;
}

/**
 * Request log lines are collected and written in one chunk per interval: a write per request
 * (a system call each, on a file or pipe) costs more than building the line. Error lines flush
 * whatever is pending first and are written at once, so they are never lost or reordered.
 */
export function createBufferedLog(
  out: LogOutput,
  err: LogOutput,
  options: BufferedLogOptions = {},
): BufferedLog {
  const maxPending = options.maxPendingChars ?? 64 * 1024;
  let pending = '';
  const flush = () => {
    if (pending === '') return;
    const chunk = pending;
    pending = '';
    out.write(chunk);
  };
  const timer = setInterval(flush, options.flushIntervalMs ?? 200);
  // The timer alone must not keep the process alive.
  timer.unref();
  return {
    info(line) {
      pending += `${line}\n`;
      if (pending.length >= maxPending) flush();
    },
    error(line) {
      flush();
      err.write(`${line}\n`);
    },
    flush,
    close() {
      clearInterval(timer);
      flush();
    },
  };
}
