/**
 * `$transform` as the CapabilityStatement lists it; the route is `src/http/ingest-routes.ts`.
 * @module
 */

/**
 * `StructureMap/$transform` in the CapabilityStatement, on StructureMap only and only when the
 * mappings are loaded; the map is the declarative mapping of the body's local format (decision 023).
 * @see https://hl7.org/fhir/R4/structuremap-operation-transform.html
 */
export function transformOperationFor(
  type: string,
  mappings: unknown,
): fhir4.CapabilityStatementRestResourceOperation[] {
  return type === 'StructureMap' && mappings
    ? [{ name: 'transform', definition: 'http://hl7.org/fhir/OperationDefinition/StructureMap-transform' }]
    : [];
}
