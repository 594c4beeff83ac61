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
import { createApp, type AppEnv } from '../http/app.js';
import { loadImplementationGuide } from '../ig/load-implementation-guide.js';
import type { RestContext } from '../rest/context.js';
import { createIntegrityCheckedStore } from '../rest/integrity/integrity-guards.js';
import type { ResourceStore } from '../storage/port.js';
import { createValidator } from '../validation/create-validator.js';
import { createValidatedProfiles } from '../validation/validated-profiles.js';
import { gatewayReactions } from './gateway-reactions.js';
import { parseDestinations, type Destination } from '../exchange/destinations.js';
import type { OutboxQueue } from '../exchange/outbox-queue.js';
import { withOutbox } from '../exchange/route-outbox.js';
import packageJson from '../../package.json' with { type: 'json' };

/** A started gateway: the app, its parsed configuration and what start-up stored. */
export interface Gateway {
  app: Hono<AppEnv>;
  config: Config;
  /** Lines worth logging about start-up (resources stored). */
  notes: string[];
  /** National systems accepted changes are forwarded to (`EXCHANGE_DESTINATIONS`, decision 029). */
  destinations: Destination[];
}

/** Options of {@link createGateway}. */
export interface GatewayOptions {
  /** The outbox of `store`, for the operator API; without it the API is not served. */
  outbox?: OutboxQueue;
}

/** Builds the gateway over `store` with configuration from `env`. */
export async function createGateway(
  store: ResourceStore,
  env: Record<string, string | undefined>,
  options: GatewayOptions = {},
): Promise<Gateway> {
  const config = parseConfig(env);
  const destinations = parseDestinations(env);
  const validation = parseValidationConfig(env);
  const context: RestContext = {
    store,
    clock: () => new Date(),
    validate: createValidator(validation),
    validatedProfiles: createValidatedProfiles(validation),
    newId: createId,
    limits: config.limits,
  };
  const reactions = gatewayReactions(env);
  const notes: string[] = [];
  const ig = await loadImplementationGuide(context);
  if (ig.written > 0) notes.push(`stored ${ig.written} implementation guide resources (${ig.unchanged} unchanged)`);
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
  const exchange = options.outbox
    ? { queue: options.outbox, destinations, ...(env.ADMIN_TOKEN ? { adminToken: env.ADMIN_TOKEN } : {}) }
    : undefined;
  const app = createApp({ ...checked, config: httpConfig, ...(exchange ? { exchange } : {}) });
  return { app, config, notes, destinations };
}
