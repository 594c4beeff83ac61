/**
 * The Hono application, built by a factory from its dependencies. The same app runs on Node
 * (`src/entry/node.ts`) and on Workers (`src/entry/worker.ts`); it uses Web-standard APIs only.
 * @module
 */
import { Hono } from 'hono';
import { notFound } from '../fhir/outcome.js';
import type { RestContext } from '../rest/context.js';
import { REQUEST_ID_HEADER, errorToResponse } from './errors.js';
import { registerFhirRoutes } from './fhir-routes.js';

/** Settings the HTTP layer needs; see `src/config/config.ts` for where they come from. */
export interface HttpConfig {
  /** Public base URL of the FHIR endpoint; derived from each request when absent. */
  baseUrl?: string;
  /** Largest accepted request body in bytes (413 above it). */
  maxBodyBytes: number;
  /** Most entries of a transaction or batch Bundle (413 above it); 1,000 when absent. */
  maxBundleEntries?: number;
  /** Deepest JSON nesting accepted in a body (400 beyond it); 100 when absent. */
  maxJsonDepth?: number;
  softwareVersion: string;
}

/** Everything the app depends on. */
export interface AppDependencies extends RestContext {
  config: HttpConfig;
}

/** Hono environment: the per-request id set by the first middleware. */
export interface AppEnv {
  Variables: { requestId: string };
}

/** Builds the gateway's Hono app. */
export function createApp(deps: AppDependencies): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    const requestId = c.req.header(REQUEST_ID_HEADER) ?? crypto.randomUUID();
    c.set('requestId', requestId);
    await next();
    c.res.headers.set(REQUEST_ID_HEADER, requestId);
  });
  app.get('/', (c) => c.redirect('/fhir/metadata'));
  registerFhirRoutes(app, deps);
  app.notFound((c) =>
    errorToResponse(notFound(`No route for ${c.req.method} ${new URL(c.req.url).pathname}`), c.get('requestId')),
  );
  app.onError((err, c) => errorToResponse(err, c.get('requestId') ?? 'unknown'));
  return app;
}
