/**
 * The search parameters of the CapabilityStatement, generated from the registry the search
 * engine really uses, so the statement cannot claim a parameter the server ignores.
 * @see https://hl7.org/fhir/R4/capabilitystatement-definitions.html#CapabilityStatement.rest.resource.searchParam
 * @module
 */
import { searchParametersOf } from '../search/search-parameter-registry.js';

const SPEC_BASE = 'http://hl7.org/fhir/SearchParameter';

/** `CapabilityStatement.rest.resource.searchParam` for `resourceType`. */
export function searchParamsCapability(resourceType: string): fhir4.CapabilityStatementRestResourceSearchParam[] {
  return [...searchParametersOf(resourceType).values()].map((param) => ({
    name: param.code,
    definition: `${SPEC_BASE}/${param.code.startsWith('_') ? 'Resource' : resourceType}-${param.code.replace(/^_/, '')}`,
    type: param.type,
    documentation: `${param.expression}${param.modifiers.length ? ` (modifiers: ${param.modifiers.join(', ')})` : ''}`,
  }));
}
