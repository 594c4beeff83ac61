/**
 * Extras (beyond structure) that the base R4 build records per element. Structure only for now;
 * bindings and invariants are added here.
 */
import type { CompactExtras } from '../../src/validation/model/compiled-model.js';

/** Extras of one base R4 element, or undefined when it has none worth recording. */
export function baseExtras(_element: fhir4.ElementDefinition): CompactExtras | undefined {
  return undefined;
}
