/**
 * A recorded home visit (Encounter with a patronage visit type) completes its plan activity:
 * the one named through the `based-on-careplan` extension (R4 Encounter.basedOn cannot point
 * at a CarePlan), else the subject's active plan activity of the same visit type whose window
 * holds the visit date. "Family absent" and "refused" are recorded on the activity (outcome
 * reference, status reason, progress note) and leave it scheduled, never done. A visit that
 * fits no window is stored and reported with a warning.
 * @see https://hl7.org/fhir/R4/careplan-definitions.html#CarePlan.activity.outcomeReference
 * @module
 */
import { FhirError, warning, type Issue } from '../fhir/outcome.js';
import type { RestContext } from '../rest/context.js';
import { datePart } from './calendar-dates.js';
import { activityCode } from './care-plan.js';
import { CANONICAL_BASE, VISIT_TYPE_SYSTEM } from './plan-definitions.js';
import { findResources, referenceTo, updateIfUnchanged } from './plan-store.js';

const OUTCOME_URL = `${CANONICAL_BASE}/StructureDefinition/visit-outcome`;
const OUTCOME_SYSTEM = `${CANONICAL_BASE}/CodeSystem/visit-outcome`;
const BASED_ON_URL = `${CANONICAL_BASE}/StructureDefinition/based-on-careplan`;
const OPEN = new Set(['scheduled', 'not-started', 'in-progress']);

type Plan = fhir4.CarePlan & { id: string };

/** What the nurse found: `done`, `family-absent` or `refused`. */
export function visitOutcome(encounter: fhir4.Encounter): string {
  const coded = encounter.extension?.find((e) => e.url === OUTCOME_URL)?.valueCodeableConcept;
  const code = coded?.coding?.find((c) => c.system === OUTCOME_SYSTEM)?.code;
  if (code) return code;
  return encounter.status === 'cancelled' ? 'family-absent' : 'done';
}

/** The patronage visit type of an encounter, if it is a patronage visit. */
export function visitTypeOf(encounter: fhir4.Encounter): string | undefined {
  for (const type of encounter.type ?? []) {
    const code = type.coding?.find((c) => c.system === VISIT_TYPE_SYSTEM)?.code;
    if (code) return code;
  }
  return undefined;
}

async function candidatePlans(
  ctx: RestContext,
  encounter: fhir4.Encounter,
): Promise<{ plans: Plan[]; named: boolean }> {
  const named = encounter.extension?.find((e) => e.url === BASED_ON_URL)?.valueReference?.reference;
  if (named?.startsWith('CarePlan/')) {
    const stored = await ctx.store.readCurrent('CarePlan', named.slice('CarePlan/'.length));
    if (stored?.resource && !stored.deleted) return { plans: [stored.resource as Plan], named: true };
  }
  const subject = encounter.subject?.reference;
  if (!subject) return { plans: [], named: false };
  return { plans: await findResources<Plan>(ctx, 'CarePlan', { subject, status: 'active' }), named: false };
}

/** Index of the activity the visit fulfils in `plan`, and whether the visit date lies in its window. */
function matchActivity(plan: Plan, code: string, date: string, encounterRef: string, named: boolean) {
  const activities = plan.activity ?? [];
  const already = activities.findIndex((a) => a.outcomeReference?.some((r) => r.reference === encounterRef));
  if (already >= 0) return { index: already, inWindow: true };
  const open = activities
    .map((activity, index) => ({ activity, index }))
    .filter(({ activity }) => activityCode(activity) === code && OPEN.has(activity.detail?.status ?? ''));
  const inWindow = open.find(({ activity }) => {
    const period = activity.detail?.scheduledPeriod;
    return period?.start !== undefined && period.end !== undefined && period.start <= date && date <= period.end;
  });
  if (inWindow) return { index: inWindow.index, inWindow: true };
  if (named && open[0]) return { index: open[0].index, inWindow: false };
  return undefined;
}

/** The activity after the visit; unchanged (same object) when the visit is already recorded as is. */
function recordOn(activity: fhir4.CarePlanActivity, encounterRef: string, outcome: string, date: string) {
  const detail = activity.detail!;
  const referenced = activity.outcomeReference?.some((r) => r.reference === encounterRef) ?? false;
  const status = outcome === 'done' ? 'completed' : detail.status === 'completed' ? 'scheduled' : detail.status;
  if (referenced && status === detail.status && (outcome === 'done') === !detail.statusReason) return activity;
  const next: fhir4.CarePlanActivity = {
    ...activity,
    outcomeReference: referenced
      ? activity.outcomeReference!
      : [...(activity.outcomeReference ?? []), { reference: encounterRef }],
    detail: { ...detail, status },
  };
  if (outcome === 'done') delete next.detail!.statusReason;
  else {
    next.detail!.statusReason = { coding: [{ system: OUTCOME_SYSTEM, code: outcome }] };
    next.progress = [
      ...(activity.progress ?? []),
      { time: date, text: `Visit not done: ${outcome} (${encounterRef})` },
    ];
  }
  return next;
}

/** Records `encounter` on its plan; returns warnings for a visit outside every window. */
export async function recordVisit(ctx: RestContext, encounter: fhir4.Encounter): Promise<Issue[]> {
  const code = visitTypeOf(encounter);
  const start = encounter.period?.start;
  if (!code || !start || code === 'UNPLANNED') return [];
  const date = datePart(start);
  const encounterRef = referenceTo(encounter);
  for (let attempt = 0; attempt < 4; attempt++) {
    const { plans, named } = await candidatePlans(ctx, encounter);
    const match = plans
      .map((plan) => ({ plan, found: matchActivity(plan, code, date, encounterRef, named) }))
      .find((m) => m.found);
    if (!match?.found) return [outsideEveryWindow(code, date)];
    const { plan, found } = match;
    const before = plan.activity![found.index]!;
    const after = recordOn(before, encounterRef, visitOutcome(encounter), date);
    const issues = found.inWindow ? [] : [outsideEveryWindow(code, date, referenceTo(plan))];
    if (after === before) return issues;
    const activity = plan.activity!.map((a, i) => (i === found.index ? after : a));
    try {
      const updated: Plan = { ...plan, activity };
      await updateIfUnchanged(ctx, updated, plan.meta?.versionId ?? '');
      return issues;
    } catch (thrown) {
      if (!(thrown instanceof FhirError && thrown.status === 412)) throw thrown;
    }
  }
  throw new Error('the care plan kept changing while the visit was recorded');
}

function outsideEveryWindow(code: string, date: string, plan?: string): Issue {
  const where = plan ? `the activity of ${plan} it names` : 'every open window of the active plans';
  const what = plan ? 'recorded on that activity' : 'no activity completed';
  return warning(
    'business-rule',
    `Visit ${code} on ${date} is outside ${where}; the visit is stored, ${what}`,
    'Encounter.period.start',
  );
}
