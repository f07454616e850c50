// Graceful stop on SIGTERM/SIGINT: stop accepting, let requests in flight finish (up to a grace
// period), close keep-alive connections as they fall idle, then hand over to the caller to close
// the database and exit. Clients see their answer and a clean close, never ECONNRESET mid-request.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

export const SHUTDOWN_GRACE_MS = 10_000;
const IDLE_SWEEP_MS = 50;

export interface GracefulShutdown {
  /**
   * Stops accepting and resolves once every connection is closed: `true` when all requests
   * finished within `graceMs`, `false` when the rest had to be cut off.
   */
  drain(graceMs?: number): Promise<boolean>;
}

/** Call right after the server is created, so it sees every response. */
export function gracefulShutdown(server: Server): GracefulShutdown {
  const open = new Set<ServerResponse>();
  let draining = false;
  // Answers given while draining say `Connection: close`, so no client reuses the socket.
  const noKeepAlive = (response: ServerResponse) => {
    if (!response.headersSent) response.setHeader('Connection', 'close');
  };
  server.on('request', (_request: IncomingMessage, response: ServerResponse) => {
    if (draining) noKeepAlive(response);
    open.add(response);
    response.on('close', () => open.delete(response));
  });
  return {
    drain(graceMs = SHUTDOWN_GRACE_MS) {
      draining = true;
      for (const response of open) noKeepAlive(response);
      return new Promise((resolve) => {
        let settled = false;
        const finish = (graceful: boolean) => {
          if (settled) return;
          settled = true;
          clearInterval(sweep);
          clearTimeout(deadline);
          resolve(graceful);
        };
        // close() stops accepting and calls back once the last connection is gone.
        server.close(() => finish(true));
        // Idle keep-alive connections (and those whose request just ended) get a clean FIN now
        // instead of at their keep-alive timeout.
        server.closeIdleConnections();
        const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
        const deadline = setTimeout(() => {
          server.closeAllConnections();
          finish(false);
        }, graceMs);
      });
    },
  };
}
