/**
 * Node entry: the gateway on `@hono/node-server` with an embedded SQLite file.
 * Run with `npm start`; configuration from environment variables (see README).
 * @module
 */
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '../config/config.js';
import { parseHttpServerConfig } from '../config/http-server-config.js';
import { parseSqliteConfig } from '../config/sqlite-config.js';
import { createGateway } from '../gateway/create-gateway.js';
import { logSafe } from '../lib/log-safe.js';
import { openBetterSqlite3 } from '../storage/adapters/better-sqlite3-driver.js';
import { createSqlResourceStore } from '../storage/sql/sql-resource-store.js';
import { createNodeServer } from './node-http-server.js';
import { createSqlOutboxQueue } from '../exchange/sql-outbox-queue.js';
import { startDispatchLoop } from '../exchange/dispatcher.js';
import { createFhirDispatcher, dispatchInServer, dispatchIntervalMs } from '../exchange/fhir-dispatcher.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

async function main(): Promise<void> {
  const { databasePath } = parseConfig(process.env);
  const limits = parseHttpServerConfig(process.env);
  const { readWorkers } = parseSqliteConfig(process.env);
  const driver = openBetterSqlite3({ path: databasePath, migrationsDir: MIGRATIONS_DIR, readWorkers });
  const store = createSqlResourceStore(driver);
  const outbox = createSqlOutboxQueue(driver);
  const { app, config, notes, destinations } = await createGateway(store, process.env, { outbox });
  for (const note of notes) console.log(logSafe(note));
  // The national exchange's dispatcher runs in the server on a timer (decision 029).
  const dispatcher = createFhirDispatcher(`node:${process.pid}`, outbox, store, destinations);
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
      logSafe(`FHIR gateway listening on http://${config.host}:${port}/fhir (database ${config.databasePath})`, 1000),
    );
  });
  const shutdown = () => {
    server.close(async () => {
      await dispatch?.stop();
      driver.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(logSafe(error instanceof Error ? error.message : error, 2000));
  process.exit(1);
});
