/**
 * Organisation compartments: which patient records a caller sees. A patient belongs to the
 * polyclinic of `Patient.managingOrganization`; a record belongs to the patients its `patient`
 * search parameter names (the R4 Patient compartment's link for every clinical type stored here).
 * Types outside the compartment (Organization, Practitioner, Questionnaire, the guide's
 * definitions) are shared reference data, governed by scopes alone.
 * @see https://hl7.org/fhir/R4/compartmentdefinition-patient.html
 * @module
 */
import { parseCondition } from '../search/parse-conditions.js';
import { parseReferenceString } from '../search/reference-string.js';
import { getSearchParameter } from '../search/search-parameter-registry.js';
import type { Condition } from '../search/search-request.js';

/** Clinical types whose records belong to patients (each has a `patient` search parameter). */
export const PATIENT_RECORD_TYPES: ReadonlySet<string> = new Set([
  'RelatedPerson',
  'EpisodeOfCare',
  'Encounter',
  'Observation',
  'CarePlan',
  'Condition',
  'RiskAssessment',
  'QuestionnaireResponse',
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
]);

/** Whether records of `resourceType` belong to patients (the Patient itself included). */
export function inPatientCompartment(resourceType: string): boolean {
  return resourceType === 'Patient' || PATIENT_RECORD_TYPES.has(resourceType);
}

/** The ids of the patients a record names through its `patient` parameter. */
export function patientsOf(resource: fhir4.Resource): string[] {
  if (resource.resourceType === 'Patient') return resource.id ? [resource.id] : [];
  const param = getSearchParameter(resource.resourceType, 'patient');
  if (!param) return [];
  const ids: string[] = [];
  for (const value of param.evaluate(resource)) {
    const reference = (value.data as { reference?: unknown } | null)?.reference;
    if (typeof reference !== 'string') continue;
    const parsed = parseReferenceString(reference);
    if (parsed?.type === 'Patient') ids.push(parsed.id);
  }
  return ids;
}

/** The polyclinic (Organization id) a patient is attached to, if any. */
export function polyclinicOf(patient: fhir4.Patient): string | undefined {
  const parsed = patient.managingOrganization?.reference
    ? parseReferenceString(patient.managingOrganization.reference)
    : undefined;
  return parsed?.type === 'Organization' ? parsed.id : undefined;
}

/** Which patients the caller may see, as search conditions understand them. */
export type PatientFilter = { kind: 'organizations'; ids: readonly string[] } | { kind: 'patient'; id: string };

// No stored id can contain `!`, so this value matches nothing.
const NOTHING = '!nothing';

/**
 * Conditions that keep a search of `resourceType` inside `filter`; none for types outside the
 * compartment. The conditions are parsed from ordinary search syntax, so every store runs them
 * exactly as it runs a client's chained search.
 */
export function compartmentConditions(resourceType: string, filter: PatientFilter, now: number): Condition[] {
  if (!inPatientCompartment(resourceType)) return [];
  if (filter.kind === 'patient') {
    return resourceType === 'Patient'
      ? [parseCondition('Patient', '_id', filter.id, now)]
      : [parseCondition(resourceType, 'patient', `Patient/${filter.id}`, now)];
  }
  if (filter.ids.length === 0) return [parseCondition(resourceType, '_id', NOTHING, now)];
  const organizations = filter.ids.map((id) => `Organization/${id}`).join(',');
  return resourceType === 'Patient'
    ? [parseCondition('Patient', 'organization', organizations, now)]
    : [parseCondition(resourceType, 'patient:Patient.organization', organizations, now)];
}
