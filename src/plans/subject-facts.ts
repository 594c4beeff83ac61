/**
 * What a plan needs to know about its subject beyond the Patient: the maternity's neonatal risk
 * assessment (its date is the discharge date, its group may bring the newborn visit forward),
 * the gestational age at birth (preterm), and the pregnancy's due date. Read from stored
 * resources; a value given to `$apply` wins.
 * @module
 */
import type { RestContext } from '../rest/context.js';
import { datePart, type CalendarDate } from './calendar-dates.js';
import { CANONICAL_BASE } from './plan-definitions.js';
import { findResources } from './plan-store.js';

const LOINC = 'http://loinc.org';
const NEONATAL_RISK_CODE = 'neonatal-risk-assessment';
const NEONATAL_GROUP_SYSTEM = `${CANONICAL_BASE}/CodeSystem/neonatal-risk-group`;
/** LOINC 76516-4 gestational age at birth; below 37 weeks is preterm (WHO definition). */
const GA_AT_BIRTH = '76516-4';
const PRETERM_BELOW_WEEKS = 37;
/** LOINC 11778-8 estimated date of delivery. */
const EDD_CODE = '11778-8';

/** What the child's schedule depends on, as found. */
export interface NewbornFacts {
  dischargeDate?: CalendarDate;
  conditions: Set<string>;
}

/** True when `coding` holds `system|code`. */
export function hasCoding(concept: fhir4.CodeableConcept | undefined, system: string, code: string): boolean {
  return (concept?.coding ?? []).some((c) => c.system === system && c.code === code);
}

/** The latest neonatal risk assessment's group name (`high`, …), if any. */
export function neonatalRiskGroup(assessment: fhir4.RiskAssessment): string | undefined {
  const outcome = assessment.prediction?.[0]?.outcome;
  return outcome?.coding?.find((c) => c.system === NEONATAL_GROUP_SYSTEM)?.code;
}

/** True for the maternity's neonatal risk group assessment. */
export function isNeonatalRiskAssessment(resource: fhir4.Resource): resource is fhir4.RiskAssessment {
  return (
    resource.resourceType === 'RiskAssessment' &&
    hasCoding(
      (resource as fhir4.RiskAssessment).code,
      `${CANONICAL_BASE}/CodeSystem/patronage-code`,
      NEONATAL_RISK_CODE,
    )
  );
}

/** Discharge date, risk group, preterm and multiple birth of the child `patient`. */
export async function newbornFacts(ctx: RestContext, patient: fhir4.Patient): Promise<NewbornFacts> {
  const facts: NewbornFacts = { conditions: new Set() };
  const subject = `Patient/${patient.id ?? ''}`;
  if (patient.multipleBirthBoolean || (patient.multipleBirthInteger ?? 0) > 1) facts.conditions.add('multiple-birth');
  const assessments = (await findResources<fhir4.RiskAssessment>(ctx, 'RiskAssessment', { subject }))
    .filter(isNeonatalRiskAssessment)
    .sort((a, b) => (a.occurrenceDateTime ?? '').localeCompare(b.occurrenceDateTime ?? ''));
  const latest = assessments.at(-1);
  if (latest?.occurrenceDateTime) facts.dischargeDate = datePart(latest.occurrenceDateTime);
  const group = latest && neonatalRiskGroup(latest);
  if (group) facts.conditions.add(`neonatal-risk-group:${group}`);
  const ages = await findResources<fhir4.Observation>(ctx, 'Observation', { subject, code: `${LOINC}|${GA_AT_BIRTH}` });
  const weeks = ages.map(weeksOf).find((w) => w !== undefined);
  if (weeks !== undefined && weeks < PRETERM_BELOW_WEEKS) facts.conditions.add('preterm');
  return facts;
}

function weeksOf(observation: fhir4.Observation): number | undefined {
  const q = observation.valueQuantity;
  if (q?.value === undefined) return undefined;
  if (q.code === 'wk') return q.value;
  if (q.code === 'd') return q.value / 7;
  return undefined;
}

/** The latest estimated due date recorded for the woman `patientId`. */
export async function latestDueDate(ctx: RestContext, patientId: string): Promise<CalendarDate | undefined> {
  const found = await findResources<fhir4.Observation>(ctx, 'Observation', {
    subject: `Patient/${patientId}`,
    code: `${LOINC}|${EDD_CODE}`,
    _sort: '-date',
  });
  const value = found.map((o) => o.valueDateTime).find((v) => v !== undefined);
  return value ? datePart(value) : undefined;
}
