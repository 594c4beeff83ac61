/**
 * The server every HTTP benchmark measures: the real gateway app (createGateway, as `npm start`
 * builds it, over a SQLite file store in a temp folder) and the anchor, a bare Hono route answering a fixed JSON body, on the
 * same @hono/node-server instance, so both figures come from the same process in the same run.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSqliteConfig } from '../src/config/sqlite-config.js';
import { createGateway } from '../src/gateway/create-gateway.js';
import { openBetterSqlite3 } from '../src/storage/adapters/better-sqlite3-driver.js';
import type { ResourceStore } from '../src/storage/port.js';
import { createSqlResourceStore } from '../src/storage/sql/sql-resource-store.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

/** Options of {@link withBenchServer}. */
export interface BenchServerOptions {
  /** What `GET /anchor` answers. */
  anchorBody: object;
  maxBodyBytes: number;
  /** Runs on the fresh store before the server starts (e.g. bulk seeding). */
  prepare?: (store: ResourceStore) => Promise<void>;
  /** Further anchors served by the same server: the first whose `matches` is true answers. */
  anchors?: readonly BenchAnchor[];
}

/** Another implementation served beside the gateway, for a side-by-side figure. */
export interface BenchAnchor {
  matches: (request: Request) => boolean;
  handle: (request: Request) => Promise<Response>;
}

/** Starts the gateway beside the anchor, runs `body(origin)`, then stops and removes everything. */
export async function withBenchServer(
  options: BenchServerOptions,
  body: (origin: string) => Promise<void>,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'gateway-bench-'));
  // SQLITE_READ_WORKERS as the server reads it (default 2); 0 measures search on the main connection.
  const { readWorkers } = parseSqliteConfig(process.env);
  const driver = openBetterSqlite3({ path: join(dir, 'bench.sqlite'), migrationsDir: MIGRATIONS_DIR, readWorkers });
  const store = createSqlResourceStore(driver);
  try {
    await options.prepare?.(store);
    // The gateway as `npm start` builds it (validation, integrity checks, limits, the guide and the
    // demo data), over this store; only the body limit comes from the suite.
    const env = { ...process.env, LOAD_DEMO_DATA: 'true', MAX_BODY_BYTES: String(options.maxBodyBytes) };
    const { app } = await createGateway(store, env);
    const anchor = new Hono().get('/anchor', (c) => c.json(options.anchorBody));
    const server = serve({
      fetch: (request) => {
        if (request.url.endsWith('/anchor')) return anchor.fetch(request);
        const other = options.anchors?.find((a) => a.matches(request));
        return other ? other.handle(request) : app.fetch(request);
      },
      port: 0,
      hostname: '127.0.0.1',
    });
    try {
      await new Promise((resolve) => server.once('listening', resolve));
      await body(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  } finally {
    driver.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
