/**
 * PostgreSQL for the conformance tests: the server at 127.0.0.1:5432 (database `test`, user
 * `postgres`, no password; `TEST_DATABASE_URL` overrides) when it answers, otherwise an
 * in-process PGlite, so that the suites run anywhere. On the server every store gets a schema
 * of its own with a random name, dropped when the file ends, so files running in parallel
 * never share rows.
 */
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll } from 'vitest';
import { dropPostgresSchema, openPostgres } from '../../src/storage/adapters/pg-driver.js';
import type { PGlite } from '@electric-sql/pglite';
import { openPglite, startPglite } from '../../src/storage/adapters/pglite-driver.js';
import type { SqlDriver } from '../../src/storage/sql/sql-driver.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** True when the PostgreSQL server of the tests answers (checked once per file). */
export const serverReachable: boolean = await probe(TEST_DATABASE_URL);

async function probe(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A fresh schema name, `t_` and random hex. */
export function randomSchema(): string {
  return `t_${crypto.randomUUID().replaceAll('-', '').slice(0, 20)}`;
}

/** Which PostgreSQL the file's stores run on, for test names. */
export const postgresKind = serverReachable ? 'PostgreSQL server' : 'PGlite';

/**
 * Opens drivers on fresh, migrated, empty schemas (on the server, or in one PGlite instance per
 * file) and closes and drops them all when the file ends.
 */
export function postgresDrivers(): {
  open(options?: { poolSize?: number; guardTableEachUnit?: boolean }): Promise<SqlDriver>;
} {
  const opened: { close(): Promise<void>; schema?: string }[] = [];
  let pglite: Promise<PGlite> | undefined;
  afterAll(async () => {
    for (const driver of opened) {
      await driver.close();
      if (driver.schema) await dropPostgresSchema(TEST_DATABASE_URL, driver.schema);
    }
    if (pglite) await (await pglite).close();
  });
  return {
    async open(options = {}) {
      const schema = randomSchema();
      if (!serverReachable) {
        pglite ??= startPglite();
        return openPglite(await pglite, schema, MIGRATIONS_DIR);
      }
      const driver = await openPostgres({
        url: TEST_DATABASE_URL,
        migrationsDir: MIGRATIONS_DIR,
        schema,
        poolSize: options.poolSize ?? 4,
        idleTimeoutMs: 1000,
        guardTableEachUnit: options.guardTableEachUnit ?? false,
      });
      opened.push({ close: driver.close, schema });
      return driver;
    },
  };
}
