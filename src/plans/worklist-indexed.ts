/**
 * `$worklist` of a polyclinic or a nurse from the store's open-visit index (decision 026): the
 * counts and the most urgent visits up to the requested page come from two indexed queries,
 * the open referrals from their search, and only the patients on those lines are read.
 * @module
 */
import type { RestContext } from '../rest/context.js';
import type { OpenVisit, PlanActivityIndex, PlanActivityScope } from '../storage/plan-activity-index.js';
import { epochDay } from './activity-index-rows.js';
import { datePart } from './calendar-dates.js';
import { byUrgency, type WorklistLine } from './worklist-lines.js';
import type { WorklistQuery } from './worklist-query.js';
import { openReferrals } from './worklist-referrals.js';
import type { Worklist } from './worklist.js';

/** The current Patients named by `subjects` (`Patient/[id]`), read in parallel; deleted ones left out. */
async function readPatients(ctx: RestContext, subjects: Iterable<string>): Promise<Map<string, fhir4.Patient>> {
  const unique = [...new Set(subjects)];
  const stored = await Promise.all(unique.map((s) => ctx.store.readCurrent('Patient', s.slice('Patient/'.length))));
  const patients = new Map<string, fhir4.Patient>();
  stored.forEach((version, i) => {
    if (version?.resource && !version.deleted) patients.set(unique[i]!, version.resource as fhir4.Patient);
  });
  return patients;
}

function visitLine(visit: OpenVisit, subject: fhir4.Patient): WorklistLine {
  const window: fhir4.Period = {
    ...(visit.windowStart ? { start: visit.windowStart } : {}),
    ...(visit.windowEnd ? { end: visit.windowEnd } : {}),
  };
  return {
    kind: 'visit',
    state: visit.state,
    subject,
    urgency: visit.urgency,
    visitType: visit.visitType,
    window,
    reason: visit.reason,
    focus: `CarePlan/${visit.carePlanId}`,
    ...(visit.daysOverdue !== undefined ? { daysOverdue: visit.daysOverdue } : {}),
  };
}

/** The worklist of `query` (a performer, no KATO) from `index`. */
export async function indexedWorklist(
  ctx: RestContext,
  index: PlanActivityIndex,
  query: WorklistQuery,
): Promise<Worklist> {
  const performer = (query.practitioner ?? query.organization)!;
  const today = datePart(ctx.clock().toISOString());
  const from = query.from ?? today;
  const to = query.to ?? query.from ?? today;
  const scope: PlanActivityScope = { performer, today: epochDay(today)!, from: epochDay(from)!, to: epochDay(to)! };
  const wanted = query.summaryOnly ? 0 : query.page * query.count;
  const [counts, visits, referrals] = await Promise.all([
    index.counts(scope),
    index.openVisits(scope, wanted),
    openReferrals(
      ctx,
      async (subjects) => readPatients(ctx, await index.subjectsWithPlans(performer, subjects)),
      today,
    ),
  ]);
  const patients = await readPatients(
    ctx,
    visits.map((v) => v.subject),
  );
  const lines: WorklistLine[] = [...referrals];
  for (const visit of visits) {
    const subject = patients.get(visit.subject);
    if (subject) lines.push(visitLine(visit, subject));
  }
  lines.sort(byUrgency);
  return {
    lines,
    counts: { ...counts, openReferrals: referrals.length },
    total: counts.overdue + counts.due + referrals.length,
  };
}
