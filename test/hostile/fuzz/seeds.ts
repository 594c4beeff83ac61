/**
 * Valid resources the fuzz generators start from: each is accepted by the gateway as it is, so
 * every rejection the suite sees comes from what a generator did to it.
 */

/** A valid Patient. */
export const SEED_PATIENT = {
  resourceType: 'Patient',
  active: true,
  name: [{ family: 'Omarova', given: ['Dana', 'Aruzhan'] }],
  telecom: [{ system: 'phone', value: '+7 701 000 0000', use: 'mobile' }],
  gender: 'female',
  birthDate: '2025-06-01',
  address: [{ city: 'Astana', country: 'KZ', line: ['Mangilik El 1'] }],
};

/** A valid Observation (body weight) pointing at nothing on this server. */
export const SEED_OBSERVATION = {
  resourceType: 'Observation',
  status: 'final',
  category: [
    { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] },
  ],
  code: { coding: [{ system: 'http://loinc.org', code: '29463-7', display: 'Body weight' }] },
  effectiveDateTime: '2025-07-01T10:00:00+05:00',
  valueQuantity: { value: 4.2, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
};

/** A valid Encounter. */
export const SEED_ENCOUNTER = {
  resourceType: 'Encounter',
  status: 'finished',
  class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'HH' },
  period: { start: '2025-07-01T10:00:00+05:00', end: '2025-07-01T10:40:00+05:00' },
};

/** Every seed resource. */
export const SEEDS: readonly Record<string, unknown>[] = [SEED_PATIENT, SEED_OBSERVATION, SEED_ENCOUNTER];

/** A valid transaction of a Patient and an Observation pointing at it through a `urn:uuid:`. */
export function seedTransaction(type = 'transaction'): Record<string, unknown> {
  const patientUrl = 'urn:uuid:6f1c2a8e-1d3b-4c5a-9e7f-0a1b2c3d4e5f';
  return {
    resourceType: 'Bundle',
    type,
    entry: [
      { fullUrl: patientUrl, resource: SEED_PATIENT, request: { method: 'POST', url: 'Patient' } },
      {
        resource: { ...SEED_OBSERVATION, subject: { reference: patientUrl } },
        request: { method: 'POST', url: 'Observation' },
      },
    ],
  };
}
