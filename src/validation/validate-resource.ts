/**
 * Validation on write. Interim: only the id format is checked here; the compiled base-R4
 * structural validator replaces this body (see docs/decisions).
 * @module
 */
import { error, type Issue } from '../fhir/outcome.js';
import { isValidId } from '../fhir/ids.js';

/** Validates `resource` against base R4; returns issues and never throws for bad data. */
export function validateResource(resource: fhir4.Resource): Issue[] {
  const issues: Issue[] = [];
  if (resource.id !== undefined && (typeof resource.id !== 'string' || !isValidId(resource.id))) {
    issues.push(error('value', `'${String(resource.id)}' is not a valid id`, `${resource.resourceType}.id`));
  }
  return issues;
}
