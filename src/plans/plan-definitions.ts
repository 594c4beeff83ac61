/**
 * The programme schedule as FHIR knowledge artefacts: one ActivityDefinition per visit type and
 * three PlanDefinitions (child universal, antenatal, progressive add-on), built from the
 * programme parameters and versioned with them, so a new parameters version is a new version of
 * each definition. They are stored at start-up and served read-only (PlanDefinition and
 * ActivityDefinition are conformance types: client writes answer 405).
 * @see https://hl7.org/fhir/R4/plandefinition.html
 * @see https://hl7.org/fhir/R4/activitydefinition.html
 * @module
 */
import type { CalendarDuration } from './calendar-dates.js';
import { programmeParameters, type ProgrammeParameters, type ScheduledVisit } from './programme-parameters.js';

/** The guide's canonical base. */
export const CANONICAL_BASE = 'https://fhir.patronage.kz';
/** Code system of the visit types. */
export const VISIT_TYPE_SYSTEM = `${CANONICAL_BASE}/CodeSystem/patronage-visit-type`;

/** The three plans the programme defines, by id. */
export const PLAN_IDS = {
  child: 'patronage-child-universal',
  antenatal: 'patronage-antenatal',
  progressive: 'patronage-progressive',
} as const;

/** Which plan: `child`, `antenatal` or `progressive`. */
export type PlanKind = keyof typeof PLAN_IDS;

const UCUM = 'http://unitsofmeasure.org';
const UNIT_NAMES: Record<CalendarDuration['unit'], string> = { d: 'days', wk: 'weeks', mo: 'months', a: 'years' };

const ANCHOR_TEXT: Record<ScheduledVisit['anchor'], string> = {
  birth: 'after birth',
  discharge: 'after discharge from the maternity hospital',
  'gestational-age': 'of gestation (from the last menstrual period)',
};

const say = (d: CalendarDuration) => `${d.value} ${UNIT_NAMES[d.unit]}`;

/** The visit's timing in words, for people reading the definition. */
function timingText(visit: ScheduledVisit): string {
  const due = `${visit.due.comparator === '<=' ? 'by ' : ''}${say(visit.due)} ${ANCHOR_TEXT[visit.anchor]}`;
  const window = visit.window ? `, window ${say(visit.window.before)} before to ${say(visit.window.after)} after` : '';
  const sameDay = visit.sameDayIf?.length ? `; the same day if ${visit.sameDayIf.join(' or ')}` : '';
  return `Due ${due}${window}${sameDay}.`;
}

/** The canonical URL of the ActivityDefinition of a visit type. */
export function activityUrl(code: string): string {
  return `${CANONICAL_BASE}/ActivityDefinition/${activityId(code)}`;
}

function activityId(code: string): string {
  return `visit-${code.toLowerCase()}`;
}

/** The canonical URL of a plan. */
export function planUrl(kind: PlanKind): string {
  return `${CANONICAL_BASE}/PlanDefinition/${PLAN_IDS[kind]}`;
}

function visitCode(code: string): fhir4.CodeableConcept {
  return { coding: [{ system: VISIT_TYPE_SYSTEM, code }] };
}

function activityDefinition(
  code: string,
  description: string,
  version: string,
): fhir4.ActivityDefinition & { id: string } {
  return {
    resourceType: 'ActivityDefinition',
    id: activityId(code),
    url: activityUrl(code),
    version,
    name: `Visit${code.replace(/[^A-Za-z0-9]/g, '')}`,
    title: `Patronage home visit ${code}`,
    status: 'active',
    description,
    kind: 'Appointment',
    code: visitCode(code),
  };
}

function action(visit: ScheduledVisit, version: string): fhir4.PlanDefinitionAction {
  return {
    id: visit.code,
    title: `Visit ${visit.code}`,
    description: timingText(visit),
    code: [visitCode(visit.code)],
    timingDuration: { value: visit.due.value, unit: UNIT_NAMES[visit.due.unit], system: UCUM, code: visit.due.unit },
    definitionCanonical: `${activityUrl(visit.code)}|${version}`,
  };
}

function planDefinition(kind: PlanKind, title: string, actions: fhir4.PlanDefinitionAction[], version: string) {
  const plan: fhir4.PlanDefinition & { id: string } = {
    resourceType: 'PlanDefinition',
    id: PLAN_IDS[kind],
    url: planUrl(kind),
    version,
    name: PLAN_IDS[kind].replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()),
    title,
    type: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/plan-definition-type', code: 'clinical-protocol' }],
    },
    status: 'active',
    description: `${title}, generated from profiles/parameters/patronage-parameters.json version ${version}. Ages and windows are unverified placeholders until the ҚР ДСМ-25 annex is obtained.`,
    action: actions,
  };
  return plan;
}

/** Every definition of the schedule: ActivityDefinitions first (the plans name them). */
export function scheduleDefinitions(
  parameters: ProgrammeParameters = programmeParameters(),
): (fhir4.ActivityDefinition | fhir4.PlanDefinition)[] {
  const { version, visitSchedule: schedule, progressiveCare } = parameters;
  const progressive: ScheduledVisit = {
    code: 'PROG',
    anchor: 'birth',
    due: progressiveCare.every,
    window: { before: { value: 0, unit: 'd' }, after: progressiveCare.window },
  };
  const progressiveText = `${progressiveCare.visits} visits every ${say(progressiveCare.every)} from the trigger, each within ${say(progressiveCare.window)}.`;
  return [
    ...[...schedule.child, ...schedule.antenatal].map((v) => activityDefinition(v.code, timingText(v), version)),
    activityDefinition('PROG', `Progressive visit by individual plan: ${progressiveText}`, version),
    planDefinition(
      'child',
      'Universal patronage of a child',
      schedule.child.map((v) => action(v, version)),
      version,
    ),
    planDefinition(
      'antenatal',
      'Universal antenatal patronage',
      schedule.antenatal.map((v) => action(v, version)),
      version,
    ),
    planDefinition(
      'progressive',
      'Progressive patronage add-on',
      [{ ...action(progressive, version), description: progressiveText }],
      version,
    ),
  ];
}
