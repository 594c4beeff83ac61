/**
 * Stopping the Node server on SIGTERM and SIGINT: no new connections, requests in flight answered,
 * idle keep-alive connections closed, then the database closed and the process ended. A second
 * signal, or a grace period that runs out, ends the remaining connections at once.
 * @see https://nodejs.org/docs/latest-v20.x/api/http.html#serverclose
 * @module
 */
import type { Server } from 'node:http';

/** Options of {@link stopOnSignals}. */
export interface ShutdownOptions {
  /** Longest wait for requests in flight before their connections are cut. */
  graceMs: number;
  /** Runs once the server has closed (stop the dispatcher, close the database); awaited. */
  onClosed: () => void | Promise<void>;
  /** Where a line about the shutdown goes. */
  log: (line: string) => void;
}

// How often idle keep-alive connections are closed while the server drains: a connection that
// finished its last request after `close()` would otherwise stay open until its own timeout.
const IDLE_SWEEP_MS = 100;

/** Installs the SIGTERM and SIGINT handlers for `server`. */
export function stopOnSignals(server: Server, options: ShutdownOptions): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      options.log(`${signal} again: closing the remaining connections`);
      server.closeAllConnections();
      return;
    }
    stopping = true;
    options.log(`${signal}: finishing requests in flight, then stopping`);
    const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
    const deadline = setTimeout(() => server.closeAllConnections(), options.graceMs);
    deadline.unref();
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(deadline);
      // The process ends even when closing fails: a stuck close must not keep it alive.
      void Promise.resolve()
        .then(options.onClosed)
        .catch((error: unknown) => options.log(`closing failed: ${String(error)}`))
        .finally(() => process.exit(0));
    });
    server.closeIdleConnections();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
