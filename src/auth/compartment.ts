/**
 * Organisation compartments: which patient records a caller sees. A patient belongs to the
 * polyclinic of `Patient.managingOrganization` or of a `generalPractitioner` (the polyclinic, or
 * one of its PractitionerRoles), and to a nurse's caseload when its `generalPractitioner` is her
 * (her Practitioner or one of her PractitionerRoles); a record belongs to the patients its `patient`
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
import type { SubjectCondition } from '../storage/plan-activity-index.js';

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

/** The local references among `references`, as `Type/id`. */
function referencesOf(references: readonly fhir4.Reference[] | undefined): string[] {
  const out: string[] = [];
  for (const reference of references ?? []) {
    const parsed = reference.reference ? parseReferenceString(reference.reference) : undefined;
    if (parsed) out.push(`${parsed.type}/${parsed.id}`);
  }
  return out;
}

/**
 * What attaches a patient to a polyclinic, as `Type/id`: `managingOrganization` and every
 * `generalPractitioner` (an Organization, a PractitionerRole or a Practitioner); the values of
 * the `attached-to` search parameter.
 */
export function attachmentsOf(patient: fhir4.Patient): string[] {
  return referencesOf([
    ...(patient.managingOrganization ? [patient.managingOrganization] : []),
    ...(patient.generalPractitioner ?? []),
  ]);
}

/**
 * Which patients the caller may see, as search conditions understand them. `attachedTo`: the
 * patient's `attached-to` names one of these (a polyclinic, its PractitionerRoles); `caseload`:
 * its `generalPractitioner` names one of these (a nurse, her PractitionerRoles). Each list that is
 * present must match; an empty list matches nothing.
 */
export type PatientFilter =
  { kind: 'linked'; attachedTo?: readonly string[]; caseload?: readonly string[] } | { kind: 'patient'; id: string };

/** Whether `patient` is inside `filter` (the in-memory twin of {@link compartmentConditions}). */
export function admitsPatient(filter: PatientFilter, patient: fhir4.Patient): boolean {
  if (filter.kind === 'patient') return patient.id === filter.id;
  const { attachedTo, caseload } = filter;
  if (attachedTo && !attachmentsOf(patient).some((r) => attachedTo.includes(r))) return false;
  if (caseload && !referencesOf(patient.generalPractitioner).some((r) => caseload.includes(r))) return false;
  return attachedTo !== undefined || caseload !== undefined;
}

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
  const lists: [string, readonly string[] | undefined][] = [
    ['attached-to', filter.attachedTo],
    ['general-practitioner', filter.caseload],
  ];
  const conditions: Condition[] = [];
  for (const [code, references] of lists) {
    if (!references) continue;
    if (references.length === 0) return [parseCondition(resourceType, '_id', NOTHING, now)];
    const name = resourceType === 'Patient' ? code : `patient:Patient.${code}`;
    conditions.push(parseCondition(resourceType, name, references.join(','), now));
  }
  return conditions.length ? conditions : [parseCondition(resourceType, '_id', NOTHING, now)];
}

/**
 * `filter` as conditions on a visit's subject in the open-visit index (the twin of
 * {@link compartmentConditions} for `plan_activity`); `undefined` for one patient, whose plans
 * are few enough to read.
 */
export function subjectConditionsOf(filter: PatientFilter): SubjectCondition[] | undefined {
  if (filter.kind === 'patient') return undefined;
  return [
    ...(filter.attachedTo ? [{ parameter: 'attached-to', references: filter.attachedTo }] : []),
    ...(filter.caseload ? [{ parameter: 'general-practitioner', references: filter.caseload }] : []),
  ];
}
