/**
 * `$worklist`: the visits due and overdue and the open referrals of a polyclinic, a nurse or a
 * region, sorted by urgency and paged, with counts per state. Returned as Parameters (the
 * operation's output): one `item` part per line, and a `summary` part with the counts.
 * Plans are found by `CarePlan.activity.detail.performer` (the polyclinic and the child's nurse,
 * set by `$apply`); a region by the KATO code of the family's address.
 * @module
 */
import type { RestContext } from '../rest/context.js';
import { datePart, daysBetween, type CalendarDate } from './calendar-dates.js';
import { activityReason, epochDay, visitUrgency } from './activity-index-rows.js';
import { activityCode } from './care-plan.js';
import { findAllWithIncludes, referenceTo } from './plan-store.js';
import type { WorklistQuery } from './worklist-query.js';
import { byUrgency, type WorklistCounts, type WorklistLine } from './worklist-lines.js';
import { openReferrals, type ReferralLine } from './worklist-referrals.js';
import { indexedWorklist } from './worklist-indexed.js';

export type { WorklistCounts, WorklistLine } from './worklist-lines.js';

const KATO_URL = 'https://fhir.patronage.kz/StructureDefinition/kato';

/** The KATO code of the patient's first address that has one. */
export function katoOf(patient: fhir4.Patient): string | undefined {
  for (const address of patient.address ?? [])
    for (const ext of address.extension ?? [])
      if (ext.url === KATO_URL && ext.valueCoding?.code) return ext.valueCoding.code;
  return undefined;
}

async function plansInScope(ctx: RestContext, query: WorklistQuery) {
  const search: Record<string, string> = { status: 'active', _include: 'CarePlan:subject' };
  const performer = query.practitioner ?? query.organization;
  if (performer) search.performer = performer;
  const found = await findAllWithIncludes(ctx, 'CarePlan', search);
  const patients = new Map<string, fhir4.Patient>();
  for (const r of found) if (r.resourceType === 'Patient') patients.set(referenceTo(r), r);
  if (query.kato)
    for (const [reference, patient] of patients)
      if (!(katoOf(patient) ?? '').startsWith(query.kato)) patients.delete(reference);
  const plans = (found.filter((r) => r.resourceType === 'CarePlan') as fhir4.CarePlan[]).filter((plan) =>
    patients.has(plan.subject?.reference ?? ''),
  );
  return { plans, patients };
}

/** Visit lines of one plan, counting every activity's state into `counts`. */
function visitLines(
  plan: fhir4.CarePlan,
  patient: fhir4.Patient,
  range: { today: CalendarDate; from: CalendarDate; to: CalendarDate },
  counts: WorklistCounts,
): WorklistLine[] {
  const lines: WorklistLine[] = [];
  for (const activity of plan.activity ?? []) {
    const detail = activity.detail;
    const window = detail?.scheduledPeriod;
    if (detail?.status === 'completed') counts.completed++;
    else if (detail?.status === 'cancelled' || detail?.status === 'stopped') counts.cancelled++;
    if (
      !detail ||
      !window?.start ||
      !window.end ||
      !['scheduled', 'not-started', 'in-progress'].includes(detail.status)
    )
      continue;
    const code = activityCode(activity) ?? 'visit';
    const urgency = visitUrgency(code === 'PROG', epochDay(window.end)!, epochDay(range.today)!);
    const reason = activityReason(detail, code);
    const base = {
      kind: 'visit' as const,
      subject: patient,
      visitType: code,
      window,
      reason,
      focus: referenceTo(plan),
    };
    if (window.end < range.today) {
      counts.overdue++;
      const daysOverdue = daysBetween(window.end, range.today);
      lines.push({ ...base, state: 'overdue', daysOverdue, urgency });
    } else if (window.start <= range.to && window.end >= range.from) {
      counts.due++;
      lines.push({ ...base, state: 'due', urgency });
    } else counts.upcoming++;
  }
  return lines;
}

/** The worklist of a query: lines sorted by urgency (at least the requested page), counts, total lines. */
export interface Worklist {
  lines: WorklistLine[];
  counts: WorklistCounts;
  total: number;
}

/** The lines and counts of `query`, sorted by urgency (most urgent first). */
export async function collectWorklist(ctx: RestContext, query: WorklistQuery): Promise<Worklist> {
  const index = ctx.store.planActivities;
  // The index holds performers, not the family's address: a region (KATO) reads the plans.
  // A caller's compartment may name more references than the index can bind (narrowed-plan-index.ts).
  if (index && !query.kato && (query.practitioner ?? query.organization) && ((await index.usable?.()) ?? true))
    return indexedWorklist(ctx, index, query);
  const today = datePart(ctx.clock().toISOString());
  const range = { today, from: query.from ?? today, to: query.to ?? query.from ?? today };
  const counts: WorklistCounts = { overdue: 0, due: 0, upcoming: 0, completed: 0, cancelled: 0, openReferrals: 0 };
  const { plans, patients } = await plansInScope(ctx, query);
  const lines = plans.flatMap((plan) => visitLines(plan, patients.get(plan.subject!.reference!)!, range, counts));
  const referrals: ReferralLine[] = await openReferrals(ctx, async () => patients, today);
  counts.openReferrals = referrals.length;
  lines.push(...referrals);
  lines.sort(byUrgency);
  return { lines, counts, total: lines.length };
}
