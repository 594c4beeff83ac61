/**
 * The OperationDefinitions of this server's own operations: `$worklist` on CarePlan,
 * `$growth-chart` on Patient, and `$apply` on PlanDefinition as this server runs it (the R4
 * operation with its patronage inputs). Built here from the same names the routes read, served
 * read-only at `/fhir/OperationDefinition/{id}` and named by the CapabilityStatement.
 * @see https://hl7.org/fhir/R4/operationdefinition.html
 * @module
 */
import { CANONICAL_BASE } from '../fhir/canonical.js';
import { CHART_INDICATORS } from './growth/chart/chart-indicators.js';

type Parameter = fhir4.OperationDefinitionParameter;
type ParameterType = NonNullable<Parameter['type']>;

/** The canonical of one of our OperationDefinitions. */
export const operationUrl = (id: string) => `${CANONICAL_BASE}/OperationDefinition/${id}`;

function input(name: string, type: ParameterType, documentation: string, extra: Partial<Parameter> = {}): Parameter {
  return { name, use: 'in', min: 0, max: '1', type, documentation, ...extra };
}

function output(name: string, type: ParameterType, documentation: string, extra: Partial<Parameter> = {}): Parameter {
  return { name, use: 'out', min: 0, max: '1', type, documentation, ...extra };
}

/** A reference given as text in the query string (`Organization/123`). */
const reference = (name: string, documentation: string, targets: string[]) =>
  input(name, 'string', `${documentation} (${targets.join(' or ')}/[id])`, { searchType: 'reference' });

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A generated narrative: the description and one row per parameter. */
function narrative(description: string, parameters: Parameter[]): fhir4.Narrative {
  const rows = parameters
    .map(
      (p) =>
        `<tr><td>${p.use}</td><td>${escapeXml(p.name)}</td><td>${p.min}..${p.max}</td><td>${p.type ?? '(parts)'}</td><td>${escapeXml(p.documentation ?? '')}</td></tr>`,
    )
    .join('');
  return {
    status: 'generated',
    div:
      `<div xmlns="http://www.w3.org/1999/xhtml"><p>${escapeXml(description)}</p>` +
      `<table><tr><th>Use</th><th>Name</th><th>Card.</th><th>Type</th><th>Documentation</th></tr>${rows}</table></div>`,
  };
}

function definition(
  fields: Omit<fhir4.OperationDefinition, 'resourceType' | 'status' | 'kind' | 'url' | 'text'> & { id: string },
): fhir4.OperationDefinition {
  return {
    resourceType: 'OperationDefinition',
    text: narrative(fields.description ?? '', fields.parameter ?? []),
    url: operationUrl(fields.id),
    status: 'active',
    kind: 'operation',
    publisher: 'Patronage FHIR gateway',
    ...fields,
  };
}

const WORKLIST_ITEM_PARTS: Parameter[] = [
  output('kind', 'code', '`visit` or `referral`', { min: 1 }),
  output('state', 'code', '`overdue` or `due` for a visit, `open` for a referral', { min: 1 }),
  output('subject', 'Reference', 'The child or the mother (Patient), with the name as display', { min: 1 }),
  output('address', 'string', "The family's first address, as text"),
  output('kato', 'string', "The KATO code of the family's address"),
  output('visitType', 'code', 'The visit type (patronage-visit-type code; PROG for a progressive visit)'),
  output('window', 'Period', 'The window in which the visit is due'),
  output('daysOverdue', 'integer', "Days since the visit's window closed, or since the referral was made"),
  output('priority', 'code', "The referral's priority (routine | urgent | asap | stat)"),
  output(
    'reason',
    'string',
    'Why the line is there: the visit, the progressive trigger, or the referral reason and its task state',
    {
      min: 1,
    },
  ),
  output('focus', 'Reference', 'The CarePlan of the visit, or the referral ServiceRequest', { min: 1 }),
];

const COUNT_NAMES = ['overdue', 'due', 'upcoming', 'completed', 'cancelled', 'openReferrals'] as const;

const WORKLIST_PARAMETERS: Parameter[] = [
  reference('organization', 'The polyclinic whose plans to list', ['Organization']),
  reference('practitioner', 'The nurse whose families to list; wins over organization', [
    'Practitioner',
    'PractitionerRole',
  ]),
  input('kato', 'string', "Leading 1 to 9 digits of the KATO code of the family's address: a region or district"),
  input('from', 'date', 'First day of the range in which visits count as due; default today'),
  input('to', 'date', 'Last day of the range; default from'),
  input('_count', 'integer', 'Lines per page, 1 to 500; default 50'),
  input('page', 'integer', 'Page number from 1; default 1'),
  input('summary', 'boolean', 'true: only total and summary, no items'),
  output('total', 'integer', 'Lines in the whole worklist (overdue and due visits and open referrals)', { min: 1 }),
  output('page', 'integer', 'The page returned', { min: 1 }),
  {
    name: 'summary',
    use: 'out',
    min: 1,
    max: '1',
    documentation: 'Counts per state over every activity of the plans in scope, and the open referrals',
    part: COUNT_NAMES.map((name) => output(name, 'integer', `Count of ${name}`, { min: 1 })),
  },
  {
    name: 'item',
    use: 'out',
    min: 0,
    max: '*',
    documentation:
      'One line of the page, most urgent first: referrals by priority, then overdue visits by days overdue, then visits due',
    part: WORKLIST_ITEM_PARTS,
  },
];

const WORKLIST = definition({
  id: 'CarePlan-worklist',
  name: 'PatronageWorklist',
  title: 'Patronage worklist',
  code: 'worklist',
  resource: ['CarePlan'],
  system: false,
  type: true,
  instance: false,
  affectsState: false,
  description:
    'The home visits due and overdue and the open referrals of a polyclinic, a nurse or a region (KATO prefix), ' +
    'sorted by urgency and paged, with counts per state. At least one of organization, practitioner or kato is required.',
  parameter: WORKLIST_PARAMETERS,
});

const GROWTH_CHART = definition({
  id: 'Patient-growth-chart',
  name: 'GrowthChart',
  title: 'WHO growth chart',
  code: 'growth-chart',
  resource: ['Patient'],
  system: false,
  type: false,
  instance: true,
  affectsState: false,
  description:
    "An SVG image (image/svg+xml) of the child's measurements over the WHO reference curves from -3 to +3 SD, " +
    'sized for a phone screen and labelled in Kazakh, Russian or English as Accept-Language asks (default English). ' +
    'Offered while WHO growth tables are configured; 501 otherwise.',
  comment: 'The answer is the image itself, not a FHIR resource. Errors are OperationOutcomes.',
  parameter: [
    input('indicator', 'code', `The chart: ${CHART_INDICATORS.map((c) => c.name).join(' | ')}`, { min: 1 }),
    output('return', 'Binary', 'The SVG document, returned as the body with content type image/svg+xml', { min: 1 }),
  ],
});

const APPLY = definition({
  id: 'PlanDefinition-apply',
  name: 'PatronageApply',
  title: 'Apply a patronage schedule',
  code: 'apply',
  base: 'http://hl7.org/fhir/OperationDefinition/PlanDefinition-apply',
  resource: ['PlanDefinition'],
  system: false,
  type: false,
  instance: true,
  affectsState: true,
  description:
    'Creates or updates the patronage CarePlan of a child (universal schedule) or of a pregnancy (antenatal ' +
    'schedule): one activity per visit with its window from the birth, discharge or pregnancy dates. Applying ' +
    'twice changes nothing; a newer schedule version keeps completed, attempted and progressive visits.',
  parameter: [
    input('subject', 'string', 'The child or the pregnant woman (Patient/[id])', { min: 1, searchType: 'reference' }),
    input('episode', 'string', 'The pregnancy EpisodeOfCare (EpisodeOfCare/[id]) for the antenatal schedule', {
      searchType: 'reference',
    }),
    input('dischargeDate', 'date', "The maternity discharge date, from which the newborn visit's window counts"),
    input('lmp', 'date', 'First day of the last menstrual period (antenatal)'),
    input('edd', 'date', 'Estimated due date (antenatal; LMP = EDD - 280 days when no LMP is given)'),
    input('registered', 'date', 'Date the pregnancy was registered; a later booking is visited within lateBooking'),
    output('return', 'CarePlan', 'The stored patronage CarePlan', { min: 1 }),
  ],
});

/** Our OperationDefinitions by id. */
export const OPERATION_DEFINITIONS: ReadonlyMap<string, fhir4.OperationDefinition> = new Map(
  [WORKLIST, GROWTH_CHART, APPLY].map((d) => [d.id!, d]),
);
