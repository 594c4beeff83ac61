/**
 * The open referrals (ServiceRequest active, category patient referral) of the worklist's
 * families, with the state of the Task that tracks each.
 * @module
 */
import type { RestContext } from '../rest/context.js';
import { datePart, daysBetween, type CalendarDate } from './calendar-dates.js';
import { findAllWithIncludes, referenceTo } from './plan-store.js';
import type { WorklistLine } from './worklist.js';

/** A worklist line for a referral. */
export type ReferralLine = WorklistLine & { kind: 'referral' };

const PRIORITY_URGENCY: Record<string, number> = { stat: 1000, asap: 900, urgent: 500, routine: 150 };

/** The worklist's patients among `subjects` (`Patient/[id]`), keyed by reference. */
export type PatientsInScope = (subjects: string[]) => Promise<ReadonlyMap<string, fhir4.Patient>>;

/** Open referrals of the patients that `inScope` finds among the referrals' subjects. */
export async function openReferrals(
  ctx: RestContext,
  inScope: PatientsInScope,
  today: CalendarDate,
): Promise<ReferralLine[]> {
  const found = await findAllWithIncludes(ctx, 'ServiceRequest', {
    status: 'active',
    category: 'http://snomed.info/sct|3457005',
    _revinclude: 'Task:focus',
  });
  const subjects = new Set<string>();
  for (const r of found)
    if (r.resourceType === 'ServiceRequest' && r.subject?.reference) subjects.add(r.subject.reference);
  if (subjects.size === 0) return [];
  const patients = await inScope([...subjects]);
  if (patients.size === 0) return [];
  const tasks = new Map<string, fhir4.Task>();
  for (const r of found) if (r.resourceType === 'Task' && r.focus?.reference) tasks.set(r.focus.reference, r);
  const lines: ReferralLine[] = [];
  for (const r of found) {
    if (r.resourceType !== 'ServiceRequest') continue;
    const patient = patients.get(r.subject?.reference ?? '');
    if (!patient) continue;
    const task = tasks.get(referenceTo(r));
    const open = r.authoredOn ? daysBetween(datePart(r.authoredOn), today) : 0;
    const reason =
      r.reasonCode?.[0]?.text ??
      r.reasonCode?.[0]?.coding?.[0]?.display ??
      r.reasonCode?.[0]?.coding?.[0]?.code ??
      'referral';
    const target = r.code?.coding?.[0]?.display ?? r.code?.coding?.[0]?.code ?? '';
    lines.push({
      kind: 'referral',
      state: 'open',
      subject: patient,
      urgency: (PRIORITY_URGENCY[r.priority ?? 'routine'] ?? 150) + Math.min(Math.max(open, 0), 99),
      reason: `${reason}${target ? ` → ${target}` : ''}${task ? ` (task ${task.status})` : ''}`,
      focus: referenceTo(r),
      priority: r.priority ?? 'routine',
      ...(open > 0 ? { daysOverdue: open } : {}),
    });
  }
  return lines;
}
