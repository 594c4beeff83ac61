/**
 * The patronage CarePlan built from visit windows (kz-patronage-careplan), and the merge that
 * re-applying a newer plan version does: visits already done, attempted (family absent,
 * refused) or progressive stay as they are; only untouched scheduled visits are recomputed.
 * @see https://hl7.org/fhir/R4/careplan.html
 * @module
 */
import { CANONICAL_BASE, VISIT_TYPE_SYSTEM, activityUrl } from './plan-definitions.js';
import type { VisitWindow } from './schedule.js';

/** The profile every plan claims. */
export const CAREPLAN_PROFILE = `${CANONICAL_BASE}/StructureDefinition/kz-patronage-careplan`;
/** Identifier system of generated plans: one plan per plan definition and subject (or pregnancy). */
export const PLAN_IDENTIFIER_SYSTEM = `${CANONICAL_BASE}/sid/patronage-plan`;
const CATEGORY_SYSTEM = `${CANONICAL_BASE}/CodeSystem/patronage-category`;

/** The visit type of an activity. */
export function activityCode(activity: fhir4.CarePlanActivity): string | undefined {
  return activity.detail?.code?.coding?.find((c) => c.system === VISIT_TYPE_SYSTEM)?.code;
}

/** A plan category coding (`universal`, `progressive`). */
export function patronageCategory(code: 'universal' | 'progressive'): fhir4.CodeableConcept {
  return { coding: [{ system: CATEGORY_SYSTEM, code }] };
}

/** One activity for `window`, instantiating the visit's ActivityDefinition of `version`. */
export function scheduledActivity(
  window: VisitWindow,
  version: string,
  performer: fhir4.Reference[] = [],
): fhir4.CarePlanActivity {
  const detail: fhir4.CarePlanActivityDetail = {
    instantiatesCanonical: [`${activityUrl(window.code)}|${version}`],
    code: { coding: [{ system: VISIT_TYPE_SYSTEM, code: window.code }] },
    status: window.cancelledBecause ? 'cancelled' : 'scheduled',
    scheduledPeriod: { start: window.start, end: window.end },
  };
  if (window.cancelledBecause) detail.statusReason = { text: window.cancelledBecause };
  if (performer.length > 0) detail.performer = performer;
  return { detail };
}

/** What the new plan is made of. */
export interface PlanContent {
  identifier: string;
  planCanonical: string;
  subject: string;
  period: fhir4.Period;
  author?: fhir4.Reference | undefined;
  activities: fhir4.CarePlanActivity[];
}

/** A new plan (no id: the store assigns it). */
export function newCarePlan(content: PlanContent): fhir4.CarePlan {
  const plan: fhir4.CarePlan = {
    resourceType: 'CarePlan',
    meta: { profile: [CAREPLAN_PROFILE] },
    identifier: [{ system: PLAN_IDENTIFIER_SYSTEM, value: content.identifier }],
    instantiatesCanonical: [content.planCanonical],
    status: 'active',
    intent: 'plan',
    category: [patronageCategory('universal')],
    subject: { reference: content.subject },
    period: content.period,
    activity: content.activities,
  };
  if (content.author) plan.author = content.author;
  return plan;
}

/** True when an activity carries history: done, attempted, or added by escalation. */
function hasHistory(activity: fhir4.CarePlanActivity): boolean {
  const status = activity.detail?.status;
  return status === 'completed' || (activity.outcomeReference?.length ?? 0) > 0 || activityCode(activity) === 'PROG';
}

/**
 * `existing` re-applied with `content`: activities with history are kept, a fresh window
 * replaces each untouched one of the same visit type, visits new in the schedule are added.
 */
export function mergeCarePlan(
  existing: fhir4.CarePlan & { id: string },
  content: PlanContent,
): fhir4.CarePlan & { id: string } {
  const kept = (existing.activity ?? []).filter(hasHistory);
  const keptCodes = new Set(kept.filter((a) => activityCode(a) !== 'PROG').map(activityCode));
  const fresh = content.activities.filter((a) => !keptCodes.has(activityCode(a)));
  const rank = new Map(content.activities.map((a, i) => [activityCode(a), i]));
  const activities = [...kept, ...fresh].sort(
    (a, b) => (rank.get(activityCode(a)) ?? Infinity) - (rank.get(activityCode(b)) ?? Infinity),
  );
  return {
    ...newCarePlan(content),
    id: existing.id,
    category: existing.category ?? [patronageCategory('universal')],
    activity: activities,
  };
}
