/**
 * Expected results of searches over {@link PATRONAGE_RESOURCES}, worked out by hand from the
 * data and the R4 rules (not recorded from a run). `ordered` cases check the order too.
 */

/** One search and the ids it must return. */
export interface SearchCase {
  query: string;
  ids: string[];
  ordered?: boolean;
}

const IIN = 'http://patronage.kz/fhir/sid/iin';
const UCUM = 'http://unitsofmeasure.org';
/** 29 days of January 1960 that no birth date falls on. */
const MANY_DAYS = Array.from({ length: 29 }, (_v, i) => `1960-01-${String(i + 1).padStart(2, '0')}`).join(',');

/** Cases per parameter type and feature. */
export const SEARCH_CASES: Record<string, SearchCase[]> = {
  token: [
    { query: `Patient?identifier=${IIN}|250310600012`, ids: ['p1'] },
    { query: 'Patient?identifier=250310600012', ids: ['p1'] },
    { query: 'Patient?identifier=|250310600012', ids: [] },
    { query: 'Patient?identifier=|local-7', ids: ['p3'] },
    { query: `Patient?identifier=${IIN}|`, ids: ['m1', 'p1', 'p2'] },
    // Lists of identifiers (decision 045: looked up by value, whatever the statistics say).
    { query: `Patient?identifier=${IIN}|950601400056,${IIN}|241115500034`, ids: ['m1', 'p2'], ordered: true },
    { query: `Patient?identifier=${IIN}|241115500034,|local-7,${IIN}|local-7`, ids: ['p2', 'p3'] },
    { query: `Patient?identifier=250310600012,${IIN}|250310600012,other|241115500034`, ids: ['p1'] },
    { query: `Patient?identifier=${IIN}|250310600012,${IIN}|&gender=female`, ids: ['m1', 'p1'] },
    {
      query: `Patient?identifier=${IIN}|241115500034,${IIN}|950601400056&_sort=-birthdate`,
      ids: ['p2', 'm1'],
      ordered: true,
    },
    { query: 'Patient?gender=female', ids: ['m1', 'p1'] },
    { query: 'Patient?gender:not=female', ids: ['p2', 'p3'] },
    { query: 'Patient?active=true', ids: ['p2'] },
    { query: 'Observation?code=http://loinc.org|29463-7', ids: ['o1', 'o2', 'o3', 'o5'] },
    { query: 'Observation?code:text=BODY w', ids: ['o1', 'o2', 'o3', 'o5'] },
    { query: 'Observation?code:text=development', ids: ['o6'] },
    { query: 'Patient?identifier:of-type=http://terminology.hl7.org/CodeSystem/v2-0203|NI|250310600012', ids: ['p1'] },
    { query: 'Patient?_id=p1,p2', ids: ['p1', 'p2'] },
    { query: 'Patient?_tag=http://patronage.kz/tags|progressive', ids: ['p1'] },
    { query: 'Patient?_tag:not=http://patronage.kz/tags|progressive', ids: ['m1', 'p2', 'p3'] },
    { query: 'Observation?status=preliminary', ids: ['o6'] },
  ],
  string: [
    { query: 'Patient?family=asan', ids: ['m1', 'p1', 'p3'] },
    { query: 'Patient?family=ÁSANOVA', ids: ['m1', 'p1'] },
    { query: 'Patient?family:exact=Asanova', ids: ['m1'] },
    { query: 'Patient?family:exact=asanova', ids: [] },
    { query: 'Patient?name=asel', ids: ['p1'] },
    { query: 'Patient?family:contains=kov', ids: ['p2'] },
    { query: 'Patient?family:contains=SAN', ids: ['m1', 'p1', 'p3'] },
    { query: 'Patient?address-city=alm', ids: ['p1'] },
    { query: 'Patient?address=astana', ids: ['p2'] },
    { query: 'Patient?address=abai', ids: ['p1'] },
  ],
  date: [
    { query: 'Patient?birthdate=2025-03-10', ids: ['p1', 'p3'] },
    { query: 'Patient?birthdate=2025-03', ids: ['p1', 'p3'] },
    { query: 'Patient?birthdate=2024', ids: ['p2'] },
    { query: 'Patient?birthdate=lt2025', ids: ['m1', 'p2'] },
    { query: 'Patient?birthdate=ge2025-03-10', ids: ['p1', 'p3'] },
    { query: 'Patient?birthdate=gt2025-03-10', ids: [] },
    { query: 'Patient?birthdate=le1995-06-01', ids: ['m1'] },
    { query: 'Patient?birthdate=ne2025-03-10', ids: ['m1', 'p2'] },
    { query: 'Patient?birthdate=sa2024-12-31', ids: ['p1', 'p3'] },
    { query: 'Patient?birthdate=eb2000', ids: ['m1'] },
    { query: 'Patient?birthdate=eq2024-11-15', ids: [] },
    { query: 'Patient?birthdate=ap2024-11-15', ids: ['p2'] },
    { query: 'Patient?birthdate=ge2024-11-15', ids: ['p1', 'p2', 'p3'] },
    // 30 values: within D1's 100 bound values only without the implied span bounds of SQL stores.
    { query: `Patient?birthdate=${MANY_DAYS},2025-03-10`, ids: ['p1', 'p3'] },
    { query: 'Encounter?date=2025-03-12', ids: ['e1'] },
    { query: 'Encounter?date=ge2025-04-01', ids: ['e2'] },
    { query: 'Encounter?date=lt2025-01-01', ids: ['e3'] },
    { query: 'Encounter?date=gt2030', ids: ['e2'] },
    { query: 'Encounter?date=2024-12-01T09:00:00Z', ids: [] },
    { query: 'Observation?date=2024-12-01', ids: ['o3'] },
    { query: 'Observation?date=ap2024-12-01', ids: ['o3', 'o4'] },
    { query: 'Observation?date=ge2025-01-01&date=lt2025-04-01', ids: ['o1', 'o5'] },
    { query: 'Patient?_lastUpdated=ge2025-12-31T07:22:00Z', ids: ['m1', 'p3'] },
    { query: 'Patient?_lastUpdated=lt2025-12-31T07:21:30Z', ids: ['p1', 'p2'] },
  ],
  reference: [
    { query: 'Observation?subject=Patient/p1', ids: ['o1', 'o2', 'o6'] },
    { query: 'Observation?subject=p1', ids: ['o1', 'o2', 'o6'] },
    { query: 'Observation?subject:Patient=p1', ids: ['o1', 'o2', 'o6'] },
    { query: 'Observation?patient=p1', ids: ['o1', 'o2', 'o6'] },
    { query: 'Observation?encounter=Encounter/e1,Encounter/e3', ids: ['o1', 'o3'] },
    { query: `Observation?subject:identifier=${IIN}|250310600099`, ids: ['o5'] },
    { query: 'Observation?subject:missing=true', ids: ['o8'] },
    { query: 'QuestionnaireResponse?questionnaire=http://patronage.kz/Questionnaire/home-visit', ids: ['qr1'] },
    // A reference to an id drives; the other parameters are probed per row (decision 045).
    { query: 'Observation?subject=Patient/p1&code=http://loinc.org|29463-7', ids: ['o1', 'o2'] },
    { query: 'Observation?code=http://loinc.org|29463-7&subject=Patient/p1', ids: ['o1', 'o2'] },
    { query: 'Observation?subject=Patient/p1&code:not=http://loinc.org|29463-7', ids: ['o6'] },
    { query: 'Observation?subject=Patient/p1&date=ge2025-04-01', ids: ['o2', 'o6'] },
    { query: 'Observation?subject=Patient/p1&encounter=Encounter/e1', ids: ['o1'] },
    { query: 'Observation?subject=Patient/p1,Patient/p2&value-quantity=gt5|http://unitsofmeasure.org|kg', ids: ['o3'] },
    { query: 'Observation?subject=Patient/p1&subject:Patient.gender=female&code:text=development', ids: ['o6'] },
    {
      query: 'Encounter?subject=Patient/p1&_has:Observation:encounter:code=http://loinc.org|29463-7',
      ids: ['e1', 'e2'],
    },
    {
      query: 'Observation?subject=Patient/p1&code=http://loinc.org|29463-7&_sort=-date',
      ids: ['o2', 'o1'],
      ordered: true,
    },
    { query: `Patient?identifier=${IIN}|250310600012&gender:not=female`, ids: [] },
    { query: `Patient?gender=female&identifier=${IIN}|250310600012`, ids: ['p1'] },
  ],
  quantity: [
    { query: `Observation?value-quantity=3.5|${UCUM}|kg`, ids: ['o1'] },
    { query: `Observation?value-quantity=3500|${UCUM}|g`, ids: ['o1'] },
    { query: `Observation?value-quantity=4.2|${UCUM}|kg`, ids: ['o2'] },
    { query: `Observation?value-quantity=gt4|${UCUM}|kg`, ids: ['o2', 'o3'] },
    { query: `Observation?value-quantity=ap7|${UCUM}|kg`, ids: ['o3'] },
    { query: `Observation?value-quantity=0.85|${UCUM}|m`, ids: ['o4'] },
    { query: 'Observation?value-quantity=85', ids: ['o4'] },
    { query: 'Observation?value-quantity=10||lbs', ids: ['o5'] },
    { query: 'Observation?value-quantity=le3.5', ids: ['o1'] },
    { query: 'Observation?value-quantity:missing=true', ids: ['o6', 'o8'] },
  ],
  number: [
    { query: 'RiskAssessment?probability=0.25', ids: ['r1'] },
    { query: 'RiskAssessment?probability=gt0.2', ids: ['r1', 'r2'] },
    { query: 'RiskAssessment?probability=0.4', ids: [] },
    { query: 'RiskAssessment?probability=ge0.3', ids: ['r2'] },
    { query: 'RiskAssessment?probability=0.5', ids: ['r2'] },
    { query: 'RiskAssessment?probability=ap0.27', ids: ['r1'] },
    { query: 'RiskAssessment?probability=ne0.5', ids: ['r1'] },
  ],
  uri: [
    { query: 'Questionnaire?url=http://patronage.kz/Questionnaire/home-visit', ids: ['q1'] },
    { query: 'Questionnaire?url=http://patronage.kz/Questionnaire', ids: [] },
    { query: 'Questionnaire?url:below=http://patronage.kz/', ids: ['q1'] },
    { query: 'Questionnaire?url:above=http://patronage.kz/Questionnaire/home-visit/v2', ids: ['q1'] },
    { query: 'Questionnaire?url:above=http://patronage.kz/Questionnaire', ids: [] },
    { query: 'Patient?_profile=http://patronage.kz/StructureDefinition/child', ids: ['p2'] },
  ],
  'missing, OR and AND': [
    { query: 'Patient?gender:missing=true', ids: ['p3'] },
    { query: 'Patient?gender:missing=false', ids: ['m1', 'p1', 'p2'] },
    { query: 'Patient?address:missing=true', ids: ['m1', 'p3'] },
    { query: 'Patient?_tag:missing=false', ids: ['p1'] },
    { query: 'RiskAssessment?probability:missing=true', ids: [] },
    { query: 'Patient?death-date:missing=true', ids: ['m1', 'p1', 'p2', 'p3'] },
    { query: 'Encounter?date:missing=false', ids: ['e1', 'e2', 'e3'] },
    { query: 'Questionnaire?url:missing=false', ids: ['q1'] },
    { query: 'Patient?_profile:missing=true', ids: ['m1', 'p1', 'p3'] },
    { query: 'Observation?subject:missing=false&code=29463-7', ids: ['o1', 'o2', 'o3', 'o5'] },
    { query: 'Patient?gender=male,female', ids: ['m1', 'p1', 'p2'] },
    { query: 'Patient?family=asan&birthdate=2025', ids: ['p1', 'p3'] },
    { query: 'Patient?family=asan&family=asanova', ids: ['m1', 'p1'] },
  ],
  'chain and _has': [
    { query: `Encounter?subject:Patient.identifier=${IIN}|250310600012`, ids: ['e1', 'e2'] },
    { query: 'Observation?subject.family=bekov', ids: ['o3', 'o4'] },
    { query: 'Observation?encounter.status=in-progress', ids: ['o2'] },
    { query: 'Observation?encounter.subject:Patient.family=bek', ids: ['o3'] },
    { query: 'Patient?_has:Observation:patient:code=29463-7', ids: ['p1', 'p2', 'p3'] },
    { query: 'Patient?_has:Encounter:subject:status=in-progress', ids: ['p1'] },
    { query: 'Patient?_has:Observation:subject:_has:RiskAssessment:subject:probability=0.25', ids: [] },
  ],
  sort: [
    { query: 'Patient?_sort=birthdate', ids: ['m1', 'p2', 'p1', 'p3'], ordered: true },
    { query: 'Patient?_sort=-birthdate,family', ids: ['p3', 'p1', 'p2', 'm1'], ordered: true },
    { query: 'Patient?_sort=gender', ids: ['m1', 'p1', 'p2', 'p3'], ordered: true },
    { query: 'Patient?_sort=-gender', ids: ['p2', 'm1', 'p1', 'p3'], ordered: true },
    // Canonical grams: o3 7100, o2 4200, o1 3500; o5 (10 lbs, not UCUM) sorts by 10.
    { query: 'Observation?_sort=-value-quantity&code=29463-7', ids: ['o3', 'o2', 'o1', 'o5'], ordered: true },
    { query: 'Patient?_sort=-_id', ids: ['p3', 'p2', 'p1', 'm1'], ordered: true },
    { query: 'Patient?_sort=-_lastUpdated', ids: ['m1', 'p3', 'p2', 'p1'], ordered: true },
    { query: 'Patient?_sort=family,given', ids: ['p3', 'p1', 'm1', 'p2'], ordered: true },
  ],
};

/** Worked by hand from the official R4 example files (hl7.fhir.r4.examples). */
export const R4_EXAMPLE_CASES: SearchCase[] = [
  // Patient-animal names Chalmers only as a contact (Patient.contact.name), not as Patient.name.
  { query: 'Patient?family=chalmers', ids: ['example'] },
  { query: 'Patient?birthdate=1974-12-25', ids: ['ch-example', 'example'] },
  { query: 'Encounter?subject=Patient/example&status=in-progress', ids: ['emerg', 'example'] },
  { query: 'Encounter?date=2015-01-17', ids: ['home'] },
  { query: 'Encounter?date=gt2020', ids: ['emerg'] },
  // 185 [lb_av] is 83.91 kg: found through canonical UCUM.
  { query: `Observation?value-quantity=83.9|${UCUM}|kg`, ids: ['example'] },
  // 66.9 [in_i] is 1.699 m; 25 cm and 51.2 cm are shorter.
  { query: `Observation?value-quantity=ge1.69|${UCUM}|m`, ids: ['body-height'] },
  // Cel is a special unit (no canonical form): compared as written.
  { query: `Observation?value-quantity=lt40|${UCUM}|Cel`, ids: ['body-temperature', 'f202'] },
  { query: 'Observation?code=http://loinc.org|29463-7&subject:Patient.family=chalmers', ids: ['example'] },
  { query: 'Patient?_has:Encounter:subject:status=in-progress', ids: ['example'] },
  // Task is searched by owner, status and date (issue 10). The dates carry +10:00: 09:45+10:00
  // is 23:45Z the day before, so only example5 (16:45+10:00) and example6 (18:45+10:00) are after 06:00Z.
  { query: 'Task?owner=Practitioner/f202', ids: ['example4'] },
  { query: 'Task?status=completed&owner=Organization/1832473e-2fe0-452d-abe9-3cdb9879522f', ids: ['example6'] },
  {
    query: 'Task?status=requested',
    ids: ['fm-example1', 'fm-example2', 'fm-example3', 'fm-example4', 'fm-example5'],
  },
  {
    query: 'Task?authored-on=ge2018-01-01',
    ids: ['fm-example1', 'fm-example2', 'fm-example3', 'fm-example4', 'fm-example5', 'fm-example6'],
  },
  { query: 'Task?modified=ge2016-10-31T06:00:00Z&modified=lt2017', ids: ['example5', 'example6'] },
  // An execution period without an end is still running, so it reaches past 2017.
  { query: 'Task?period=ge2017', ids: ['example1', 'example2', 'example5'] },
  { query: 'Task?_has:Task:part-of:status=accepted', ids: ['example1'] },
  { query: 'ServiceRequest?category=http://snomed.info/sct|103693007', ids: ['example'] },
  { query: 'Procedure?date=2013-01-28', ids: ['f201'] },
  { query: 'Goal?target-date=2016-04-05', ids: ['example'] },
  { query: 'Goal?start-date=lt2016&lifecycle-status=completed', ids: ['stop-smoking'] },
  { query: 'Communication?recipient=Practitioner/example&sent=2014', ids: ['example'] },
  // eq would need the whole period inside the day; ge and le ask only that it reaches each side of it.
  {
    query: 'Consent?patient=Patient/f001&period=ge2015-01-15&period=le2015-01-15',
    ids: ['consent-example-basic', 'consent-example-notTime'],
  },
];
