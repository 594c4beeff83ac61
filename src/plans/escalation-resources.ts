/**
 * The resources one escalation writes, as the guide profiles them: the gateway's family risk
 * assessment citing the trigger (kz-family-risk-assessment), the referral (kz-referral), its
 * Task for the receiving team (kz-referral-task; the team is `performerType`), the safeguarding
 * Flag (kz-safeguarding-flag) and the progressive activities (kz-patronage-careplan, kz-cp-1).
 * Each carries the escalation identifier, so a repeat is a conditional create that matches.
 * @module
 */
import { addDuration, type CalendarDate } from './calendar-dates.js';
import { CANONICAL_BASE, VISIT_TYPE_SYSTEM, activityUrl } from './plan-definitions.js';
import type { ProgrammeParameters } from './programme-parameters.js';
import type { TriggerMatch } from './escalation-triggers.js';
import { referenceTo } from './plan-store.js';

/** Identifier system of everything an escalation writes. */
export const ESCALATION_SYSTEM = `${CANONICAL_BASE}/sid/escalation`;
const SD = `${CANONICAL_BASE}/StructureDefinition`;
const CS = `${CANONICAL_BASE}/CodeSystem`;
/** Types a kz-referral may cite in reasonReference. */
const CITABLE_TRIGGERS = new Set(['Observation', 'Condition']);
const NURSE_TYPES = ['Practitioner/', 'PractitionerRole/'];

/** What every resource of one escalation shares. */
export interface EscalationContext {
  match: TriggerMatch;
  key: string;
  date: CalendarDate;
  now: string;
  /** The nurse who recorded the trigger, when known. */
  requester?: fhir4.Reference;
  encounter?: fhir4.Reference;
}

const identifier = (key: string): fhir4.Identifier[] => [{ system: ESCALATION_SYSTEM, value: key }];
const profiled = (profile: string, claim: boolean) => (claim ? { meta: { profile: [`${SD}/${profile}`] } } : {});

/** The nurse and visit the trigger names (performer, recorder, encounter). */
export function whoAndWhere(trigger: fhir4.Resource): { requester?: fhir4.Reference; encounter?: fhir4.Reference } {
  const t = trigger as {
    performer?: fhir4.Reference | fhir4.Reference[];
    recorder?: fhir4.Reference;
    encounter?: fhir4.Reference;
  };
  const people = [t.recorder, ...(Array.isArray(t.performer) ? t.performer : [t.performer])];
  const nurse = people.find((p) => NURSE_TYPES.some((type) => p?.reference?.startsWith(type)));
  return {
    ...(nurse ? { requester: { reference: nurse.reference! } } : {}),
    ...(t.encounter?.reference ? { encounter: { reference: t.encounter.reference } } : {}),
  };
}

/** The gateway's assessment: progressive, for the rule's risk factor, based on the trigger. */
export function derivedAssessment(e: EscalationContext): fhir4.RiskAssessment {
  const { match } = e;
  return {
    resourceType: 'RiskAssessment',
    ...profiled('kz-family-risk-assessment', true),
    extension: [
      {
        url: `${SD}/risk-factor`,
        valueCodeableConcept: {
          coding: [{ system: `${CS}/risk-factor`, code: match.rule.riskFactor ?? 'child-medical' }],
        },
      },
    ],
    identifier: identifier(e.key),
    status: 'final',
    code: { coding: [{ system: `${CS}/patronage-code`, code: 'family-risk-assessment' }] },
    method: { text: `Gateway escalation rule ${match.rule.id}: ${match.reasonText}` },
    subject: { reference: match.subject },
    occurrenceDateTime: e.now,
    basis: [{ reference: referenceTo(match.trigger) }],
    prediction: [{ outcome: { coding: [{ system: `${CS}/patronage-category`, code: 'progressive' }] } }],
    ...(e.encounter ? { encounter: e.encounter } : {}),
    ...(e.requester ? { performer: e.requester } : {}),
  };
}

/** The referral to the rule's target; `assessment` and `flag` are (urn or literal) references. */
export function referral(e: EscalationContext, assessment: string, flag?: string): fhir4.ServiceRequest {
  const { match } = e;
  const citable = CITABLE_TRIGGERS.has(match.trigger.resourceType);
  return {
    resourceType: 'ServiceRequest',
    // kz-referral requires a requester: a referral without a known nurse does not claim it.
    ...profiled('kz-referral', e.requester !== undefined),
    identifier: identifier(e.key),
    status: 'active',
    intent: 'order',
    category: [{ coding: [{ system: 'http://snomed.info/sct', code: '3457005', display: 'Patient referral' }] }],
    priority: match.rule.priority,
    code: { coding: [{ system: `${CS}/referral-target`, code: match.rule.target }] },
    subject: { reference: match.subject },
    authoredOn: e.now,
    reasonCode: [{ coding: [{ system: `${CS}/referral-reason`, code: match.rule.reason }], text: match.reasonText }],
    ...(citable ? { reasonReference: [{ reference: referenceTo(match.trigger) }] } : {}),
    supportingInfo: [{ reference: assessment }, ...(flag ? [{ reference: flag }] : [])],
    ...(e.encounter ? { encounter: e.encounter } : {}),
    ...(e.requester ? { requester: e.requester } : {}),
  };
}

/** The Task that tracks the referral, for the team its target names. */
export function referralTask(e: EscalationContext, referralRef: string, owner?: fhir4.Reference): fhir4.Task {
  return {
    resourceType: 'Task',
    ...profiled('kz-referral-task', true),
    identifier: identifier(e.key),
    status: 'requested',
    intent: 'order',
    priority: e.match.rule.priority,
    code: { coding: [{ system: 'http://hl7.org/fhir/CodeSystem/task-code', code: 'fulfill' }] },
    focus: { reference: referralRef },
    for: { reference: e.match.subject },
    authoredOn: e.now,
    performerType: [{ coding: [{ system: `${CS}/referral-target`, code: e.match.rule.target }] }],
    ...(e.requester ? { requester: e.requester } : {}),
    ...(owner ? { owner } : {}),
  };
}

/** The restricted safeguarding Flag of `concern`. */
export function safeguardingFlag(e: EscalationContext, concern: string): fhir4.Flag {
  return {
    resourceType: 'Flag',
    meta: {
      profile: [`${SD}/kz-safeguarding-flag`],
      security: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality',
          code: concern === 'self-harm-risk' ? 'V' : 'R',
        },
      ],
    },
    identifier: identifier(e.key),
    status: 'active',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/flag-category', code: 'safety' }] }],
    code: { coding: [{ system: `${CS}/safeguarding-concern`, code: concern }] },
    subject: { reference: e.match.subject },
    period: { start: e.date },
    ...(e.encounter ? { encounter: e.encounter } : {}),
    ...(e.requester ? { author: e.requester } : {}),
  };
}

/** The progressive visits the parameters prescribe, from the escalation date, citing the assessment. */
export function progressiveActivities(
  e: EscalationContext,
  assessment: string,
  parameters: ProgrammeParameters,
  performer: fhir4.Reference[],
): fhir4.CarePlanActivity[] {
  const { visits, every, window } = parameters.progressiveCare;
  const citable = CITABLE_TRIGGERS.has(e.match.trigger.resourceType);
  return Array.from({ length: visits }, (_, i) => {
    const start = addDuration(e.date, { value: every.value * (i + 1), unit: every.unit });
    const detail: fhir4.CarePlanActivityDetail = {
      extension: [{ url: `${SD}/activity-risk-assessment`, valueReference: { reference: assessment } }],
      instantiatesCanonical: [`${activityUrl('PROG')}|${parameters.version}`],
      code: { coding: [{ system: VISIT_TYPE_SYSTEM, code: 'PROG' }] },
      reasonCode: [{ text: `${e.match.reasonText} (rule ${e.match.rule.id})` }],
      ...(citable ? { reasonReference: [{ reference: referenceTo(e.match.trigger) }] } : {}),
      status: 'scheduled',
      scheduledPeriod: { start, end: addDuration(start, window) },
      ...(performer.length ? { performer } : {}),
    };
    return { detail };
  });
}
