/**
 * The search parameters of the CapabilityStatement, generated from the registry the search
 * engine really uses, so the statement cannot claim a parameter the server ignores.
 * @see https://hl7.org/fhir/R4/capabilitystatement-definitions.html#CapabilityStatement.rest.resource.searchParam
 * @module
 */
import { SUPPORTED_RESOURCE_TYPES } from '../fhir/resource-types.js';
import { searchParametersOf } from '../search/search-parameter-registry.js';

const SPEC_BASE = 'http://hl7.org/fhir/SearchParameter';

/** `CapabilityStatement.rest.resource.searchParam` for `resourceType`. */
export function searchParamsCapability(resourceType: string): fhir4.CapabilityStatementRestResourceSearchParam[] {
  return [...searchParametersOf(resourceType).values()].map((param) => ({
    name: param.code,
    definition:
      param.url ??
      `${SPEC_BASE}/${param.code.startsWith('_') ? 'Resource' : resourceType}-${param.code.replace(/^_/, '')}`,
    type: param.type,
    documentation: `${param.expression}${param.modifiers.length ? ` (modifiers: ${param.modifiers.join(', ')})` : ''}`,
  }));
}

/** `_include` values the server follows from `resourceType`: its reference parameters. */
export function searchIncludeCapability(resourceType: string): string[] {
  return [...searchParametersOf(resourceType).values()]
    .filter((p) => p.type === 'reference')
    .map((p) => `${resourceType}:${p.code}`);
}

/** `_revinclude` values that can reach `resourceType`: reference parameters of the served types that may target it. */
export function searchRevIncludeCapability(resourceType: string): string[] {
  return SUPPORTED_RESOURCE_TYPES.flatMap((source) =>
    [...searchParametersOf(source).values()]
      .filter((p) => p.type === 'reference' && (p.target.length === 0 || p.target.includes(resourceType)))
      .map((p) => `${source}:${p.code}`),
  );
}
