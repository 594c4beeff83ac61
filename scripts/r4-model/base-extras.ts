/**
 * Extras (beyond structure) that the base R4 build records per element: required and extensible
 * bindings on coded elements (preferred and example bindings are not checked, by design) and the
 * element's own invariants.
 * @see https://hl7.org/fhir/R4/terminologies.html#strength
 * @see https://hl7.org/fhir/R4/conformance-rules.html#constraints
 */
import type { CompactExtras } from '../../src/validation/model/compiled-model.js';
import type { ConstraintRegistry } from './constraints.js';

const CODED_TYPES = new Set(['code', 'Coding', 'CodeableConcept']);

/** Builds the extras function for base R4 elements, registering invariants in `registry`. */
export function createBaseExtras(registry: ConstraintRegistry) {
  return (element: fhir4.ElementDefinition, sd: fhir4.StructureDefinition): CompactExtras | undefined => {
    const b = bindingOf(element);
    // A contentReference element (Questionnaire.item.item) repeats the referenced element's rules.
    const source = element.contentReference
      ? (sd.snapshot?.element.find((e) => e.id === element.contentReference!.slice(1)) ?? element)
      : element;
    const c = registry.elementKeys(sd, source);
    const r = referenceTargets(element);
    if (!b && !c && !r) return undefined;
    return { ...(b ? { b } : {}), ...(c ? { c } : {}), ...(r ? { r } : {}) };
  };
}

const CORE_PREFIX = 'http://hl7.org/fhir/StructureDefinition/';

/** Resource types a Reference may point to; undefined when any resource is allowed. */
function referenceTargets(element: fhir4.ElementDefinition): string[] | undefined {
  const targets = (element.type ?? []).filter((t) => t.code === 'Reference').flatMap((t) => t.targetProfile ?? []);
  if (targets.length === 0) return undefined;
  const types = targets.map((url) => (url.startsWith(CORE_PREFIX) ? url.slice(CORE_PREFIX.length) : url));
  return types.includes('Resource') ? undefined : types;
}

function bindingOf(element: fhir4.ElementDefinition): CompactExtras['b'] {
  const binding = element.binding;
  if (!binding?.valueSet || (binding.strength !== 'required' && binding.strength !== 'extensible')) return undefined;
  if (!element.type?.some((t) => CODED_TYPES.has(t.code))) return undefined;
  return [binding.strength, binding.valueSet.split('|')[0]!];
}
