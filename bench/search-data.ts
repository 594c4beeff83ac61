/**
 * Data for the search benchmark: 100,000 patronage-like Observations (weights, lengths, head
 * circumferences of 1,000 children over 2024–2025) and 100-entry transaction Bundles.
 */
import { buildWrite } from '../src/rest/write/build-write.js';
import type { ResourceStore, ResourceWrite } from '../src/storage/port.js';

/** How many Observations the benchmark stores. */
export const OBSERVATION_COUNT = 100_000;
const UNIT = 1_000;
const CODES = [
  { code: '29463-7', unit: 'kg', low: 2.5, span: 15 },
  { code: '8302-2', unit: 'cm', low: 45, span: 60 },
  { code: '9843-4', unit: 'cm', low: 32, span: 18 },
];
const DAY = 86_400_000;
const START = Date.parse('2024-01-01T00:00:00Z');

/** The i-th Observation (deterministic). */
export function benchObservation(i: number): fhir4.Observation {
  const kind = CODES[i % CODES.length]!;
  const when = new Date(START + ((i * 7919) % 730) * DAY + (i % 86_400) * 1000);
  return {
    resourceType: 'Observation',
    status: 'final',
    category: [
      { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] },
    ],
    code: { coding: [{ system: 'http://loinc.org', code: kind.code }] },
    subject: { reference: `Patient/child-${i % 1000}` },
    effectiveDateTime: when.toISOString(),
    valueQuantity: {
      value: Math.round((kind.low + (((i * 37) % 100) / 100) * kind.span) * 10) / 10,
      unit: kind.unit,
      system: 'http://unitsofmeasure.org',
      code: kind.unit,
    },
  };
}

/** Seeds {@link OBSERVATION_COUNT} Observations in units of 1,000 writes. */
export async function seedObservations(store: ResourceStore): Promise<void> {
  const seededAt = new Date(); // one lastUpdated for the whole seed, as before
  const clock = () => seededAt;
  for (let start = 0; start < OBSERVATION_COUNT; start += UNIT) {
    const writes: ResourceWrite[] = [];
    for (let i = start; i < Math.min(start + UNIT, OBSERVATION_COUNT); i++) {
      const target = { resourceType: 'Observation', id: `obs-${i}` };
      writes.push(
        buildWrite({ clock }, target, { resource: benchObservation(i), previous: undefined, method: 'POST' }),
      );
    }
    await store.commit({ writes });
  }
}

/** A transaction of `size` entries: one child (urn:uuid) and its Observations. */
export function transactionBody(size: number): string {
  const patient = 'urn:uuid:6f1c7a52-0000-4000-8000-000000000001';
  const entry: fhir4.BundleEntry[] = [
    {
      fullUrl: patient,
      resource: { resourceType: 'Patient', gender: 'female', birthDate: '2025-01-01' } as fhir4.Patient,
      request: { method: 'POST', url: 'Patient' },
    },
  ];
  for (let i = 1; i < size; i++) {
    const observation = benchObservation(i);
    observation.subject = { reference: patient };
    entry.push({ resource: observation, request: { method: 'POST', url: 'Observation' } });
  }
  return JSON.stringify({ resourceType: 'Bundle', type: 'transaction', entry });
}
