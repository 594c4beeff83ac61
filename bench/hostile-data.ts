/**
 * Data for the hostile benchmark: 50,000 Patients with every kind of Patient search parameter
 * filled for some and missing for others (so sorts meet multi-valued, single-valued and absent
 * values), seeded through the write path's buildWrite in units of 1,000.
 */
import { buildWrite } from '../src/rest/write/build-write.js';
import type { ResourceStore, ResourceWrite } from '../src/storage/port.js';

/** How many Patients the benchmark stores. */
export const PATIENT_COUNT = 50_000;
const UNIT = 1_000;
const DAY = 86_400_000;
const START = Date.parse('2024-01-01T00:00:00Z');
const FAMILIES = ['Abenov', 'Bekova', 'Ivanova', 'Kim', 'Nurlanuly', 'Omarova', 'Petrov', 'Seitkali', 'Tulegenova'];
const GIVEN = ['Aigerim', 'Arman', 'Dana', 'Erlan', 'Madina', 'Nursultan', 'Saule', 'Timur', 'Zhanna', 'Aliya'];
const CITIES = ['Almaty', 'Astana', 'Shymkent', 'Karaganda', 'Aktobe', 'Taraz', 'Pavlodar'];
const LANGUAGES = ['kk', 'ru', 'en'];

/** The i-th Patient (deterministic); every fifth lacks most optional elements. */
export function benchPatient(i: number): fhir4.Patient {
  const sparse = i % 5 === 4;
  const birth = new Date(START - ((i * 7919) % 3650) * DAY).toISOString().slice(0, 10);
  const patient: fhir4.Patient = {
    resourceType: 'Patient',
    identifier: [{ system: 'urn:kz:iin', value: String(100_000_000_000 + ((i * 104_729) % 899_999_999_999)) }],
    name: [
      { family: FAMILIES[i % FAMILIES.length]!, given: [GIVEN[i % GIVEN.length]!, GIVEN[(i * 7) % GIVEN.length]!] },
    ],
    gender: i % 2 ? 'female' : 'male',
    birthDate: birth,
  };
  if (sparse) return patient;
  patient.active = i % 3 !== 0;
  patient.meta = { tag: [{ system: 'urn:kz:programme', code: `cohort-${i % 12}` }], source: `urn:source:${i % 4}` };
  if (i % 10 === 0) {
    patient.meta.profile = ['http://hl7.org/fhir/StructureDefinition/Patient'];
    patient.meta.security = [{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' }];
  }
  patient.telecom = [
    { system: 'phone', value: `+7701${String(i).padStart(7, '0')}` },
    ...(i % 3 === 0 ? [{ system: 'email' as const, value: `parent${i}@example.kz` }] : []),
  ];
  patient.address = [
    {
      use: i % 4 === 0 ? 'temp' : 'home',
      line: [`Street ${i % 300}`, `Flat ${i % 97}`],
      city: CITIES[i % CITIES.length]!,
      state: `Region ${i % 17}`,
      postalCode: String(10_000 + ((i * 31) % 90_000)),
      country: 'KZ',
    },
  ];
  patient.communication = [{ language: { coding: [{ system: 'urn:ietf:bcp:47', code: LANGUAGES[i % 3]! }] } }];
  patient.generalPractitioner = [{ reference: `Practitioner/nurse-${i % 250}` }];
  patient.managingOrganization = { reference: `Organization/clinic-${i % 40}` };
  if (i % 50 === 0) patient.link = [{ other: { reference: `Patient/p-${i + 1}` }, type: 'seealso' }];
  if (i % 97 === 0) patient.deceasedDateTime = new Date(START + (i % 300) * DAY).toISOString();
  else if (i % 7 === 0) patient.deceasedBoolean = false;
  return patient;
}

/** Seeds {@link PATIENT_COUNT} Patients (`p-0` …) through buildWrite and `store.commit`. */
export async function seedPatients(store: ResourceStore, count = PATIENT_COUNT): Promise<void> {
  const base = Date.parse('2026-01-01T00:00:00Z');
  for (let start = 0; start < count; start += UNIT) {
    const writes: ResourceWrite[] = [];
    for (let i = start; i < Math.min(start + UNIT, count); i++) {
      // lastUpdated varies (one per second, some shared) so `_lastUpdated` sorts have ties and order.
      const clock = () => new Date(base + Math.floor(i / 3) * 1000);
      const target = { resourceType: 'Patient', id: `p-${i}` };
      writes.push(buildWrite({ clock }, target, { resource: benchPatient(i), previous: undefined, method: 'POST' }));
    }
    await store.commit({ writes });
  }
}
