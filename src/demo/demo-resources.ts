/**
 * A small, valid patronage data set loaded on first start so that `npm start` has something to
 * show: a polyclinic, a patronage nurse, a mother and her daughter, one home visit with a weight.
 * Identifiers are synthetic but pass the IIN/BIN check-digit rule (see docs/domain.md §3).
 * @module
 */

import { BIN_SYSTEM, IIN_SYSTEM } from '../fhir/canonical.js';

/** The demo resources, in dependency order, with fixed ids. */
export const DEMO_RESOURCES: readonly fhir4.FhirResource[] = [
  {
    resourceType: 'Organization',
    id: 'demo-polyclinic',
    identifier: [{ system: BIN_SYSTEM, value: '040340000017' }],
    active: true,
    name: 'City Polyclinic No. 4 (demo)',
  },
  {
    resourceType: 'Practitioner',
    id: 'demo-nurse',
    identifier: [{ system: IIN_SYSTEM, value: '900101300017' }],
    name: [{ family: 'Seitkali', given: ['Nurlan'] }],
    gender: 'male',
  },
  {
    resourceType: 'Patient',
    id: 'demo-mother',
    identifier: [{ system: IIN_SYSTEM, value: '850520400015' }],
    name: [{ family: 'Omarova', given: ['Aigerim'] }],
    gender: 'female',
    birthDate: '1985-05-20',
    managingOrganization: { reference: 'Organization/demo-polyclinic' },
  },
  {
    resourceType: 'Patient',
    id: 'demo-child',
    identifier: [{ system: IIN_SYSTEM, value: '240315600000' }],
    name: [{ family: 'Omarova', given: ['Amina'] }],
    gender: 'female',
    birthDate: '2024-03-15',
    managingOrganization: { reference: 'Organization/demo-polyclinic' },
    link: [{ other: { reference: 'Patient/demo-mother' }, type: 'seealso' }],
  },
  {
    resourceType: 'Encounter',
    id: 'demo-visit-u1m',
    status: 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'HH', display: 'home health' },
    type: [{ coding: [{ system: 'http://snomed.info/sct', code: '439708006', display: 'Home visit' }] }],
    subject: { reference: 'Patient/demo-child' },
    participant: [{ individual: { reference: 'Practitioner/demo-nurse' } }],
    period: { start: '2024-04-16T10:30:00+05:00', end: '2024-04-16T11:05:00+05:00' },
    serviceProvider: { reference: 'Organization/demo-polyclinic' },
  },
  {
    resourceType: 'Observation',
    id: 'demo-weight-u1m',
    status: 'final',
    category: [
      {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }],
      },
    ],
    code: { coding: [{ system: 'http://loinc.org', code: '29463-7', display: 'Body weight' }] },
    subject: { reference: 'Patient/demo-child' },
    encounter: { reference: 'Encounter/demo-visit-u1m' },
    effectiveDateTime: '2024-04-16T10:40:00+05:00',
    valueQuantity: { value: 4.2, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
  },
];
