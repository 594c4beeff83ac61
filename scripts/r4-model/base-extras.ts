/**
 * Extras (beyond structure) that the base R4 build records per element: required and extensible
 * bindings on coded elements (preferred and example bindings are not checked, by design).
 * @see https://hl7.org/fhir/R4/terminologies.html#strength
 */
import type { CompactExtras } from '../../src/validation/model/compiled-model.js';

const CODED_TYPES = new Set(['code', 'Coding', 'CodeableConcept']);

/** Extras of one base R4 element, or undefined when it has none worth recording. */
export function baseExtras(element: fhir4.ElementDefinition): CompactExtras | undefined {
  const binding = element.binding;
  if (!binding?.valueSet || (binding.strength !== 'required' && binding.strength !== 'extensible')) return undefined;
  if (!element.type?.some((t) => CODED_TYPES.has(t.code))) return undefined;
  return { b: [binding.strength, binding.valueSet.split('|')[0]!] };
}
