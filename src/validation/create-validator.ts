/**
 * The write-path validator with the server's configuration applied: base R4, the claimed
 * profiles, the profiles required for the type, and the policies for unknown profiles and
 * unknown extensions.
 * @see https://hl7.org/fhir/R4/validation.html
 * @module
 */
import type { ValidationConfig } from '../config/validation-config.js';
import type { ResourceValidator } from '../rest/context.js';
import { validateResource } from './validate-resource.js';

/**
 * What an unknown extension gives when `FHIR_UNKNOWN_EXTENSION` is not set: `$validate` answers as
 * HL7's validator does (an error); a write accepts it with a warning, since a receiver may ignore
 * an extension it does not know (an unknown modifierExtension is refused either way).
 * @see https://hl7.org/fhir/R4/extensibility.html#exchange
 */
export const DEFAULT_UNKNOWN_EXTENSION = { validate: 'error', write: 'warning' } as const;

/** Creates the validator that the REST layer calls on every write and on `$validate`. */
export function createValidator(config: ValidationConfig): ResourceValidator {
  return (resource, options) =>
    validateResource(resource, {
      profile: options?.profile,
      questionnaires: options?.questionnaires,
      requiredProfiles: config.requiredProfiles,
      unknownProfile: config.unknownProfile,
      unknownExtension: config.unknownExtension ?? DEFAULT_UNKNOWN_EXTENSION[options?.purpose ?? 'write'],
      maxIssues: config.maxIssues,
    });
}
