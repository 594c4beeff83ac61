/**
 * Node entry: the gateway on `@hono/node-server` with an embedded SQLite file.
 * Run with `npm start`; configuration from environment variables (see README).
 * @module
 */
import { serve } from '@hono/node-server';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '../config/config.js';
import { createGateway } from '../gateway/create-gateway.js';
import { openBetterSqlite3 } from '../storage/adapters/better-sqlite3-driver.js';
import { createSqlResourceStore } from '../storage/sql/sql-resource-store.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

async function main(): Promise<void> {
  const { databasePath } = parseConfig(process.env);
  const driver = openBetterSqlite3({ path: databasePath, migrationsDir: MIGRATIONS_DIR });
  const { app, config, notes } = await createGateway(createSqlResourceStore(driver), process.env);
  for (const note of notes) console.log(note);
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    // Tests start this entry with PORT=0 and read the real port from this line.
    console.log(`FHIR gateway listening on http://${config.host}:${info.port}/fhir (database ${config.databasePath})`);
  });
  const shutdown = () => {
    server.close(() => {
      driver.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
