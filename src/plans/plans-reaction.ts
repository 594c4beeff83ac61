/**
 * The visit plans' write reaction: what the programme does when a record is committed, through
 * whichever path it came (a create, a transaction, ingest, a discharge message):
 * - a child (a Patient under the programme's age limit, attached to a polyclinic) gets its plan, recomputed when the
 *   record changes, and so does a child whose neonatal risk assessment arrives (discharge date,
 *   risk group);
 * - a pregnancy episode, or the due date recorded for a woman with one, gets the antenatal plan;
 * - a home visit completes its plan activity (or is reported outside every window);
 * - a finding fires the escalation rules.
 * Every step is idempotent, so a repeated record changes nothing.
 * @module
 */
import type { Issue } from '../fhir/outcome.js';
import { keyedPipeline } from '../lib/keyed-pipeline.js';
import type { WriteReaction } from '../rest/write/reactions.js';
import type { RestContext } from '../rest/context.js';
import type { ResourceWrite } from '../storage/port.js';
import { applyPlan } from './apply-plan.js';
import { addDuration, type CalendarDate, datePart, isCalendarDate } from './calendar-dates.js';
import { escalate } from './escalation.js';
import { CANONICAL_BASE, PLAN_IDS } from './plan-definitions.js';
import { findResources } from './plan-store.js';
import { programmeParameters } from './programme-parameters.js';
import { hasCoding, isNeonatalRiskAssessment } from './subject-facts.js';
import { recordVisit } from './visit-completion.js';

const EPISODE_TYPE = `${CANONICAL_BASE}/CodeSystem/episode-type`;
const EDD = { system: 'http://loinc.org', code: '11778-8' };

/**
 * True for a Patient younger than the programme's child age limit today and attached to a
 * polyclinic (`managingOrganization`): the polyclinic performs the visits, and a record not
 * attached to one (a test patient, a child not yet attached) gets no plan until it is.
 */
function isChild(ctx: RestContext, patient: fhir4.Patient): boolean {
  if (!patient.managingOrganization?.reference) return false;
  if (!patient.birthDate || !isCalendarDate(patient.birthDate) || patient.deceasedBoolean || patient.deceasedDateTime)
    return false;
  const today = datePart(ctx.clock().toISOString());
  return patient.birthDate <= today && childEpisodeEnd(patient.birthDate) > today;
}

/** Birth dates whose child episode end was computed; a few thousand distinct dates cover five years. */
const EPISODE_ENDS = new Map<string, CalendarDate>();
const EPISODE_ENDS_KEPT = 10_000;

/**
 * The day a child born on `birthDate` leaves the programme: calendar month arithmetic, asked for
 * every Patient written (a transaction of a hundred adults asks a hundred times), so remembered
 * per birth date and episode length.
 */
function childEpisodeEnd(birthDate: CalendarDate): CalendarDate {
  const length = programmeParameters().visitSchedule.childEpisodeEnds;
  const key = `${length.value}${length.unit} ${birthDate}`;
  let end = EPISODE_ENDS.get(key);
  if (end === undefined) {
    if (EPISODE_ENDS.size >= EPISODE_ENDS_KEPT) EPISODE_ENDS.clear();
    end = addDuration(birthDate, length);
    EPISODE_ENDS.set(key, end);
  }
  return end;
}

/** False for a resource whose reaction is known to do nothing: a Patient that is not a child. */
function mayReact(ctx: RestContext, resource: fhir4.Resource): boolean {
  return resource.resourceType !== 'Patient' || isChild(ctx, resource as fhir4.Patient);
}

function isPregnancy(episode: fhir4.EpisodeOfCare): boolean {
  return episode.status === 'active' && (episode.type ?? []).some((t) => hasCoding(t, EPISODE_TYPE, 'pregnancy'));
}

async function planPregnancy(ctx: RestContext, episode: fhir4.EpisodeOfCare, edd?: string): Promise<void> {
  const subject = episode.patient?.reference;
  if (!subject) return;
  const registered = episode.period?.start ? datePart(episode.period.start) : undefined;
  const request = {
    planId: PLAN_IDS.antenatal,
    subject,
    episode: `EpisodeOfCare/${episode.id ?? ''}`,
    edd,
    registered,
  };
  try {
    await applyPlan(ctx, request);
  } catch (thrown) {
    // No dates yet: the plan comes with the due date Observation.
    if (!(thrown instanceof Error && /needs the last menstrual period/.test(thrown.message))) throw thrown;
  }
}

async function onDueDate(ctx: RestContext, observation: fhir4.Observation): Promise<void> {
  const subject = observation.subject?.reference;
  if (!subject?.startsWith('Patient/') || !observation.valueDateTime) return;
  const episodes = await findResources<fhir4.EpisodeOfCare>(ctx, 'EpisodeOfCare', {
    patient: subject,
    status: 'active',
  });
  for (const episode of episodes.filter(isPregnancy))
    await planPregnancy(ctx, episode, datePart(observation.valueDateTime));
}

async function planChild(ctx: RestContext, subject: string): Promise<void> {
  const stored = await ctx.store.readCurrent('Patient', subject.slice('Patient/'.length));
  const patient = stored?.resource as fhir4.Patient | undefined;
  if (patient && !stored?.deleted && isChild(ctx, patient)) await applyPlan(ctx, { planId: PLAN_IDS.child, subject });
}

async function react(ctx: RestContext, resource: fhir4.Resource): Promise<Issue[]> {
  switch (resource.resourceType) {
    case 'Patient':
      if (isChild(ctx, resource as fhir4.Patient))
        await applyPlan(ctx, { planId: PLAN_IDS.child, subject: `Patient/${resource.id}` });
      return [];
    case 'EpisodeOfCare':
      if (isPregnancy(resource as fhir4.EpisodeOfCare)) await planPregnancy(ctx, resource as fhir4.EpisodeOfCare);
      return [];
    case 'Encounter':
      return recordVisit(ctx, resource as fhir4.Encounter);
    case 'Observation':
      if (hasCoding((resource as fhir4.Observation).code, EDD.system, EDD.code))
        await onDueDate(ctx, resource as fhir4.Observation);
      break;
    case 'RiskAssessment':
      if (isNeonatalRiskAssessment(resource) && resource.subject?.reference)
        await planChild(ctx, resource.subject.reference);
      break;
  }
  await escalate(ctx, resource);
  return [];
}

/** How many subjects' reactions of one commit run at once. */
export const SUBJECTS_AT_ONCE = 8;

/**
 * The patient a committed resource is about, which is whose plans its reaction reads and writes:
 * a Patient itself, else its `subject` or `patient`. Resources about nobody share the key `''`.
 */
export function subjectOf(resource: fhir4.Resource): string {
  if (resource.resourceType === 'Patient') return `Patient/${resource.id ?? ''}`;
  const about = resource as { subject?: fhir4.Reference; patient?: fhir4.Reference };
  return about.subject?.reference ?? about.patient?.reference ?? '';
}

/** The committed resources that `keep` accepts, by {@link subjectOf}, each group in commit order. */
export function bySubject(
  committed: readonly ResourceWrite[],
  keep: (resource: fhir4.Resource) => boolean = () => true,
): fhir4.Resource[][] {
  const groups = new Map<string, fhir4.Resource[]>();
  for (const { resource } of committed) {
    if (!resource || !keep(resource)) continue;
    const key = subjectOf(resource);
    const group = groups.get(key);
    if (group) group.push(resource);
    else groups.set(key, [resource]);
  }
  return [...groups.values()];
}

/**
 * The reaction, for `gatewayReactions()`. One subject's resources react in commit order (a
 * child's plan exists before the visit in the same Bundle completes it); different subjects react
 * side by side, up to {@link SUBJECTS_AT_ONCE}, so that the plans of a transaction's hundred
 * children reach the store together and share its commits instead of one commit after another
 * (decision 046). Every step is already safe against a concurrent writer: plans are written with
 * If-Match and retried, conditional creates are guarded. A subject whose reaction fails does not
 * stop the others; the first failure is reported.
 */
export function plansReaction(): WriteReaction {
  return {
    name: 'the visit plans',
    async react(ctx: RestContext, committed: readonly ResourceWrite[]): Promise<Issue[]> {
      const issues: Issue[] = [];
      const failures: unknown[] = [];
      const pipeline = keyedPipeline<Issue[]>(SUBJECTS_AT_ONCE, (found) => issues.push(...found));
      for (const group of bySubject(committed, (resource) => mayReact(ctx, resource)))
        await pipeline.add([subjectOf(group[0]!)], async () => {
          const found: Issue[] = [];
          // Caught here, so that every subject has finished before the first failure is reported.
          try {
            for (const resource of group) found.push(...(await react(ctx, resource)));
          } catch (thrown) {
            failures.push(thrown);
          }
          return found;
        });
      await pipeline.finish();
      if (failures.length > 0) throw failures[0];
      return issues;
    },
  };
}
