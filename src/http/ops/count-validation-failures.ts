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

function profileLabel(
  resource: fhir4.Resource,
  requested: string | undefined,
  knownProfiles: (resourceType: string) => readonly string[],
): string {
  const type = typeof resource.resourceType === 'string' ? resource.resourceType : '';
  if (!isR4ResourceType(type)) return 'unknown';
  const profile = requested ?? resource.meta?.profile?.[0];
  if (profile === undefined) return `${BASE}${type}`;
  return knownProfiles(type).includes(profile) ? profile : 'unknown';
}
