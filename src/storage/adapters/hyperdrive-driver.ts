/**
 * {@link SqlDriver} for Cloudflare Workers over Hyperdrive, which fronts a PostgreSQL server with
 * a connection pool near the Worker and hands it a `connectionString`. The same driver as on Node
 * (sql/postgres-sql-driver.ts), so units of work, isolation and retries are the same; only where
 * connections come from differs:
 * - a Worker may not use a socket opened while serving another request, so nothing is pooled
 *   here: every statement outside a unit, and every unit, opens its own `pg` client and ends it
 *   (Hyperdrive keeps the server connections, so connecting is a short hop to it);
 * - Hyperdrive pools server connections per transaction, so the session guard table is created
 *   inside each unit and dropped at its commit (`ON COMMIT DROP`).
 * Nothing here reads files, so migrations are applied beforehand from Node (`npm start` or any
 * Node process with `DATABASE_URL` applies `migrations/`). Needs the `nodejs_compat` compatibility
 * flag (pg reaches `cloudflare:sockets` through pg-cloudflare under it).
 *
 * Selected by src/entry/worker.ts when the `HYPERDRIVE` binding is present. Never run here:
 * Hyperdrive exists only on Cloudflare; the connection handling is exercised against the
 * PostgreSQL server of the tests (test/conformance/postgres-hyperdrive.test.ts). Decision 032.
 * @see https://developers.cloudflare.com/hyperdrive/
 * @module
 */
import pg from 'pg';
import type { SqlDriver, SqlValue } from '../sql/sql-driver.js';
import {
  BEGIN_UNIT,
  SESSION_GUARD_TABLE,
  createPostgresDriver,
  type PgConnectionSource,
} from '../sql/postgres-sql-driver.js';
import { pgTypes } from './pg-pool.js';

/** The part of a Hyperdrive binding (`env.HYPERDRIVE`) this driver uses. */
export interface HyperdriveLike {
  connectionString: string;
}

/** A driver over `binding`, safe to create once per isolate: it holds no connection between calls. */
export function createHyperdriveDriver(binding: HyperdriveLike): SqlDriver {
  return createPostgresDriver(perCallSource(binding.connectionString));
}

/** A {@link PgConnectionSource} that connects for each call and ends the client after it. */
export function perCallSource(connectionString: string): PgConnectionSource {
  const withClient = async <T>(use: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString, types: pgTypes });
    await client.connect();
    try {
      return await use(client);
    } finally {
      await client.end().catch(() => undefined);
    }
  };
  return {
    query: (text, params) => withClient((client) => client.query(text, params as SqlValue[])),
    transaction: (begin, work) =>
      withClient(async (client) => {
        await client.query(begin);
        try {
          // Read-only transactions (deadline searches) write no guard rows, and may create no table.
          if (begin === BEGIN_UNIT) await client.query(`${SESSION_GUARD_TABLE} ON COMMIT DROP`);
          await work({
            query: (text, params) => client.query(text, params as SqlValue[]),
            exec: async (script) => {
              await client.query(script);
            },
          });
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      }),
  };
}
