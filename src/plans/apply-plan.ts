/**
 * `$apply` of a patronage PlanDefinition: the subject's CarePlan with one activity per visit and
 * its window, stored (unlike the base operation, which only returns the plan: the gateway keeps
 * exactly one plan per child and per pregnancy, so applying twice changes nothing, and applying
 * a newer definition version keeps the visits already done or attempted).
 * @see https://hl7.org/fhir/R4/plandefinition-operation-apply.html
 * @module
 */
import { FhirError, error, notFound } from '../fhir/outcome.js';
import type { RestContext, RestResult } from '../rest/context.js';
import { addDuration, type CalendarDate, datePart, isCalendarDate } from './calendar-dates.js';
import { contentKey } from './content-key.js';
import {
  mergeCarePlan,
  newCarePlan,
  PLAN_IDENTIFIER_SYSTEM,
  scheduledActivity,
  type PlanContent,
} from './care-plan.js';
import { PLAN_IDS, planUrl, type PlanKind } from './plan-definitions.js';
import { createUnlessExists, updateIfUnchanged } from './plan-store.js';
import { programmeParameters } from './programme-parameters.js';
import { antenatalSchedule, childSchedule, lastMenstrualPeriod } from './schedule.js';
import { latestDueDate, newbornFacts } from './subject-facts.js';

/** What `$apply` was asked: the plan, the subject and optional dates. */
export interface ApplyRequest {
  planId: string;
  /** `Patient/[id]`. */
  subject: string;
  dischargeDate?: CalendarDate | undefined;
  lmp?: CalendarDate | undefined;
  edd?: CalendarDate | undefined;
  /** Date the pregnancy was registered (default: the episode start, else today). */
  registered?: CalendarDate | undefined;
  /** `EpisodeOfCare/[id]` of the pregnancy, when known: one antenatal plan per episode. */
  episode?: string | undefined;
}

const unprocessable = (message: string, expression: string) =>
  new FhirError(422, error('processing', message, expression));

/** The plan kind of a PlanDefinition id, or a 404. */
function planKindOf(planId: string): Exclude<PlanKind, 'progressive'> {
  if (planId === PLAN_IDS.child) return 'child';
  if (planId === PLAN_IDS.antenatal) return 'antenatal';
  if (planId === PLAN_IDS.progressive)
    throw unprocessable(
      'The progressive plan is added by the escalation rules, not applied on its own',
      'PlanDefinition',
    );
  throw notFound(`PlanDefinition/${planId} is not a patronage plan this server can apply`);
}

async function readSubject(ctx: RestContext, subject: string): Promise<fhir4.Patient & { id: string }> {
  const match = /^Patient\/([A-Za-z0-9\-.]{1,64})$/.exec(subject);
  if (!match)
    throw unprocessable(`subject '${subject}' is not a reference to a Patient`, 'Parameters.parameter[subject]');
  const stored = await ctx.store.readCurrent('Patient', match[1]!);
  if (!stored?.resource || stored.deleted)
    throw unprocessable(`subject ${subject} is not stored here`, 'Parameters.parameter[subject]');
  return stored.resource as fhir4.Patient & { id: string };
}

/** Applies the plan to the subject; 201 with a new plan, 200 with an updated or unchanged one. */
export async function applyPlan(ctx: RestContext, request: ApplyRequest): Promise<RestResult> {
  const kind = planKindOf(request.planId);
  const patient = await readSubject(ctx, request.subject);
  const content =
    kind === 'child' ? await childPlan(ctx, patient, request) : await antenatalPlan(ctx, patient, request);
  return storePlan(ctx, content);
}

async function childPlan(
  ctx: RestContext,
  patient: fhir4.Patient & { id: string },
  request: ApplyRequest,
): Promise<PlanContent> {
  const parameters = programmeParameters();
  if (!patient.birthDate || !isCalendarDate(patient.birthDate))
    throw unprocessable(
      'The child has no full birth date (YYYY-MM-DD), so no visit can be scheduled',
      'Patient.birthDate',
    );
  const facts = await newbornFacts(ctx, patient);
  const dischargeDate = request.dischargeDate ?? facts.dischargeDate;
  if (dischargeDate && dischargeDate < patient.birthDate)
    throw unprocessable('The discharge date is before the birth date', 'Parameters.parameter[dischargeDate]');
  const windows = childSchedule(parameters.visitSchedule.child, {
    birthDate: patient.birthDate,
    dischargeDate,
    conditions: facts.conditions,
  });
  return {
    identifier: `${PLAN_IDS.child}/Patient/${patient.id}`,
    planCanonical: `${planUrl('child')}|${parameters.version}`,
    subject: `Patient/${patient.id}`,
    period: {
      start: patient.birthDate,
      end: addDuration(patient.birthDate, parameters.visitSchedule.childEpisodeEnds),
    },
    author: patient.managingOrganization,
    activities: windows.map((w) => scheduledActivity(w, parameters.version, performersOf(patient))),
  };
}

async function antenatalPlan(
  ctx: RestContext,
  patient: fhir4.Patient & { id: string },
  request: ApplyRequest,
): Promise<PlanContent> {
  const parameters = programmeParameters();
  const edd = request.edd ?? (request.lmp ? undefined : await latestDueDate(ctx, patient.id));
  if (!request.lmp && !edd)
    throw unprocessable(
      'An antenatal plan needs the last menstrual period (lmp) or the estimated due date (edd, or an Observation 11778-8)',
      'Parameters.parameter[lmp]',
    );
  const registered = request.registered ?? datePart(ctx.clock().toISOString());
  const input = { lmp: request.lmp, edd, registered };
  const fromEdd = parameters.visitSchedule.pregnancyFromEdd;
  const lmp = lastMenstrualPeriod(input, fromEdd);
  const windows = antenatalSchedule(parameters.visitSchedule.antenatal, input, fromEdd);
  return {
    identifier: `${PLAN_IDS.antenatal}/${request.episode ?? `Patient/${patient.id}`}`,
    planCanonical: `${planUrl('antenatal')}|${parameters.version}`,
    subject: `Patient/${patient.id}`,
    period: { start: lmp, end: addDuration(lmp, fromEdd) },
    author: patient.managingOrganization,
    activities: windows.map((w) => scheduledActivity(w, parameters.version, performersOf(patient))),
  };
}

/**
 * Who performs the visits: the polyclinic the family is attached to and the child's nurse or
 * doctor (`generalPractitioner`), so that `$worklist` finds them by `performer`.
 */
function performersOf(patient: fhir4.Patient): fhir4.Reference[] {
  const references = [patient.managingOrganization, ...(patient.generalPractitioner ?? [])];
  return references
    .filter((r): r is fhir4.Reference => Boolean(r?.reference))
    .map((r) => ({ reference: r.reference! }));
}

/**
 * Creates the plan unless one with its identifier exists (the conditional create answers the
 * stored one: one search, where looking first and creating after took two), else merges the new
 * content into it and updates it if anything changed.
 */
async function storePlan(ctx: RestContext, content: PlanContent): Promise<RestResult> {
  const criteria = `identifier=${encodeURIComponent(`${PLAN_IDENTIFIER_SYSTEM}|${content.identifier}`)}`;
  for (let attempt = 0; ; attempt++) {
    const created = await createUnlessExists(ctx, newCarePlan(content), criteria);
    if (created.status !== 200 || created.resource?.resourceType !== 'CarePlan') return created;
    const existing = created.resource as fhir4.CarePlan & { id: string };
    const merged = mergeCarePlan(existing, content);
    if (contentKey(existing) === contentKey(merged)) return { status: 200, resource: existing };
    try {
      return await updateIfUnchanged(ctx, merged, existing.meta?.versionId ?? '');
    } catch (thrown) {
      // Another writer (a visit completing an activity) changed the plan since it was read.
      if (!(thrown instanceof FhirError && thrown.status === 412) || attempt >= 3) throw thrown;
    }
  }
}
