/**
 * The Hono application, built by a factory from its dependencies. The same app runs on Node
 * (`src/entry/node.ts`) and on Workers (`src/entry/worker.ts`); it uses Web-standard APIs only.
 * @module
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { FhirError, error, notFound } from '../fhir/outcome.js';
import type { GrowthTables } from '../plans/growth/growth-tables.js';
import type { RestContext } from '../rest/context.js';
import { REQUEST_ID_HEADER, errorToResponse } from './errors.js';
import { registerFhirRoutes } from './fhir-routes.js';
import { registerGrowthRoutes } from './growth-routes.js';
import { observeRequests, type RequestObservers } from './ops/observe-requests.js';
import { registerOpsRoutes, type OpsRoutesOptions } from './ops/ops-routes.js';
import { requestIdOf } from './ops/request-id.js';
import { registerOpenApiRoute } from './pages/openapi-route.js';
import { registerPages, type PagesOptions } from './pages/pages-routes.js';
import { registerIngestRoutes } from './ingest-routes.js';
import type { LoadedMappings } from '../mapping/load-mappings.js';
import type { IngestOutcome } from '../mapping/visit-records.js';
import { registerExchangeRoutes } from './exchange-routes.js';
import { registerInboundRoutes } from './inbound-routes.js';
import type { RegisterLookup } from '../exchange/lookup/register-lookup.js';
import type { ExchangeOperations } from '../exchange/operator-api.js';
import { accessControl, type AccessControl } from '../auth/access-control.js';
import { operatorAccess } from '../auth/operator-access.js';
import { registerSmartConfiguration } from '../auth/smart-configuration.js';
import { registerProtections, type Protections } from '../auth/protections.js';

/** Settings the HTTP layer needs; see `src/config/config.ts` for where they come from. */
export interface HttpConfig {
  /** Public base URL of the FHIR endpoint; derived from each request when absent. */
  baseUrl?: string;
  /** Largest accepted request body in bytes (413 above it). */
  maxBodyBytes: number;
  /** Largest ingest upload in bytes, received as it arrives; 256 MiB when absent. */
  maxIngestBytes?: number;
  /** Most entries of a transaction or batch Bundle (413 above it); 1,000 when absent. */
  maxBundleEntries?: number;
  /** Deepest JSON nesting accepted in a body (400 beyond it); 100 when absent. */
  maxJsonDepth?: number;
  softwareVersion: string;
}

/** Everything the app depends on. */
export interface AppDependencies extends RestContext {
  config: HttpConfig;
  /** The WHO growth tables, when growth scoring is on (decision 025). */
  growthTables?: GrowthTables;
  /** Request log, metrics and health checks (`src/http/ops/`); none when absent (unit tests). */
  ops?: RequestObservers & OpsRoutesOptions;
  /** The HTML pages' runtime parts (the API viewer's files). */
  pages?: PagesOptions;
  /** The checked files of `mappings/`; the ingest routes exist only when present. */
  mappings?: LoadedMappings;
  /** Told of each ingested record as soon as it is done (the CLI's progress bar). */
  onIngestRecord?: (outcome: IngestOutcome) => void;
  /** The exchange's operator API (decision 029); not served when absent. */
  exchange?: ExchangeOperations;
  /** The national register IIN searches fall through to (decision 035); none when absent. */
  registerLookup?: RegisterLookup;
  /** Bearer tokens, scopes, compartments and audit (decision 031); everything is open when absent (unit tests). */
  access?: { control: AccessControl; smartConfiguration: Record<string, unknown>; protections?: Protections };
}

/** Hono environment. */
export interface AppEnv {
  Variables: Record<string, never>;
}

/** Who may use the operator routes: operators under access control, nobody without it. */
function operatorGuard(deps: AppDependencies): MiddlewareHandler {
  if (deps.access) return operatorAccess(deps.store, deps.access.control);
  return () => {
    throw new FhirError(403, error('forbidden', 'The operator API needs access control to be configured'));
  };
}

/** Builds the gateway's Hono app. */
export function createApp(deps: AppDependencies): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  if (deps.ops) app.use(observeRequests(deps.ops));
  // A request id the client sent is echoed on every answer. Without one, only errors get an id
  // (they name it in the body, so an operator can find the log line): setting a header on every
  // success turned @hono/node-server's cached Response into one built through a Headers object,
  // a sixth of the time of a read (decision 014).
  app.use((c, next) => {
    const given = c.req.header(REQUEST_ID_HEADER);
    if (given === undefined) return next();
    return next().then(() => c.res.headers.set(REQUEST_ID_HEADER, given));
  });
  if (deps.access) {
    if (deps.access.protections) registerProtections(app, deps.access.protections);
    registerSmartConfiguration(app, deps.access.smartConfiguration);
    app.use(accessControl(deps.store, deps.access.control));
  }
  registerPages(app, deps, deps.pages);
  if (deps.ops) registerOpsRoutes(app, deps.ops);
  registerOpenApiRoute(app, deps);
  registerGrowthRoutes(app, deps); // before the FHIR routes: it answers SVG, not JSON only
  registerIngestRoutes(app, deps);
  registerInboundRoutes(app, deps); // before the FHIR routes, which take `$process-message` as a type
  registerFhirRoutes(app, deps);
  registerExchangeRoutes(app, deps.exchange, operatorGuard(deps));
  app.notFound((c) =>
    errorToResponse(notFound(`No route for ${c.req.method} ${new URL(c.req.url).pathname}`), requestIdOf(c.req.raw)),
  );
  app.onError((err, c) => errorToResponse(err, requestIdOf(c.req.raw)));
  return app;
}
