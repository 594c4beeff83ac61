/**
 * The server every HTTP benchmark measures: the real gateway app (createNodeGateway, composed as
 * `npm start` composes it, over a SQLite file in a temp folder) and the anchor, a bare Hono route
 * answering a fixed JSON body, on the HTTP server `npm start` uses (src/entry/node-http-server.ts,
 * on @hono/node-server's request listener), so both figures come from the same process in the
 * same run.
 */
import { Hono } from 'hono';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHttpServerConfig } from '../src/config/http-server-config.js';
import { createNodeServer } from '../src/entry/node-http-server.js';
import { createNodeGateway } from '../src/entry/node-gateway.js';
import { openNodeStorage } from '../src/entry/node-storage.js';
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
  // The gateway as `npm start` builds it (src/entry/node-gateway.ts: validation, integrity checks,
  // limits, metrics, the batched request log, the guide and the demo data) over a SQLite file
  // here, with SQLITE_READ_WORKERS as the server reads it; only the body limit comes from the suite.
  const env = {
    ...process.env,
    DATABASE_URL: undefined,
    LOAD_DEMO_DATA: 'true',
    MAX_BODY_BYTES: String(options.maxBodyBytes),
  };
  const storage = await openNodeStorage(env, join(dir, 'bench.sqlite'), MIGRATIONS_DIR);
  try {
    await options.prepare?.(createSqlResourceStore(storage.driver));
    const { app } = await createNodeGateway(env, storage);
    const anchor = new Hono().get('/anchor', (c) => c.json(options.anchorBody));
    // npm start's HTTP server (limits, hardening) serves the anchors too.
    const server = createNodeServer({
      fetch: (request) => {
        if (request.url.endsWith('/anchor')) return anchor.fetch(request);
        const other = options.anchors?.find((a) => a.matches(request));
        return other ? other.handle(request) : app.fetch(request);
      },
      hostname: '127.0.0.1',
      limits: parseHttpServerConfig(env),
    });
    try {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      await body(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  } finally {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
