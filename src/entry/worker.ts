/**
 * Workers entry: the gateway on Cloudflare Workers with D1. The app is built once per isolate
 * on the first request (not at module load, to keep startup well under the 1 s limit); the
 * implementation guide and, when enabled, the demo data are stored in that same first step.
 * Run locally with `npm run dev:worker`; configuration from `[vars]` in `wrangler.toml`.
 * @see https://developers.cloudflare.com/workers/runtime-apis/handlers/fetch/
 * @module
 */
import { createGateway } from '../gateway/create-gateway.js';
import { REQUEST_ID_HEADER, errorToResponse } from '../http/errors.js';
import { createD1Driver, type D1DatabaseLike } from '../storage/adapters/d1-driver.js';
import { createSqlResourceStore } from '../storage/sql/sql-resource-store.js';
import { createSqlOutboxQueue } from '../exchange/sql-outbox-queue.js';

/** Bindings of this Worker: the D1 database `DB` plus `[vars]` (see `src/config/config.ts`). */
export interface WorkerEnv {
  DB: D1DatabaseLike;
  [variable: string]: unknown;
}

/** The part of Workers' `ExecutionContext` this entry passes on. */
interface ExecutionContextLike {
  waitUntil(promise: Promise<unknown>): void;
}

type FetchHandler = (request: Request) => Response | Promise<Response>;

let handler: Promise<FetchHandler> | undefined;

export default {
  async fetch(request: Request, env: WorkerEnv, _ctx: ExecutionContextLike): Promise<Response> {
    try {
      // A failed start (bad config, unmigrated database) is not cached: the next request retries.
      handler ??= buildHandler(env).catch((error: unknown) => {
        handler = undefined;
        throw error;
      });
      return await (
        await handler
      )(request);
    } catch (error) {
      return errorToResponse(error, request.headers.get(REQUEST_ID_HEADER) ?? crypto.randomUUID());
    }
  },
};

async function buildHandler(env: WorkerEnv): Promise<FetchHandler> {
  const driver = createD1Driver(env.DB);
  // Outbox rows are written on D1 too; sending them from Workers (Cron/Queue) is not built yet.
  const { app } = await createGateway(createSqlResourceStore(driver), stringVars(env), {
    outbox: createSqlOutboxQueue(driver),
  });
  return (request) => app.fetch(request);
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
