/**
 * The write-path validator with the server's configuration applied: base R4, the claimed
 * profiles, the profiles required for the type, and the policy for unknown profiles.
 * @see https://hl7.org/fhir/R4/validation.html
 * @module
 */
import type { ValidationConfig } from '../config/validation-config.js';
import type { ResourceValidator } from '../rest/context.js';
import { validateResource } from './validate-resource.js';

/** Creates the validator that the REST layer calls on every write and on `$validate`. */
export function createValidator(config: ValidationConfig): ResourceValidator {
  return (resource, options) =>
    validateResource(resource, {
      profile: options?.profile,
      questionnaires: options?.questionnaires,
      requiredProfiles: config.requiredProfiles,
      unknownProfile: config.unknownProfile,
      maxIssues: config.maxIssues,
    });
}
