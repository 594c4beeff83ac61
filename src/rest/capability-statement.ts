/**
 * The CapabilityStatement, generated from what the server actually registers: the resource-type
 * list, the interactions per type, and the search parameters and operations that later modules
 * contribute. Nothing in it is typed by hand.
 * @see https://hl7.org/fhir/R4/capabilitystatement.html
 * @see https://hl7.org/fhir/R4/http.html#capabilities
 * @module
 */
import { R4_RESOURCE_TYPE_NAMES, SUPPORTED_RESOURCE_TYPES, isSupportedResourceType } from '../fhir/resource-types.js';
import { SYSTEM_INTERACTIONS, interactionsFor } from './interactions.js';

/** What other modules add to a type's entry (search, operations, profiles). */
export interface CapabilityContributions {
  searchParams?: (resourceType: string) => fhir4.CapabilityStatementRestResourceSearchParam[];
  operations?: (resourceType: string) => fhir4.CapabilityStatementRestResourceOperation[];
  supportedProfiles?: (resourceType: string) => string[];
  searchInclude?: (resourceType: string) => string[];
  searchRevInclude?: (resourceType: string) => string[];
  /** Operations on the server's base (`[base]/$name`), as `rest.operation`. */
  systemOperations?: fhir4.CapabilityStatementRestResourceOperation[];
}

/**
 * `$validate` as the server declares it on each type.
 * @see https://hl7.org/fhir/R4/resource-operation-validate.html
 */
export const VALIDATE_OPERATION: fhir4.CapabilityStatementRestResourceOperation = {
  name: 'validate',
  definition: 'http://hl7.org/fhir/OperationDefinition/Resource-validate',
};

/** Facts about this deployment that go into the statement. */
export interface CapabilityOptions {
  baseUrl: string;
  softwareVersion: string;
  /** Fixed publication date; the statement changes only when the software does. */
  date: string;
}

/** Builds the server's CapabilityStatement. */
export function buildCapabilityStatement(
  options: CapabilityOptions,
  contributions: CapabilityContributions = {},
): fhir4.CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: options.date,
    kind: 'instance',
    software: { name: 'patronage-fhir-gateway', version: options.softwareVersion },
    implementation: { description: 'Patronage FHIR gateway', url: options.baseUrl },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        resource: [
          ...SUPPORTED_RESOURCE_TYPES.map((type) => resourceEntry(type, contributions)),
          // Types not stored here that `$validate` still takes: no interaction, the operation only.
          ...R4_RESOURCE_TYPE_NAMES.filter((type) => !isSupportedResourceType(type)).map((type) =>
            operationsOnlyEntry(type, contributions),
          ),
        ],
        interaction: SYSTEM_INTERACTIONS.map((code) => ({ code })),
        ...(contributions.systemOperations?.length ? { operation: contributions.systemOperations } : {}),
      },
    ],
  };
}

function resourceEntry(
  type: fhir4.CapabilityStatementRestResource['type'],
  contributions: CapabilityContributions,
): fhir4.CapabilityStatementRestResource {
  const interactions = interactionsFor(type);
  const entry: fhir4.CapabilityStatementRestResource = {
    type,
    interaction: interactions.map((code) => ({ code })),
    versioning: 'versioned-update',
    // If-None-Match on read answers 304 (router.ts); If-Modified-Since is not supported.
    conditionalRead: 'not-match',
    readHistory: true,
    updateCreate: interactions.includes('update'),
    conditionalCreate: interactions.includes('create'),
    conditionalUpdate: interactions.includes('update'),
    conditionalDelete: interactions.includes('delete') ? 'single' : 'not-supported',
  };
  const searchParam = contributions.searchParams?.(type);
  if (searchParam?.length) entry.searchParam = searchParam;
  const operation = contributions.operations?.(type);
  if (operation?.length) entry.operation = operation;
  const include = contributions.searchInclude?.(type);
  if (include?.length) entry.searchInclude = include;
  const revInclude = contributions.searchRevInclude?.(type);
  if (revInclude?.length) entry.searchRevInclude = revInclude;
  const profiles = contributions.supportedProfiles?.(type);
  if (profiles?.length) entry.supportedProfile = profiles;
  return entry;
}

function operationsOnlyEntry(
  type: string,
  contributions: CapabilityContributions,
): fhir4.CapabilityStatementRestResource {
  const entry: fhir4.CapabilityStatementRestResource = {
    type: type as fhir4.CapabilityStatementRestResource['type'],
  };
  const operation = contributions.operations?.(type);
  if (operation?.length) entry.operation = operation;
  const profiles = contributions.supportedProfiles?.(type);
  if (profiles?.length) entry.supportedProfile = profiles;
  return entry;
}
