/**
 * Builds the Hono app over a fresh store of each kind (memory, better-sqlite3), for integration
 * tests through `app.request()`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from '../../src/http/app.js';
import { openBetterSqlite3 } from '../../src/storage/adapters/better-sqlite3-driver.js';
import { createMemoryResourceStore } from '../../src/storage/memory/memory-resource-store.js';
import type { ResourceStore } from '../../src/storage/port.js';
import { createSqlResourceStore } from '../../src/storage/sql/sql-resource-store.js';
import type { SqlDriver } from '../../src/storage/sql/sql-driver.js';
import { parseValidationConfig } from '../../src/config/validation-config.js';
import { createValidator } from '../../src/validation/create-validator.js';
import { checkEmittedFhir } from '../setup/emitted-fhir.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

/** A store kind and how to make one; `driver` is set for SQL stores (to look into the tables). */
export interface StoreKind {
  name: string;
  create(): { store: ResourceStore; driver?: SqlDriver };
}

/** The stores the integration tests run against. */
export const STORE_KINDS: StoreKind[] = [
  { name: 'memory', create: () => ({ store: createMemoryResourceStore() }) },
  {
    name: 'better-sqlite3',
    create: () => {
      const dir = mkdtempSync(join(tmpdir(), 'fhir-it-'));
      const driver = openBetterSqlite3({ path: join(dir, 'db.sqlite'), migrationsDir: MIGRATIONS_DIR });
      return { store: createSqlResourceStore(driver), driver };
    },
  },
];

/**
 * The app over `store`, with the real validator as the server configures it by default (so an
 * unknown extension is a warning on a write, decision 018); every FHIR body it answers is checked
 * (test/setup).
 */
export function appOver(store: ResourceStore) {
  const app = createApp({
    store,
    clock: () => new Date(),
    validate: createValidator(parseValidationConfig({})),
    newId: () => crypto.randomUUID(),
    config: { maxBodyBytes: 5_000_000, softwareVersion: 'test', baseUrl: 'http://test/fhir' },
  });
  const fetch = app.fetch;
  app.fetch = async (request, ...rest) => {
    const response = await fetch(request, ...rest);
    await checkEmittedFhir(`${request.method} ${request.url}`, response);
    return response;
  };
  return app;
}

/** Sends FHIR JSON. */
export function send(
  app: ReturnType<typeof appOver>,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return Promise.resolve(
    app.request(path ? `/fhir/${path}` : '/fhir', {
      method,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      headers: { 'content-type': 'application/fhir+json', ...headers },
    }),
  );
}
