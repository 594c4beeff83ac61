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
import { guideConceptMaps } from '../mapping/dictionaries.js';
import { loadMappings, type MappingSource } from '../mapping/load-mappings.js';
import packageJson from '../../package.json' with { type: 'json' };

/** A started gateway: the app, its parsed configuration and what start-up stored. */
export interface Gateway {
  app: Hono<AppEnv>;
  config: Config;
  /** Lines worth logging about start-up (resources stored). */
  notes: string[];
}

/** Builds the gateway over `store` with configuration from `env`. */
export async function createGateway(
  store: ResourceStore,
  env: Record<string, string | undefined>,
  options: { mappingSources?: readonly MappingSource[] } = {},
): Promise<Gateway> {
  const config = parseConfig(env);
  // A broken mapping file throws here, with its file and line, and the start stops.
  const mappings = options.mappingSources ? loadMappings(options.mappingSources, guideConceptMaps()) : undefined;
  const validation = parseValidationConfig(env);
  const context: RestContext = {
    store,
    clock: () => new Date(),
    validate: createValidator(validation),
    validatedProfiles: createValidatedProfiles(validation),
    newId: createId,
    limits: config.limits,
  };
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
  const checked = { ...context, store: createIntegrityCheckedStore(store, config.integrity) };
  return { app: createApp({ ...checked, config: httpConfig, ...(mappings ? { mappings } : {}) }), config, notes };
}
