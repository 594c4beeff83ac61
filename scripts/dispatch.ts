/**
 * `npm run dispatch`: sends what the outbox holds to the configured destinations, then exits
 * (decision 029). `npm run dispatch -- --loop` keeps dispatching on a timer until interrupted.
 * Uses the same environment as the server (`DATABASE_PATH`, `EXCHANGE_DESTINATIONS`, tokens).
 */
import { fileURLToPath } from 'node:url';
import { parseConfig } from '../src/config/config.js';
import { parseDestinations } from '../src/exchange/destinations.js';
import { startDispatchLoop } from '../src/exchange/dispatcher.js';
import { createFhirDispatcher, dispatchIntervalMs } from '../src/exchange/fhir-dispatcher.js';
import { createSqlOutboxQueue } from '../src/exchange/sql-outbox-queue.js';
import { openBetterSqlite3 } from '../src/storage/adapters/better-sqlite3-driver.js';
import { createSqlResourceStore } from '../src/storage/sql/sql-resource-store.js';
import { readMappingSources } from '../src/entry/mapping-files.js';
import { loadMappings } from '../src/mapping/load-mappings.js';
import { guideConceptMaps } from '../src/mapping/dictionaries.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

async function main(): Promise<void> {
  const destinations = parseDestinations(process.env);
  if (destinations.length === 0) throw new Error('EXCHANGE_DESTINATIONS names no destination');
  const { databasePath } = parseConfig(process.env);
  const driver = openBetterSqlite3({ path: databasePath, migrationsDir: MIGRATIONS_DIR });
  const dispatcher = createFhirDispatcher(
    `script:${process.pid}`,
    createSqlOutboxQueue(driver),
    createSqlResourceStore(driver),
    destinations,
    // Only `json` destinations read mappings; a broken file stops the script as it stops the server.
    destinations.some((d) => d.kind === 'json') ? loadMappings(readMappingSources(), guideConceptMaps()) : undefined,
  );
  if (!process.argv.includes('--loop')) {
    console.log(`attempted ${await dispatcher.drain()} deliveries`);
    driver.close();
    return;
  }
  const loop = startDispatchLoop(dispatcher, dispatchIntervalMs(process.env), (error) =>
    console.error(`dispatch round failed: ${String(error)}`),
  );
  const stop = () => void loop.stop().then(() => driver.close());
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
