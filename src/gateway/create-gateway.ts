/**
 * What both entry points do once they have a store: parse the environment, build the validator
 * and the REST context, store the implementation guide and (optionally) the demo data, and
 * build the Hono app. Runtime-neutral: the entries pass in the store and the environment.
 * @module
 */
import type { Hono } from 'hono';
import { parseConfig, type Config } from '../config/config.js';
import { parseValidationConfig } from '../config/validation-config.js';
import { loadDemoData } from '../demo/load-demo-data.js';
import { createId } from '../fhir/ids.js';
import { createApp, type AppDependencies, type AppEnv } from '../http/app.js';
import { countValidationFailures } from '../http/ops/count-validation-failures.js';
import type { GatewayMetrics } from '../http/ops/gateway-metrics.js';
import type { ViewerAssets } from '../http/pages/api-reference.js';
import { guideLoadedCheck, type ReadinessCheck } from '../http/ops/readiness.js';
import { createRequestLogger, parseLogLevel } from '../http/ops/request-log.js';
import { loadImplementationGuide } from '../ig/load-implementation-guide.js';
import type { RestContext } from '../rest/context.js';
import { createIntegrityCheckedStore } from '../rest/integrity/integrity-guards.js';
import type { ResourceStore } from '../storage/port.js';
import { createValidator } from '../validation/create-validator.js';
import { createValidatedProfiles } from '../validation/validated-profiles.js';
import { GROWTH_OFF_BY_DEFAULT, type GrowthSetup } from '../plans/growth/growth-setup.js';
import { gatewayReactions } from './gateway-reactions.js';
import { loadPlanDefinitions } from '../plans/load-plan-definitions.js';
import { guideConceptMaps } from '../mapping/dictionaries.js';
import { loadMappings, type MappingSource } from '../mapping/load-mappings.js';
import { parseDestinations, type Destination } from '../exchange/destinations.js';
import type { OutboxQueue } from '../exchange/outbox-queue.js';
import { withOutbox } from '../exchange/route-outbox.js';
import type { RegisterLookup } from '../exchange/lookup/register-lookup.js';
import type { LoadedMappings } from '../mapping/load-mappings.js';
import { createAccessControl } from '../auth/create-access-control.js';
import { smartConfiguration } from '../auth/smart-configuration.js';
import packageJson from '../../package.json' with { type: 'json' };

/** What only the entry knows: checks of its database, and metrics where the runtime keeps them. */
export interface GatewayRuntime {
  readiness?: readonly ReadinessCheck[];
  metrics?: GatewayMetrics;
  /** Where the API reference's viewer files are read from. */
  viewerAssets?: ViewerAssets;
  /** The WHO growth tables the entry read; growth scoring is off when absent (decision 025). */
  growth?: GrowthSetup;
  /** The files of `mappings/` (decision 023); no ingest routes when absent. */
  mappingSources?: readonly MappingSource[];
  /** The outbox of `store`, for the operator API; without it the API is not served. */
  outbox?: OutboxQueue;
  /** How this runtime asks a national register for an IIN (decision 035); no fall-through when absent. */
  registerLookup?: (destination: Destination) => RegisterLookup;
  /** Told of each ingested record when it is done (the CLI's progress bar). */
  onIngestRecord?: AppDependencies['onIngestRecord'];
  /** Where request log lines go; `console.log` per line when absent (Workers: one log entry each). */
  logWrite?: (line: string) => void;
}

/** A started gateway: the app, its parsed configuration and what start-up stored. */
export interface Gateway {
  app: Hono<AppEnv>;
  config: Config;
  /** Lines worth logging about start-up (resources stored). */
  notes: string[];
  /** National systems accepted changes are forwarded to (`EXCHANGE_DESTINATIONS`, decision 029). */
  destinations: Destination[];
  /** The loaded `mappings/` (the `json` destinations' reverse mappings, decision 035). */
  mappings?: LoadedMappings;
}

/** Options of {@link createGateway}. */
/**
 * Builds the gateway over `store` with configuration from `env`; `runtime` holds what only the
 * entry knows (database checks, metrics, viewer files, the WHO growth tables it read).
 */
export async function createGateway(
  store: ResourceStore,
  env: Record<string, string | undefined>,
  runtime: GatewayRuntime = {},
): Promise<Gateway> {
  const config = parseConfig(env);
  const logger = createRequestLogger(parseLogLevel(env), runtime.logWrite);
  // A broken mapping file throws here, with its file and line, and the start stops.
  const mappings = runtime.mappingSources ? loadMappings(runtime.mappingSources, guideConceptMaps()) : undefined;
  const destinations = parseDestinations(env);
  const validation = parseValidationConfig(env);
  const validatedProfiles = createValidatedProfiles(validation);
  const validate = createValidator(validation);
  const context: RestContext = {
    store,
    clock: () => new Date(),
    validate: runtime.metrics
      ? countValidationFailures(validate, runtime.metrics.validationFailures, validatedProfiles)
      : validate,
    validatedProfiles,
    newId: createId,
    limits: config.limits,
  };
  // Production without keys stops here, before anything is stored (decision 031).
  const access = await createAccessControl(env, createId, context.clock);
  const growth = runtime.growth ?? GROWTH_OFF_BY_DEFAULT;
  const reactions = gatewayReactions(growth);
  const notes: string[] = [...access.notes];
  if ('off' in growth) notes.push(`growth scoring is off: ${growth.off}`);
  const ig = await loadImplementationGuide(context);
  if (ig.written > 0) notes.push(`stored ${ig.written} implementation guide resources (${ig.unchanged} unchanged)`);
  if ((await loadPlanDefinitions(context)) > 0) notes.push('stored the visit schedule definitions');
  if (config.loadDemoData) {
    const written = await loadDemoData(context);
    if (written > 0) notes.push(`loaded ${written} demo resources`);
  }
  const httpConfig = {
    maxBodyBytes: config.maxBodyBytes,
    maxBundleEntries: config.maxBundleEntries,
    maxJsonDepth: config.maxJsonDepth,
    softwareVersion: packageJson.version,
    ...(config.baseUrl ? { baseUrl: config.baseUrl } : {}),
  };
  // Start-up data is written without the integrity checks: a guide or demo resource must never
  // keep the server from starting (the demo set is in dependency order, checked by its test).
  // Reactions too start with the server (not for the guide and demo data written above).
  // Writes from here on carry their outbox rows (guide and demo data above are not forwarded).
  const forwarded = withOutbox(createIntegrityCheckedStore(store, config.integrity), destinations);
  const checked = { ...context, store: forwarded, reactions };
  const growthTables = 'tables' in growth ? { growthTables: growth.tables } : {};
  const ops = {
    logger,
    readiness: [...(runtime.readiness ?? []), guideLoadedCheck(store)],
    ...(runtime.metrics ? { metrics: runtime.metrics } : {}),
  };
  const pages = runtime.viewerAssets ? { viewerAssets: runtime.viewerAssets } : {};
  const mapped = mappings
    ? { mappings, ...(runtime.onIngestRecord ? { onIngestRecord: runtime.onIngestRecord } : {}) }
    : {};
  const exchange = runtime.outbox ? { queue: runtime.outbox, destinations } : undefined;
  const app = createApp({
    ...checked,
    ...growthTables,
    ...mapped,
    ...(exchange ? { exchange } : {}),
    ...registerLookupOf(runtime, destinations),
    config: httpConfig,
    access: { control: access.control, protections: access.protections, smartConfiguration: smartConfiguration(env) },
    ops,
    pages,
  });
  return { app, config, notes, destinations, ...mapped };
}

function registerLookupOf(runtime: GatewayRuntime, destinations: readonly Destination[]) {
  const register = destinations.find((d) => d.iinLookup);
  return register && runtime.registerLookup ? { registerLookup: runtime.registerLookup(register) } : {};
}
