/**
 * What every FHIR interaction needs, injected by the entry point. Nothing here knows HTTP.
 * @module
 */
import type { Issue } from '../fhir/outcome.js';
import type { SearchLimits } from '../search/search-limits.js';
import type { ResourceStore } from '../storage/port.js';
import type { ReturnPreference } from './prefer.js';
import type { WriteReaction } from './write/reactions.js';

/** Options of a {@link ResourceValidator} call. */
export interface ValidateOptions {
  /** Canonical URL of a profile to validate against, in addition to base R4 and meta.profile. */
  profile?: string | undefined;
  /**
   * Why the resource is validated: a `$validate` request, or a write (the default). The two differ
   * only in what an unknown extension gives by default (decision 018).
   */
  purpose?: 'write' | 'validate' | undefined;
  /**
   * Questionnaires this server holds, by the canonical a QuestionnaireResponse cites, fetched
   * before validation (`held-definitions.ts`); absent when nothing was looked up.
   */
  questionnaires?: ReadonlyMap<string, Record<string, unknown>> | undefined;
}

/** Checks a resource about to be written; returns issues and never throws for bad data. */
export type ResourceValidator = (resource: fhir4.Resource, options?: ValidateOptions) => Issue[];

/** Source of the current time, injectable so tests control `meta.lastUpdated`. */
export type Clock = () => Date;

/** The dependencies of the REST interactions. */
export interface RestContext {
  store: ResourceStore;
  clock: Clock;
  validate: ResourceValidator;
  newId: () => string;
  /** Profiles validated for a type (CapabilityStatement `supportedProfile`); none when absent. */
  validatedProfiles?: (resourceType: string) => string[];
  /** Request limits from the configuration; the defaults of docs/limits.md when absent. */
  limits?: RequestLimits;
  /** Work run after writes commit (plans, growth scores); none when absent. See `write/reactions.ts`. */
  reactions?: readonly WriteReaction[];
  /** How many reactions led to the current write; set by `runReactions`, 0 for a client write. */
  reactionDepth?: number;
}

/** Limits of one request (docs/limits.md). */
export interface RequestLimits {
  search: SearchLimits;
  /** Time budget of a search, checked between its statements (`REQUEST_TIME_BUDGET_MS`). */
  timeBudgetMs: number;
}

/**
 * The outcome of an interaction, before it becomes an HTTP response. `resource` is the body for
 * `Prefer: return=representation`; `issues` (warnings, information) feed
 * `Prefer: return=OperationOutcome`.
 */
export interface RestResult {
  status: number;
  resource?: fhir4.Resource;
  /** `resource` already serialised compactly (the stored text); rendered as is unless `_pretty`. */
  json?: string;
  /** Version metadata for `ETag`, `Last-Modified` and `Location`. */
  version?: { resourceType: string; id: string; versionId: string; lastUpdated: string };
  issues?: Issue[];
  /** What the client asked to get back (`Prefer: return`); absent for searches, whose Bundle always returns. */
  prefer?: ReturnPreference;
}
