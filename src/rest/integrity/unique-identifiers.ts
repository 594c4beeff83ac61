/**
 * Business identifiers declared unique per resource type (the IIN of a Patient, the BIN of an
 * Organization): which identifiers of a resource a write must guard.
 * @see https://hl7.org/fhir/R4/datatypes.html#Identifier
 * @module
 */

/** Identifier systems declared unique, per resource type. */
export type UniqueIdentifierSystems = ReadonlyMap<string, ReadonlySet<string>>;

/** An identifier of a resource in a system declared unique for its type. */
export interface UniqueIdentifier {
  system: string;
  value: string;
  /** FHIRPath of the Identifier, e.g. `Patient.identifier[0]`. */
  expression: string;
}

/**
 * The identifiers of `resource` (its top-level `identifier`, a list or a single one) whose system
 * is declared unique for its type. An identifier without a value names nothing and is skipped.
 */
export function uniqueIdentifiersOf(resource: fhir4.Resource, systems: UniqueIdentifierSystems): UniqueIdentifier[] {
  const unique = systems.get(resource.resourceType);
  if (!unique || unique.size === 0) return [];
  const declared = (resource as { identifier?: unknown }).identifier;
  const list = Array.isArray(declared) ? declared : declared === undefined ? [] : [declared];
  const found: UniqueIdentifier[] = [];
  list.forEach((identifier: unknown, i) => {
    if (typeof identifier !== 'object' || identifier === null) return;
    const { system, value } = identifier as { system?: unknown; value?: unknown };
    if (typeof system !== 'string' || typeof value !== 'string' || value === '' || !unique.has(system)) return;
    const expression = Array.isArray(declared)
      ? `${resource.resourceType}.identifier[${i}]`
      : `${resource.resourceType}.identifier`;
    found.push({ system, value, expression });
  });
  return found;
}
