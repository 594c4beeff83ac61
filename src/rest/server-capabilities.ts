/**
 * The one list of what this server contributes to its CapabilityStatement: search parameters,
 * includes, operations and profiles. `/fhir/metadata` and `/openapi.json` are both built from
 * it, so an operation or parameter registered here appears in both (issue 16).
 * @see https://hl7.org/fhir/R4/capabilitystatement.html
 * @module
 */
import { VALIDATE_OPERATION, buildCapabilityStatement, type CapabilityContributions } from './capability-statement.js';
import { growthOperations } from '../plans/growth/growth-chart-operation.js';
import { plansOperations } from '../plans/plans-operations.js';
import { transformOperationFor } from '../mapping/transform-operation.js';
import { PROCESS_MESSAGE_OPERATION } from '../exchange/messages/process-message-operation.js';
import type { GrowthTables } from '../plans/growth/growth-tables.js';
import { terminologyOperationsFor } from './terminology/terminology-operations.js';
import { searchIncludeCapability, searchParamsCapability, searchRevIncludeCapability } from './search-capabilities.js';

/** What the contributions depend on: the profiles the validator checks, per type. */
export interface CapabilitySources {
  validatedProfiles?: ((resourceType: string) => string[]) | undefined;
  /** The WHO growth tables when growth scoring is on: `$growth-chart` is listed only then. */
  growthTables?: GrowthTables | undefined;
  /** The loaded mapping files: `$transform` is listed only when there are some. */
  mappings?: unknown;
}

/** The registries the CapabilityStatement (and everything derived from it) reads. */
export function serverCapabilities(sources: CapabilitySources): CapabilityContributions {
  return {
    searchParams: searchParamsCapability,
    searchInclude: searchIncludeCapability,
    searchRevInclude: searchRevIncludeCapability,
    operations: (type) => [
      VALIDATE_OPERATION,
      ...terminologyOperationsFor(type),
      ...growthOperations(type, sources.growthTables),
      ...plansOperations(type),
      ...transformOperationFor(type, sources.mappings),
    ],
    systemOperations: [PROCESS_MESSAGE_OPERATION],
    ...(sources.validatedProfiles ? { supportedProfiles: sources.validatedProfiles } : {}),
  };
}

/** This server's CapabilityStatement for `baseUrl`. */
export function serverCapabilityStatement(
  sources: CapabilitySources,
  options: { baseUrl: string; softwareVersion: string; date: string },
): fhir4.CapabilityStatement {
  return buildCapabilityStatement(options, serverCapabilities(sources));
}
