/**
 * Node entry: the gateway on `@hono/node-server` with an embedded SQLite file.
 * Run with `npm start`; configuration from environment variables (see README).
 * @module
 */
import { serve } from '@hono/node-server';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '../config/config.js';
import { loadDemoData } from '../demo/load-demo-data.js';
import { createId } from '../fhir/ids.js';
import { createApp } from '../http/app.js';
import { loadImplementationGuide } from '../ig/load-implementation-guide.js';
import type { RestContext } from '../rest/context.js';
import { openBetterSqlite3 } from '../storage/adapters/better-sqlite3-driver.js';
import { createSqlResourceStore } from '../storage/sql/sql-resource-store.js';
import { parseValidationConfig } from '../config/validation-config.js';
import { createValidator } from '../validation/create-validator.js';
import packageJson from '../../package.json' with { type: 'json' };

const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  const driver = openBetterSqlite3({ path: config.databasePath, migrationsDir: MIGRATIONS_DIR });
  const context: RestContext = {
    store: createSqlResourceStore(driver),
    clock: () => new Date(),
    validate: createValidator(parseValidationConfig(process.env)),
    newId: createId,
  };
  const ig = await loadImplementationGuide(context);
  if (ig.written > 0) console.log(`stored ${ig.written} implementation guide resources (${ig.unchanged} unchanged)`);
  if (config.loadDemoData) {
    const written = await loadDemoData(context);
    if (written > 0) console.log(`loaded ${written} demo resources`);
  }
  const httpConfig = {
    maxBodyBytes: config.maxBodyBytes,
    softwareVersion: packageJson.version,
    ...(config.baseUrl ? { baseUrl: config.baseUrl } : {}),
  };
  const app = createApp({ ...context, config: httpConfig });
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
