/**
 * The profiles the server validates a resource type against, for the CapabilityStatement's
 * `supportedProfile`: every profile compiled for the type (the guide's and HL7's own R4 profiles,
 * applied when a resource claims them or `$validate?profile=` names them) and those the
 * configuration requires for every resource of the type.
 * @see https://hl7.org/fhir/R4/capabilitystatement-definitions.html#CapabilityStatement.rest.resource.supportedProfile
 * @module
 */
import type { ValidationConfig } from '../config/validation-config.js';
import { PROFILE_TYPES } from '../generated/profiles/profile-model.js';

const BY_TYPE = new Map<string, string[]>();
for (const [url, type] of Object.entries(PROFILE_TYPES)) {
  const list = BY_TYPE.get(type) ?? [];
  list.push(url);
  BY_TYPE.set(type, list);
}

/** Returns the sorted profile URLs validated for a type, compiled and configured. */
export function createValidatedProfiles(config: Pick<ValidationConfig, 'requiredProfiles'>) {
  return (type: string): string[] => {
    const required = Object.hasOwn(config.requiredProfiles, type) ? (config.requiredProfiles[type] ?? []) : [];
    return [...new Set([...(BY_TYPE.get(type) ?? []), ...required])].sort();
  };
}
