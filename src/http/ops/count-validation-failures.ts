/**
 * A validator that counts the resources it fails, by profile, for `/metrics`.
 * @module
 */
import { isR4ResourceType } from '../../fhir/resource-types.js';
import type { ResourceValidator } from '../../rest/context.js';
import type { Counter } from './metrics.js';

const BASE = 'http://hl7.org/fhir/StructureDefinition/';

/**
 * `validate` with each failed resource counted under the profile it was checked against: the
 * requested one, else its first claimed one, else its base R4 type. A profile the server does not
 * validate counts as `unknown`, so a client cannot grow the label set with made-up URLs.
 */
export function countValidationFailures(
  validate: ResourceValidator,
  failures: Counter,
  knownProfiles: (resourceType: string) => readonly string[],
): ResourceValidator {
  return (resource, options) => {
    const issues = validate(resource, options);
    if (issues.some((issue) => issue.severity === 'error' || issue.severity === 'fatal')) {
      failures.inc({ profile: profileLabel(resource, options?.profile, knownProfiles) });
    }
    return issues;
  };
}

/**
 * The label of a failed resource. What failed validation can be any JSON (`null`, an array, a
 * `meta` that is a number), so every step is checked before it is read.
 */
export function profileLabel(
  resource: unknown,
  requested: string | undefined,
  knownProfiles: (resourceType: string) => readonly string[],
): string {
  const object = typeof resource === 'object' && resource !== null ? (resource as Record<string, unknown>) : {};
  const type = typeof object.resourceType === 'string' ? object.resourceType : '';
  if (!isR4ResourceType(type)) return 'unknown';
  const meta = object.meta as { profile?: unknown } | null | undefined;
  const claimed = typeof meta === 'object' && meta !== null && Array.isArray(meta.profile) ? meta.profile[0] : undefined;
  const profile = requested ?? claimed;
  if (profile === undefined) return `${BASE}${type}`;
  return typeof profile === 'string' && knownProfiles(type).includes(profile) ? profile : 'unknown';
}
