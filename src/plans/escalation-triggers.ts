/**
 * Which escalation rules a committed record triggers. Each trigger kind reads one kind of
 * record; every threshold comes from the programme parameters (EPDS, growth cut-offs), never
 * from here. Growth z-scores are read as the guide's kz-growth-zscore profile shapes them
 * (growth-indicator code, valueQuantity in {z-score}); implausible values never escalate.
 * @module
 */
import { datePart } from './calendar-dates.js';
import { CANONICAL_BASE } from './plan-definitions.js';
import type { EscalationRule, ProgrammeParameters } from './programme-parameters.js';
import { hasCoding, isNeonatalRiskAssessment, neonatalRiskGroup } from './subject-facts.js';

/** A rule fired by a record, with what the escalation needs to cite. */
export interface TriggerMatch {
  rule: EscalationRule;
  trigger: fhir4.Observation | fhir4.Condition | fhir4.RiskAssessment;
  /** `Patient/[id]` the escalation is about. */
  subject: string;
  /** When the finding was made (the escalation's date). */
  date: string;
  /** The family risk assessment itself when it is the trigger. */
  familyAssessment?: fhir4.RiskAssessment;
  /** Safeguarding concern code for the Flag. */
  flagConcern?: string;
  reasonText: string;
}

const CS = `${CANONICAL_BASE}/CodeSystem`;
const LOINC = 'http://loinc.org';
const EPDS_TOTAL = '99046-5';
const FINAL = new Set(['final', 'amended', 'corrected']);
const SAFEGUARDING_FACTORS: Record<string, string> = {
  'domestic-violence': 'domestic-violence',
  'neglect-signs': 'child-neglect',
};

type Finding = { date: string; text: string; concern?: string } | undefined;
type Reader = (resource: fhir4.Resource, parameters: ProgrammeParameters) => Finding;

const codeOf = (c: fhir4.CodeableConcept | undefined, system: string) =>
  c?.coding?.find((x) => x.system === system)?.code;
const displayOf = (c: fhir4.CodeableConcept | undefined) =>
  c?.coding?.[0]?.display ?? c?.coding?.[0]?.code ?? c?.text ?? '';

function observation(resource: fhir4.Resource): fhir4.Observation | undefined {
  if (resource.resourceType !== 'Observation') return undefined;
  const o = resource as fhir4.Observation;
  return FINAL.has(o.status) ? o : undefined;
}

const whenObserved = (o: fhir4.Observation) =>
  datePart(o.effectiveDateTime ?? o.effectivePeriod?.start ?? o.issued ?? '');

function familyAssessment(resource: fhir4.Resource): fhir4.RiskAssessment | undefined {
  if (resource.resourceType !== 'RiskAssessment') return undefined;
  const r = resource as fhir4.RiskAssessment;
  return hasCoding(r.code, `${CS}/patronage-code`, 'family-risk-assessment') && FINAL.has(r.status) ? r : undefined;
}

function riskFactors(assessment: fhir4.RiskAssessment): string[] {
  return (assessment.extension ?? [])
    .filter((e) => e.url === `${CANONICAL_BASE}/StructureDefinition/risk-factor`)
    .map((e) => codeOf(e.valueCodeableConcept, `${CS}/risk-factor`) ?? '')
    .filter(Boolean);
}

function dangerSign(system: string, label: string): Reader {
  return (resource) => {
    const o = observation(resource);
    if (!o || o.valueBoolean !== true || !codeOf(o.code, system)) return undefined;
    return { date: whenObserved(o), text: `${label}: ${displayOf(o.code)}` };
  };
}

/** The reader of each trigger kind the parameters may name. */
const READERS: Record<string, Reader> = {
  'family-risk-progressive': (resource) => {
    const r = familyAssessment(resource);
    if (!r?.prediction?.some((p) => hasCoding(p.outcome, `${CS}/patronage-category`, 'progressive'))) return undefined;
    return { date: datePart(r.occurrenceDateTime ?? ''), text: 'Family risk assessment: progressive patronage' };
  },
  'family-risk-safeguarding': (resource) => {
    const r = familyAssessment(resource);
    const factor = r && riskFactors(r).find((f) => f in SAFEGUARDING_FACTORS);
    if (!r || !factor) return undefined;
    return {
      date: datePart(r.occurrenceDateTime ?? ''),
      text: `Safeguarding risk factor: ${factor}`,
      concern: SAFEGUARDING_FACTORS[factor]!,
    };
  },
  'neonatal-risk-high': (resource) => {
    if (!isNeonatalRiskAssessment(resource) || neonatalRiskGroup(resource) !== 'high') return undefined;
    return { date: datePart(resource.occurrenceDateTime ?? ''), text: 'High neonatal risk group at discharge' };
  },
  'child-danger-sign': dangerSign(`${CS}/danger-sign`, 'Danger sign in the child'),
  'maternal-danger-sign': dangerSign(`${CS}/maternal-danger-sign`, 'Danger sign in the mother'),
  'epds-item-10': (resource, parameters) => {
    const o = observation(resource);
    if (!o || !codeOf(o.code, LOINC)?.startsWith(EPDS_TOTAL)) return undefined;
    const item10 = o.component?.find((c) => hasCoding(c.code, `${CS}/patronage-code`, 'epds-item-10'))?.valueInteger;
    if (item10 === undefined || item10 <= parameters.epds.referralItem10Above) return undefined;
    return { date: whenObserved(o), text: `EPDS item 10 (thoughts of self-harm) scored ${item10}` };
  },
  'epds-total': (resource, parameters) => {
    const o = observation(resource);
    if (!o || codeOf(o.code, LOINC) !== EPDS_TOTAL || (o.valueInteger ?? -1) < parameters.epds.referralTotalAtLeast)
      return undefined;
    return {
      date: whenObserved(o),
      text: `EPDS total ${o.valueInteger} (referral from ${parameters.epds.referralTotalAtLeast})`,
    };
  },
  'growth-z-score': (resource, parameters) => {
    const o = observation(resource);
    const indicator = o && codeOf(o.code, `${CS}/growth-indicator`);
    const z = o?.valueQuantity?.value;
    if (!o || !indicator || z === undefined) return undefined;
    if (o.interpretation?.some((i) => hasCoding(i, `${CS}/who-growth-classification`, 'implausible'))) return undefined;
    const above = parameters.growthEscalation.aboveFor[indicator];
    if (z >= parameters.growthEscalation.zBelow && (above === undefined || z <= above)) return undefined;
    return { date: whenObserved(o), text: `Growth ${indicator} ${z}` };
  },
  injury: (resource) => {
    if (resource.resourceType !== 'Condition') return undefined;
    const c = resource as fhir4.Condition;
    const icd = codeOf(c.code, 'http://hl7.org/fhir/sid/icd-10');
    if (!icd || !/^[ST]/.test(icd) || c.verificationStatus?.coding?.some((x) => x.code === 'entered-in-error'))
      return undefined;
    return { date: datePart(c.recordedDate ?? c.onsetDateTime ?? ''), text: `Injury ${icd}: ${displayOf(c.code)}` };
  },
  'home-hazard': (resource) => {
    const o = observation(resource);
    if (!o || !hasCoding(o.code, `${CS}/patronage-code`, 'home-hazard')) return undefined;
    return { date: whenObserved(o), text: `Unsafe home: ${displayOf(o.valueCodeableConcept)}` };
  },
};

/** The trigger kinds this server knows (a rule naming another is a start-up error). */
export const TRIGGER_KINDS = Object.keys(READERS);

function subjectOf(resource: fhir4.Resource): string | undefined {
  const subject = (resource as { subject?: fhir4.Reference }).subject?.reference;
  return subject?.startsWith('Patient/') ? subject : undefined;
}

/** The rules `resource` fires. */
export function matchTriggers(resource: fhir4.Resource, parameters: ProgrammeParameters): TriggerMatch[] {
  const subject = subjectOf(resource);
  if (!subject) return [];
  const matches: TriggerMatch[] = [];
  for (const rule of parameters.escalationRules.rules) {
    const finding = READERS[rule.trigger]?.(resource, parameters);
    if (!finding) continue;
    const trigger = resource as TriggerMatch['trigger'];
    const family = familyAssessment(resource);
    const flagConcern = rule.flag === 'from-risk-factor' ? finding.concern : rule.flag;
    matches.push({
      rule,
      trigger,
      subject,
      date: finding.date,
      reasonText: finding.text,
      ...(family ? { familyAssessment: family } : {}),
      ...(flagConcern ? { flagConcern } : {}),
    });
  }
  return matches;
}
