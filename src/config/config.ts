/**
 * Configuration from environment variables, parsed once at the entry point. Every setting has a
 * safe default so that `npm start` works with no environment at all.
 * @module
 */
import { z } from 'zod';
import { DEFAULT_MAX_JSON_DEPTH } from '../fhir/json/parse-fhir-json.js';
import { DEFAULT_SEARCH_LIMITS } from '../search/search-limits.js';
import type { RequestLimits } from '../rest/context.js';
import type { IntegritySettings } from '../rest/integrity/integrity-guards.js';
import { parseIntegrityConfig } from './integrity-config.js';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_PATH: z.string().min(1).default('./data/gateway.sqlite'),
  FHIR_BASE_URL: z.url().optional(),
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(2 * 1024 * 1024),
  INGEST_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(256 * 1024 * 1024),
  LOAD_DEMO_DATA: booleanFlag.default(true),
  MAX_BUNDLE_ENTRIES: z.coerce.number().int().positive().default(1000),
  JSON_MAX_DEPTH: z.coerce.number().int().min(2).max(10_000).default(DEFAULT_MAX_JSON_DEPTH),
  REQUEST_TIME_BUDGET_MS: z.coerce.number().int().positive().default(10_000),
  SEARCH_MAX_PARAMETERS: z.coerce.number().int().positive().default(DEFAULT_SEARCH_LIMITS.maxParameters),
  SEARCH_MAX_QUERY_LENGTH: z.coerce.number().int().positive().default(DEFAULT_SEARCH_LIMITS.maxQueryLength),
});

/** The gateway's typed configuration. */
export interface Config {
  port: number;
  host: string;
  databasePath: string;
  /** Public FHIR base URL; when absent it is derived from each request. */
  baseUrl?: string;
  maxBodyBytes: number;
  /** Largest ingest upload (`POST /ingest/…`, streamed); each record in it is held to `maxBodyBytes`. */
  maxIngestBytes: number;
  /** Deepest nesting of objects and arrays accepted in a JSON body (400 beyond it). */
  maxJsonDepth: number;
  loadDemoData: boolean;
  /** Most entries of a transaction or batch Bundle (docs/limits.md). */
  maxBundleEntries: number;
  /** Search shape limits and the per-request time budget (docs/limits.md). */
  limits: RequestLimits;
  /** Referential integrity and unique identifiers (`FHIR_REFERENTIAL_INTEGRITY`, `FHIR_UNIQUE_IDENTIFIERS`). */
  integrity: IntegritySettings;
}

/** Parses `env` (e.g. `process.env` or a Workers `env`); throws a readable error on bad values. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = ConfigSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const c = result.data;
  const config: Config = {
    port: c.PORT,
    host: c.HOST,
    databasePath: c.DATABASE_PATH,
    maxBodyBytes: c.MAX_BODY_BYTES,
    maxIngestBytes: c.INGEST_MAX_BYTES,
    maxJsonDepth: c.JSON_MAX_DEPTH,
    loadDemoData: c.LOAD_DEMO_DATA,
    maxBundleEntries: c.MAX_BUNDLE_ENTRIES,
    limits: {
      search: {
        ...DEFAULT_SEARCH_LIMITS,
        maxParameters: c.SEARCH_MAX_PARAMETERS,
        maxQueryLength: c.SEARCH_MAX_QUERY_LENGTH,
      },
      timeBudgetMs: c.REQUEST_TIME_BUDGET_MS,
    },
    integrity: parseIntegrityConfig(env),
  };
  if (c.FHIR_BASE_URL) config.baseUrl = c.FHIR_BASE_URL.replace(/\/$/, '');
  return config;
}
