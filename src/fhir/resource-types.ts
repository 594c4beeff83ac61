/**
 * The one list of resource types the gateway serves. The router, the CapabilityStatement and the
 * storage read it from here; the validator covers every R4 type ({@link isR4ResourceType}).
 * @see https://hl7.org/fhir/R4/resourcelist.html
 * @module
 */
import { R4_RESOURCE_TYPES } from '../generated/r4/resource-types.js';

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
  'ActivityDefinition',
] as const;

/** Every resource type the REST API serves. */
export const SUPPORTED_RESOURCE_TYPES = [...CLINICAL_RESOURCE_TYPES, ...CONFORMANCE_RESOURCE_TYPES] as const;

export type SupportedResourceType = (typeof SUPPORTED_RESOURCE_TYPES)[number];

const SUPPORTED = new Set<string>(SUPPORTED_RESOURCE_TYPES);

/** Every concrete R4 resource type, sorted. @see https://hl7.org/fhir/R4/resourcelist.html */
export const R4_RESOURCE_TYPE_NAMES: readonly string[] = R4_RESOURCE_TYPES;

const R4_TYPES = new Set<string>(R4_RESOURCE_TYPES);

/**
 * True for every concrete R4 resource type, stored here or not: `$validate` takes them all.
 * @see https://hl7.org/fhir/R4/resourcelist.html
 */
export function isR4ResourceType(value: string): boolean {
  return R4_TYPES.has(value);
}

/** Type guard for {@link SupportedResourceType}. */
export function isSupportedResourceType(value: string): value is SupportedResourceType {
  return SUPPORTED.has(value);
}
