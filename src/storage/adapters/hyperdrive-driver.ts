/**
 * {@link SqlDriver} for Cloudflare Workers over Hyperdrive, which fronts a PostgreSQL server with
 * a connection pool near the Worker and hands it a `connectionString`. The same driver as on Node
 * (sql/postgres-sql-driver.ts over pg-pool.ts), so units of work, isolation and retries are the
 * same; nothing here reads files, so migrations are applied beforehand from Node (`npm start` or
 * any Node process with `DATABASE_URL` applies `migrations/`). Needs the `nodejs_compat`
 * compatibility flag (pg uses `node:net`/`node:tls`, which Workers provide under it).
 *
 * Hyperdrive pools server connections per transaction, so the session guard table is made in
 * each unit (pg-pool.ts, `guardTableEachUnit`).
 *
 * Not wired into src/entry/worker.ts and never run here: Hyperdrive exists only on Cloudflare,
 * and adding pg to the Worker bundle needs `nodejs_compat`. See wrangler.toml and decision 028.
 * @see https://developers.cloudflare.com/hyperdrive/
 * @module
 */
import type { SqlDriver } from '../sql/sql-driver.js';
import { createPostgresDriver } from '../sql/postgres-sql-driver.js';
import { createPgPool, poolSource } from './pg-pool.js';

/** The part of a Hyperdrive binding (`env.HYPERDRIVE`) this driver uses. */
export interface HyperdriveLike {
  connectionString: string;
}

/**
 * A driver over `binding`. Hyperdrive pools the connections to the server, so the pool here is
 * small; create it once per isolate, as the D1 driver is.
 */
export function createHyperdriveDriver(binding: HyperdriveLike, maxConnections = 5): SqlDriver {
  const pool = createPgPool({ url: binding.connectionString, max: maxConnections, idleTimeoutMs: 10_000 });
  return createPostgresDriver(poolSource(pool, { guardTableEachUnit: true }));
}
