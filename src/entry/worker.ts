/**
 * Workers entry: the gateway on Cloudflare Workers with D1, or with PostgreSQL through Hyperdrive
 * when the `HYPERDRIVE` binding is declared (national scale, decisions 028 and 032). The app is built once per isolate
 * on the first request (not at module load, to keep startup well under the 1 s limit); the
 * implementation guide and, when enabled, the demo data are stored in that same first step.
 * Run locally with `npm run dev:worker`; configuration from `[vars]` in `wrangler.toml`.
 * @see https://developers.cloudflare.com/workers/runtime-apis/handlers/fetch/
 * @module
 */
import { createGateway } from '../gateway/create-gateway.js';
import { REQUEST_ID_HEADER, errorToResponse } from '../http/errors.js';
import { bundledMappingSources } from '../mapping/bundled-mappings.js';
import { createD1Driver, type D1DatabaseLike } from '../storage/adapters/d1-driver.js';
import { createSqlResourceStore } from '../storage/sql/sql-resource-store.js';
import { readGrowthTablesBucket, type R2BucketLike } from './growth-tables-r2.js';
import { sqlReadiness } from '../gateway/sql-readiness.js';
import { VIEWER_FILES, type ViewerAssets } from '../http/pages/api-reference.js';
import { createSqlOutboxQueue } from '../exchange/sql-outbox-queue.js';
import { drainOnce } from '../exchange/worker-dispatch.js';
import { createFetchRegisterLookup } from '../exchange/lookup/fetch-register-lookup.js';
import type { HyperdriveLike } from '../storage/adapters/hyperdrive-driver.js';
import type { SqlDriver } from '../storage/sql/sql-driver.js';
import type { MigrationsTable } from '../storage/sql/applied-migrations.js';

/** Bindings of this Worker: the D1 database `DB` plus `[vars]` (see `src/config/config.ts`). */
export interface WorkerEnv {
  DB: D1DatabaseLike;
  /** Optional Hyperdrive binding: when present, PostgreSQL through it instead of D1 (wrangler.toml). */
  HYPERDRIVE?: HyperdriveLike;
  /** Optional R2 bucket with the WHO growth tables (decision 025); growth scoring is off without it. */
  WHO_GROWTH?: R2BucketLike;
  /** Static assets (`[assets]` in wrangler.toml): the API viewer's files. */
  ASSETS?: { fetch(request: Request): Promise<Response> };
  [variable: string]: unknown;
}

/** The part of Workers' `ExecutionContext` this entry passes on. */
interface ExecutionContextLike {
  waitUntil(promise: Promise<unknown>): void;
}

type FetchHandler = (request: Request) => Response | Promise<Response>;

/** The started gateway of this isolate: the app, and one drain of the exchange's outbox. */
interface Started {
  fetch: FetchHandler;
  dispatch: () => Promise<number>;
}

let handler: Promise<Started> | undefined;

function started(env: WorkerEnv): Promise<Started> {
  // A failed start (bad config, unmigrated database) is not cached: the next call retries.
  handler ??= buildHandler(env).catch((error: unknown) => {
    handler = undefined;
    throw error;
  });
  return handler;
}

/** The part of a Queue consumer's batch this entry uses. */
interface MessageBatchLike {
  ackAll(): void;
}

export default {
  async fetch(request: Request, env: WorkerEnv, _ctx: ExecutionContextLike): Promise<Response> {
    try {
      return await (await started(env)).fetch(request);
    } catch (error) {
      return errorToResponse(error, request.headers.get(REQUEST_ID_HEADER) ?? crypto.randomUUID());
    }
  },
  /** Cron Trigger (`[triggers]` in wrangler.toml): sends what the outbox holds (decision 035). */
  async scheduled(_controller: unknown, env: WorkerEnv, ctx: ExecutionContextLike): Promise<void> {
    ctx.waitUntil(started(env).then((gateway) => gateway.dispatch()));
  },
  /** Queue consumer: any message is a nudge to send now rather than at the next Cron Trigger. */
  async queue(batch: MessageBatchLike, env: WorkerEnv, _ctx: ExecutionContextLike): Promise<void> {
    await (await started(env)).dispatch();
    batch.ackAll();
  },
};

/** The viewer's files, read through the static assets binding. */
function workerViewerAssets(assets: NonNullable<WorkerEnv['ASSETS']>): ViewerAssets {
  return async (name) => {
    if (!Object.hasOwn(VIEWER_FILES, name)) return undefined;
    const response = await assets.fetch(new Request(`https://assets.local/${name}`));
    if (!response.ok) return undefined;
    return { body: await response.text(), contentType: VIEWER_FILES[name as keyof typeof VIEWER_FILES] };
  };
}

/**
 * PostgreSQL through Hyperdrive when bound (its migrations applied from Node), else D1. pg is
 * imported only then, so a D1 Worker never evaluates it at startup.
 */
async function workerDatabase(env: WorkerEnv): Promise<{ driver: SqlDriver; migrationsTable: MigrationsTable }> {
  if (env.HYPERDRIVE) {
    const { createHyperdriveDriver } = await import('../storage/adapters/hyperdrive-driver.js');
    return { driver: createHyperdriveDriver(env.HYPERDRIVE), migrationsTable: 'schema_migrations' };
  }
  return { driver: createD1Driver(env.DB), migrationsTable: 'd1_migrations' };
}

async function buildHandler(env: WorkerEnv): Promise<Started> {
  const { driver, migrationsTable } = await workerDatabase(env);
  const store = createSqlResourceStore(driver);
  const outbox = createSqlOutboxQueue(driver);
  const { app, destinations, mappings } = await createGateway(store, stringVars(env), {
    readiness: sqlReadiness(driver, migrationsTable),
    ...(env.ASSETS ? { viewerAssets: workerViewerAssets(env.ASSETS) } : {}),
    growth: await readGrowthTablesBucket(env.WHO_GROWTH),
    mappingSources: bundledMappingSources(),
    outbox,
    registerLookup: createFetchRegisterLookup,
  });
  return {
    fetch: (request) => app.fetch(request),
    dispatch: () => drainOnce('worker', outbox, store, destinations, mappings),
  };
}

/** `[vars]` may hold TOML booleans and numbers; config parsing expects environment strings. */
function stringVars(env: WorkerEnv): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      vars[name] = String(value);
    }
  }
  return vars;
}
