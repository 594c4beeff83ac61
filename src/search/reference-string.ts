/**
 * Parsing `Reference.reference` strings: relative (`Patient/1`), versioned
 * (`Patient/1/_history/2`) and absolute (`http://host/fhir/Patient/1`).
 * @see https://hl7.org/fhir/R4/references.html#literal
 * @module
 */

const REFERENCE_PATTERN = /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[A-Za-z0-9\-.]{1,64})?$/;

/** Type and id of a literal reference, or `undefined` for `#contained`, `urn:` or other forms. */
export function parseReferenceString(reference: string): { type: string; id: string } | undefined {
  if (reference.startsWith('#') || reference.startsWith('urn:')) return undefined;
  const match = REFERENCE_PATTERN.exec(reference.split('|')[0] ?? reference);
  return match ? { type: match[1]!, id: match[2]! } : undefined;
}
