/**
 * The one list of resource types the gateway serves. The router, the CapabilityStatement, the
 * validator build and the storage all read it from here.
 * @see https://hl7.org/fhir/R4/resourcelist.html
 * @module
 */

/** Clinical and administrative types that clients may create, update and delete. */
export const CLINICAL_RESOURCE_TYPES = [
  'Patient',
  'RelatedPerson',
  'Practitioner',
  'PractitionerRole',
  'Organization',
  'Location',
  'EpisodeOfCare',
  'Encounter',
  'Observation',
  'CarePlan',
  'Condition',
  'RiskAssessment',
  'QuestionnaireResponse',
  'Questionnaire',
  'Immunization',
  'Flag',
  'Task',
  'Provenance',
  'AuditEvent',
  'ServiceRequest',
  'Communication',
  'Consent',
  'Procedure',
  'Goal',
] as const;

/** Conformance and knowledge types: the implementation guide's own content. */
export const CONFORMANCE_RESOURCE_TYPES = [
  'StructureDefinition',
  'CodeSystem',
  'ValueSet',
  'ConceptMap',
  'PlanDefinition',
] as const;

/** Every resource type the REST API serves. */
export const SUPPORTED_RESOURCE_TYPES = [...CLINICAL_RESOURCE_TYPES, ...CONFORMANCE_RESOURCE_TYPES] as const;

export type SupportedResourceType = (typeof SUPPORTED_RESOURCE_TYPES)[number];

const SUPPORTED = new Set<string>(SUPPORTED_RESOURCE_TYPES);

/** Type guard for {@link SupportedResourceType}. */
export function isSupportedResourceType(value: string): value is SupportedResourceType {
  return SUPPORTED.has(value);
}
