/**
 * Maternity discharge and IIN assignment messages for the `$process-message` tests, built from
 * the guide's own examples (profiles/fsh-generated) with fresh identifiers per child.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { IIN_SYSTEM, PROVISIONAL_NEWBORN_SYSTEM } from '../../src/fhir/canonical.js';
import { checkDigit } from '../../src/validation/rules/kz-identifiers.js';

const EXAMPLES = fileURLToPath(new URL('../../profiles/fsh-generated/resources/', import.meta.url));
const EVENTS = 'https://fhir.patronage.kz/CodeSystem/message-event';
/** The system the tests give their messages' Bundle.identifier. */
export const MESSAGE_SYSTEM = 'https://maternity.example.kz/messages';

function example<T>(name: string): T {
  const {
    id: _id,
    text: _text,
    ...resource
  } = JSON.parse(readFileSync(`${EXAMPLES}${name}.json`, 'utf8')) as T & {
    id?: string;
    text?: unknown;
  };
  return resource as T;
}

/** The `serial`-th valid IIN with the date-and-century prefix `prefix` (7 digits). */
export function iinFrom(prefix: string, serial: number): string {
  for (let n = serial * 10; ; n++) {
    const body = `${prefix}${String(n % 10_000).padStart(4, '0')}`;
    const check = checkDigit(body);
    if (check !== undefined) return `${body}${check}`;
  }
}

/** What varies between the discharges of the tests. */
export interface Discharge {
  /** The message's Bundle.identifier value. */
  messageId: string;
  motherIin: string;
  /** Birth order after the mother's IIN (1–9) in the provisional identifier. */
  order?: number;
  /** The child's IIN when the maternity already has it. */
  childIin?: string;
  grams?: number;
  weeks?: number;
  risk?: 'low' | 'moderate' | 'high';
  /** `Organization/<id>` of the polyclinic the child is attached to (the plans need one). */
  polyclinic?: string;
}

/** The guide's example polyclinic, without its id, to create before attaching children to it. */
export const polyclinicExample = () => example<fhir4.Organization>('Organization-polyclinic-7');

/** The child's provisional identifier value. */
export const provisionalOf = (d: Pick<Discharge, 'motherIin' | 'order'>) => `${d.motherIin}-${d.order ?? 1}`;

function header(event: string, focus: string[]): fhir4.BundleEntry {
  return {
    fullUrl: 'urn:uuid:00000000-0000-4000-8000-000000000000',
    resource: {
      resourceType: 'MessageHeader',
      id: crypto.randomUUID(),
      eventCoding: { system: EVENTS, code: event },
      source: { endpoint: 'https://maternity.example.kz/his' },
      focus: focus.map((reference) => ({ reference })),
    } as fhir4.MessageHeader,
  };
}

/** A valid maternity discharge message for `d` (child born 2026-11-20, a girl). */
export function dischargeMessage(d: Discharge): fhir4.Bundle {
  const url = (n: number) => `urn:uuid:${crypto.randomUUID().slice(0, -1)}${n}`;
  const [child, mother, weight, ga, risk, maternity] = [1, 2, 3, 4, 5, 6].map(url) as string[];
  const patient = example<fhir4.Patient>('Patient-patient-newborn-provisional');
  delete patient.link;
  if (d.polyclinic) patient.managingOrganization = { reference: d.polyclinic };
  else delete patient.managingOrganization;
  patient.identifier = [
    { system: PROVISIONAL_NEWBORN_SYSTEM, use: 'temp', value: provisionalOf(d) },
    ...(d.childIin ? [{ system: IIN_SYSTEM, value: d.childIin }] : []),
  ];
  const relatedPerson = example<fhir4.RelatedPerson>('RelatedPerson-mother-ainur');
  relatedPerson.identifier = [{ system: IIN_SYSTEM, value: d.motherIin }];
  relatedPerson.patient = { reference: child! };
  const birthWeight = example<fhir4.Observation>('Observation-birth-weight-alikhan');
  birthWeight.subject = { reference: child! };
  birthWeight.effectiveDateTime = '2026-11-20';
  birthWeight.valueQuantity!.value = d.grams ?? 3200;
  const gestationalAge = example<fhir4.Observation>('Observation-ga-alikhan');
  gestationalAge.subject = { reference: child! };
  gestationalAge.effectiveDateTime = '2026-11-20';
  gestationalAge.valueQuantity!.value = d.weeks ?? 39;
  const assessment = example<fhir4.RiskAssessment>('RiskAssessment-neonatal-risk-newborn-ainur');
  assessment.subject = { reference: child! };
  assessment.extension![0]!.valueReference = { reference: maternity! };
  assessment.basis = [{ reference: weight! }, { reference: ga! }];
  const level = d.risk ?? 'high';
  assessment.prediction![0]!.outcome!.coding![0] = {
    system: 'https://fhir.patronage.kz/CodeSystem/neonatal-risk-group',
    code: level,
  };
  if (level === 'low') assessment.extension = assessment.extension!.slice(0, 1);
  return {
    resourceType: 'Bundle',
    type: 'message',
    identifier: { system: MESSAGE_SYSTEM, value: d.messageId },
    timestamp: '2026-11-24T12:00:00+05:00',
    entry: [
      header('maternity-discharge', [child!, risk!]),
      { fullUrl: child, resource: patient },
      { fullUrl: mother, resource: relatedPerson },
      { fullUrl: weight, resource: birthWeight },
      { fullUrl: ga, resource: gestationalAge },
      { fullUrl: risk, resource: assessment },
      { fullUrl: maternity, resource: example<fhir4.Organization>('Organization-maternity-kyzylorda') },
    ],
  };
}

/** The national register's message giving the child provisionally known as `provisional` its IIN. */
export function iinAssignmentMessage(messageId: string, provisional: string, iin: string): fhir4.Bundle {
  const child = `urn:uuid:${crypto.randomUUID()}`;
  return {
    resourceType: 'Bundle',
    type: 'message',
    identifier: { system: MESSAGE_SYSTEM, value: messageId },
    timestamp: '2026-11-26T09:00:00+05:00',
    entry: [
      header('newborn-iin-assigned', [child]),
      {
        fullUrl: child,
        resource: {
          resourceType: 'Patient',
          identifier: [
            { system: IIN_SYSTEM, value: iin },
            { system: PROVISIONAL_NEWBORN_SYSTEM, use: 'temp', value: provisional },
          ],
          gender: 'female',
          birthDate: '2026-11-20',
        } as fhir4.Patient,
      },
    ],
  };
}
