/**
 * The rows of the open-visit index ({@link PlanActivityRow}) of one CarePlan: one per activity
 * and per performer named anywhere on the plan, for an active plan about a Patient; none
 * otherwise. The worklist's own reading of a plan (`visitLines` in worklist.ts) decides the same
 * things from the same fields, so both paths list the same visits.
 * @see https://hl7.org/fhir/R4/careplan-definitions.html#CarePlan.activity.detail
 * @module
 */
import type { PlanActivityRow, PlanActivityState } from '../storage/plan-activity-index.js';
import { datePart, isCalendarDate } from './calendar-dates.js';
import { activityCode } from './care-plan.js';

const DAY_MS = 86_400_000;

/** Whole days since 1970-01-01 of the date part of a FHIR date or dateTime; null if it has none. */
export function epochDay(value: string | undefined): number | null {
  if (!value) return null;
  const date = datePart(value);
  if (!isCalendarDate(date)) return null;
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/**
 * The worklist's urgency of an open visit (higher first): overdue 200 (+50 if progressive) +
 * days overdue up to 365; otherwise 100 (+50 if progressive) − days left up to 99. Within one
 * kind of visit, the earlier the window closes the more urgent it is.
 */
export function visitUrgency(progressive: boolean, endDay: number, today: number): number {
  const bonus = progressive ? 50 : 0;
  if (endDay < today) return 200 + bonus + Math.min(today - endDay, 365);
  return 100 + bonus - Math.min(endDay - today, 99);
}

/** The line reason of an activity, as the worklist shows it. */
export function activityReason(detail: fhir4.CarePlanActivityDetail, code: string): string {
  return detail.reasonCode?.[0]?.text ?? detail.statusReason?.text ?? `universal visit ${code}`;
}

const OPEN_STATUSES = new Set(['scheduled', 'not-started', 'in-progress']);

/** The index state of an activity (see {@link PlanActivityState}). */
function stateOf(status: string, dated: boolean, progressive: boolean): PlanActivityState {
  if (OPEN_STATUSES.has(status)) return !dated ? 'other' : progressive ? 'progressive' : 'open';
  if (status === 'completed') return 'completed';
  return status === 'cancelled' || status === 'stopped' ? 'cancelled' : 'other';
}

/** Every `Type/id` performer reference on the plan's activities. */
function planPerformers(plan: fhir4.CarePlan): string[] {
  const performers = new Set<string>();
  for (const activity of plan.activity ?? [])
    for (const performer of activity.detail?.performer ?? [])
      if (performer.reference && /^[A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/.test(performer.reference))
        performers.add(performer.reference);
  return [...performers];
}

/** Index rows of `plan`. */
export function planActivityRows(plan: fhir4.CarePlan): PlanActivityRow[] {
  const subject = plan.subject?.reference;
  if (plan.status !== 'active' || !plan.id || !subject?.startsWith('Patient/')) return [];
  const performers = planPerformers(plan);
  const rows: PlanActivityRow[] = [];
  (plan.activity ?? []).forEach((activity, index) => {
    const detail = activity.detail;
    if (!detail) return;
    const visitType = activityCode(activity) ?? 'visit';
    const window = detail.scheduledPeriod;
    const [startDay, endDay] = [epochDay(window?.start), epochDay(window?.end)];
    const common = {
      carePlanId: plan.id!,
      activity: index,
      subject,
      state: stateOf(detail.status, startDay !== null && endDay !== null, visitType === 'PROG'),
      visitType,
      windowStart: window?.start ?? null,
      windowEnd: window?.end ?? null,
      startDay,
      endDay,
      reason: activityReason(detail, visitType),
    };
    for (const performer of performers) rows.push({ ...common, performer });
  });
  return rows;
}
