/**
 * Node entry: the gateway on `@hono/node-server` with an embedded SQLite file, or PostgreSQL
 * when `DATABASE_URL` is set (node-storage.ts).
 * Run with `npm start`; configuration from environment variables (see README).
 * @module
 */
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '../config/config.js';
import { parseHttpServerConfig } from '../config/http-server-config.js';
import { logSafe } from '../lib/log-safe.js';
import { stopOnSignals } from './graceful-shutdown.js';
import { createNodeServer } from './node-http-server.js';
import { openNodeStorage } from './node-storage.js';
import { createNodeGateway } from './node-gateway.js';
import { startDispatchLoop } from '../exchange/dispatcher.js';
import { createFhirDispatcher, dispatchInServer, dispatchIntervalMs } from '../exchange/fhir-dispatcher.js';

// Requests in flight get this long to finish after SIGTERM (orchestrators wait 10 s to 30 s).
const SHUTDOWN_GRACE_MS = 8_000;
const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

async function main(): Promise<void> {
  const { databasePath } = parseConfig(process.env);
  const limits = parseHttpServerConfig(process.env);
  const storage = await openNodeStorage(process.env, databasePath, MIGRATIONS_DIR);
  const { app, config, notes, destinations, mappings, store, outbox } = await createNodeGateway(process.env, storage);
  for (const note of notes) console.log(logSafe(note, 2000)); // the development token is longer than a log line
  // The national exchange's dispatcher runs in the server on a timer (decision 029).
  const dispatcher = createFhirDispatcher(`node:${process.pid}`, outbox, store, destinations, mappings);
  const onDispatchError = (error: unknown) => console.error(logSafe(`dispatch round failed: ${String(error)}`, 2000));
  const dispatch =
    destinations.length && dispatchInServer(process.env)
      ? startDispatchLoop(dispatcher, dispatchIntervalMs(process.env), onDispatchError)
      : undefined;
  const server = createNodeServer({ fetch: app.fetch, hostname: config.host, limits });
  server.listen(config.port, config.host, () => {
    const { port } = server.address() as AddressInfo;
    // Tests start this entry with PORT=0 and read the real port from this line.
    console.log(
      logSafe(`FHIR gateway listening on http://${config.host}:${port}/fhir (database ${storage.description})`, 1000),
    );
  });
  stopOnSignals(server, {
    graceMs: SHUTDOWN_GRACE_MS,
    onClosed: async () => {
      await dispatch?.stop();
      await storage.close();
    },
    log: (line) => console.log(line),
  });
}

main().catch((error: unknown) => {
  console.error(logSafe(error instanceof Error ? error.message : error, 2000));
  process.exit(1);
});
