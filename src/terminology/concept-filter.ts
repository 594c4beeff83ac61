/**
 * The compose filters this server applies to the CodeSystems it holds: the hierarchy filters on
 * `concept` (is-a, descendent-of, is-not-a, `=`, `in`) and `=`/`in` on a concept property.
 * @see https://hl7.org/fhir/R4/valueset-definitions.html#ValueSet.compose.include.filter
 * @see https://hl7.org/fhir/R4/valueset-filter-operator.html
 * @module
 */
import { conceptsOf, isSelfOrDescendant } from './code-system-concepts.js';

type Filter = fhir4.ValueSetComposeIncludeFilter;

const CONCEPT_OPS = new Set(['is-a', 'descendent-of', 'is-not-a', '=', 'in']);
const PROPERTY_OPS = new Set(['=', 'in']);

/** True for the filters {@link conceptMatchesFilter} implements. */
export function isSupportedFilter(filter: Filter): boolean {
  return filter.property === 'concept' ? CONCEPT_OPS.has(filter.op) : PROPERTY_OPS.has(filter.op);
}

/** Whether the concept `code` of `codeSystem` passes `filter` (a supported one). */
export function conceptMatchesFilter(codeSystem: fhir4.CodeSystem, code: string, filter: Filter): boolean {
  const values = filter.op === 'in' ? filter.value.split(',').map((v) => v.trim()) : [filter.value];
  if (filter.property !== 'concept')
    return propertyValues(codeSystem, code, filter.property).some((v) => values.includes(v));
  switch (filter.op) {
    case 'is-a':
      return isSelfOrDescendant(codeSystem, code, filter.value);
    case 'descendent-of':
      return code !== filter.value && isSelfOrDescendant(codeSystem, code, filter.value);
    case 'is-not-a':
      return !isSelfOrDescendant(codeSystem, code, filter.value);
    default:
      return values.includes(code);
  }
}

/** The values of a concept's property as text (code, string, boolean, integer, decimal). */
function propertyValues(codeSystem: fhir4.CodeSystem, code: string, property: string): string[] {
  const concept = conceptsOf(codeSystem).get(code)?.concept;
  return (concept?.property ?? [])
    .filter((p) => p.code === property)
    .map((p) => p.valueCode ?? p.valueString ?? p.valueBoolean ?? p.valueInteger ?? p.valueDecimal ?? p.valueDateTime)
    .filter((v) => v !== undefined)
    .map(String);
}
