/**
 * Value comparisons of profiling: fixed[x] is exact equality, pattern[x] is containment (every
 * property and array item of the pattern is present in the value).
 * @see https://hl7.org/fhir/R4/elementdefinition-definitions.html#ElementDefinition.pattern_x_
 * @module
 */
import { deepEqual } from '../fhirpath-lite/compile-fhirpath.js';

/** True when `value` equals `fixed` exactly. */
export function matchesFixed(value: unknown, fixed: unknown): boolean {
  return deepEqual(value, fixed);
}

/** True when `value` contains `pattern`. */
export function matchesPattern(value: unknown, pattern: unknown): boolean {
  if (Array.isArray(pattern)) {
    const items = Array.isArray(value) ? value : [value];
    return pattern.every((p) => items.some((v) => matchesPattern(v, p)));
  }
  if (typeof pattern === 'object' && pattern !== null) {
    if (typeof value !== 'object' || value === null) return false;
    const obj = value as Record<string, unknown>;
    return Object.entries(pattern).every(([k, p]) => matchesPattern(obj[k], p));
  }
  return value === pattern;
}
