/**
 * Patronage-shaped data for the search conformance suite: mothers and children with IINs,
 * home-visit Encounters, growth Observations in mixed UCUM units, risk assessments, a visit
 * questionnaire. Ids sort as m1 < o… < p1 < p2 < p3 so that expected orders are easy to read.
 */

const IIN = 'http://patronage.kz/fhir/sid/iin';
const UCUM = 'http://unitsofmeasure.org';
const LOINC = 'http://loinc.org';
const V2_0203 = 'http://terminology.hl7.org/CodeSystem/v2-0203';
const weight = { coding: [{ system: LOINC, code: '29463-7', display: 'Body weight' }] };
const length = { coding: [{ system: LOINC, code: '8302-2', display: 'Body height' }] };
const vitals = [
  { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] },
];

/** The patronage corpus, in write order. */
export const PATRONAGE_RESOURCES: fhir4.Resource[] = [
  {
    resourceType: 'Patient',
    id: 'p1',
    meta: { tag: [{ system: 'http://patronage.kz/tags', code: 'progressive' }] },
    identifier: [{ system: IIN, value: '250310600012', type: { coding: [{ system: V2_0203, code: 'NI' }] } }],
    name: [{ family: 'Ásanova', given: ['Äsel'] }],
    gender: 'female',
    birthDate: '2025-03-10',
    maritalStatus: { text: 'unmarried' },
    address: [{ city: 'Almaty', district: 'Bostandyq', line: ['Abai 10'] }],
  } as fhir4.Patient,
  {
    resourceType: 'Patient',
    id: 'p2',
    meta: { profile: ['http://patronage.kz/StructureDefinition/child'] },
    identifier: [{ system: IIN, value: '241115500034' }],
    name: [{ family: 'Bekov', given: ['Nurlan'] }],
    gender: 'male',
    active: true,
    birthDate: '2024-11',
    address: [{ city: 'Astana' }],
  } as fhir4.Patient,
  {
    resourceType: 'Patient',
    id: 'p3',
    identifier: [{ value: 'local-7' }],
    name: [{ family: 'Asanov', given: ['Timur'] }],
    active: false,
    birthDate: '2025-03-10',
  } as fhir4.Patient,
  {
    resourceType: 'Patient',
    id: 'm1',
    identifier: [{ system: IIN, value: '950601400056' }],
    name: [{ family: 'Asanova', given: ['Dana'] }],
    gender: 'female',
    birthDate: '1995-06-01',
  } as fhir4.Patient,
  encounter('e1', 'p1', 'finished', { start: '2025-03-12T10:00:00+05:00', end: '2025-03-12T11:00:00+05:00' }),
  encounter('e2', 'p1', 'in-progress', { start: '2025-04-10' }),
  encounter('e3', 'p2', 'finished', { start: '2024-12-01T09:00:00Z', end: '2024-12-01T09:40:00Z' }),
  observation('o1', {
    subject: 'p1',
    encounter: 'e1',
    code: weight,
    effectiveDateTime: '2025-03-12T10:15:00+05:00',
    valueQuantity: { value: 3.5, system: UCUM, code: 'kg', unit: 'kg' },
  }),
  observation('o2', {
    subject: 'p1',
    encounter: 'e2',
    code: weight,
    effectiveDateTime: '2025-04-10',
    valueQuantity: { value: 4200, system: UCUM, code: 'g', unit: 'g' },
  }),
  observation('o3', {
    subject: 'p2',
    encounter: 'e3',
    code: weight,
    effectiveDateTime: '2024-12-01',
    valueQuantity: { value: 7.1, system: UCUM, code: 'kg' },
  }),
  observation('o4', {
    subject: 'p2',
    code: length,
    effectivePeriod: { start: '2024-12-01', end: '2024-12-02' },
    valueQuantity: { value: 85, system: UCUM, code: 'cm' },
  }),
  {
    ...observation('o5', {
      subject: 'p3',
      code: weight,
      effectiveDateTime: '2025-03-20',
      valueQuantity: { value: 10, unit: 'lbs', code: 'lbs' },
    }),
    subject: { reference: 'Patient/p3', identifier: { system: IIN, value: '250310600099' } },
  } as fhir4.Observation,
  observation('o6', {
    subject: 'p1',
    code: { coding: [{ system: 'http://patronage.kz/cs', code: 'dev' }], text: 'Development check' },
    effectiveDateTime: '2025-05-01',
    valueString: 'Normal development',
    status: 'preliminary',
  }),
  observation('o8', {
    code: { coding: [{ system: 'http://patronage.kz/cs', code: 'env' }] },
    effectiveDateTime: '2025-05-02',
  }),
  riskAssessment('r1', 'p2', 0.25),
  riskAssessment('r2', 'p1', 0.5),
  {
    resourceType: 'Questionnaire',
    id: 'q1',
    url: 'http://patronage.kz/Questionnaire/home-visit',
    status: 'active',
    name: 'HomeVisit',
  } as fhir4.Questionnaire,
  {
    resourceType: 'QuestionnaireResponse',
    id: 'qr1',
    status: 'completed',
    questionnaire: 'http://patronage.kz/Questionnaire/home-visit',
    subject: { reference: 'Patient/p1' },
  } as fhir4.QuestionnaireResponse,
];

function encounter(id: string, patient: string, status: string, period: fhir4.Period): fhir4.Encounter {
  return {
    resourceType: 'Encounter',
    id,
    status: status as fhir4.Encounter['status'],
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'HH' },
    subject: { reference: `Patient/${patient}` },
    period,
  };
}

function observation(
  id: string,
  fields: {
    subject?: string;
    encounter?: string;
    code: fhir4.CodeableConcept;
    status?: string;
  } & Partial<fhir4.Observation>,
): fhir4.Observation {
  const { subject, encounter: enc, status, ...rest } = fields;
  return {
    resourceType: 'Observation',
    id,
    status: (status ?? 'final') as fhir4.Observation['status'],
    category: vitals,
    ...rest,
    ...(subject ? { subject: { reference: `Patient/${subject}` } } : {}),
    ...(enc ? { encounter: { reference: `Encounter/${enc}` } } : {}),
  } as fhir4.Observation;
}

function riskAssessment(id: string, patient: string, probability: number): fhir4.RiskAssessment {
  return {
    resourceType: 'RiskAssessment',
    id,
    status: 'final',
    subject: { reference: `Patient/${patient}` },
    prediction: [{ probabilityDecimal: probability }],
  };
}
