/**
 * `npm run seed -- --children N`: generates patronage data through the real write path (the
 * gateway app in-process: validation, integrity checks, index rows) into the database the
 * environment names (`DATABASE_URL` for PostgreSQL, else `DATABASE_PATH`). Twenty polyclinics
 * across regions, then one transaction Bundle per child: the mother and the child (valid IINs
 * that agree with their birth dates), the mother as the child's RelatedPerson, 3–6 home-visit
 * Encounters with a weight and a length each, a CarePlan, a RiskAssessment, and for one child in
 * ten a referral (ServiceRequest). Deterministic for a given N.
 */
import { fileURLToPath } from 'node:url';
import { parseConfig } from '../src/config/config.js';
import { IIN_SYSTEM } from '../src/fhir/canonical.js';
import { createGateway } from '../src/gateway/create-gateway.js';
import { openNodeStorage } from '../src/entry/node-storage.js';
import { createSqlResourceStore } from '../src/storage/sql/sql-resource-store.js';
import { checkDigit } from '../src/validation/rules/kz-identifiers.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));
const POLYCLINICS = 20;
const DAY = 86_400_000;
const CHILD_BIRTHS = Date.parse('2025-01-01T00:00:00Z');

/** `--children N` from the command line (default 100). */
function childrenArgument(): number {
  const at = process.argv.indexOf('--children');
  const value = at >= 0 ? Number(process.argv[at + 1]) : 100;
  if (!Number.isInteger(value) || value < 1) throw new Error('--children takes a positive whole number');
  return value;
}

/** A valid IIN for a birth on `date` (YYYY-MM-DD) with century/sex digit `sex` and serial from `n`. */
function iin(date: string, sex: number, n: number): string {
  for (let serial = n % 10_000; ; serial = (serial + 1) % 10_000) {
    const body = `${date.slice(2, 4)}${date.slice(5, 7)}${date.slice(8, 10)}${sex}${String(serial).padStart(4, '0')}`;
    const check = checkDigit(`${body}0`);
    if (check !== undefined) return `${body}${check}`;
  }
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const ref = (reference: string) => ({ reference });

function polyclinic(k: number): fhir4.Organization {
  return {
    resourceType: 'Organization',
    id: `polyclinic-${k}`,
    active: true,
    name: `Polyclinic ${k + 1}`,
    address: [{ city: ['Astana', 'Almaty', 'Shymkent', 'Karaganda', 'Aktobe'][k % 5]!, country: 'KZ' }],
  };
}

/** The transaction Bundle of child `i`'s family and visits. */
function family(i: number): fhir4.Bundle {
  const clinic = `Organization/polyclinic-${i % POLYCLINICS}`;
  const born = CHILD_BIRTHS + (i % 365) * DAY;
  const motherBorn = day(Date.parse('1985-01-01T00:00:00Z') + ((i * 37) % 5000) * DAY);
  const child = `urn:uuid:00000000-0000-4000-8000-${String(2 * i).padStart(12, '0')}`;
  const mother = `urn:uuid:00000000-0000-4000-8000-${String(2 * i + 1).padStart(12, '0')}`;
  const entries: fhir4.BundleEntry[] = [
    post(mother, {
      resourceType: 'Patient',
      identifier: [{ system: IIN_SYSTEM, value: iin(motherBorn, 4, i) }],
      gender: 'female',
      birthDate: motherBorn,
      name: [{ family: `Family${i}`, given: ['Mother'] }],
      generalPractitioner: [ref(clinic)],
    } as fhir4.Patient),
    post(child, {
      resourceType: 'Patient',
      identifier: [{ system: IIN_SYSTEM, value: iin(day(born), 5 + (i % 2), i) }],
      gender: i % 2 === 0 ? 'male' : 'female',
      birthDate: day(born),
      name: [{ family: `Family${i}`, given: [`Child${i}`] }],
      generalPractitioner: [ref(clinic)],
    } as fhir4.Patient),
    post(`urn:uuid:00000000-0000-4000-9000-${String(i).padStart(12, '0')}`, {
      resourceType: 'RelatedPerson',
      patient: ref(child),
      relationship: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'MTH' }] }],
      name: [{ family: `Family${i}`, given: ['Mother'] }],
    } as fhir4.RelatedPerson),
  ];
  const visits = 3 + (i % 4);
  for (let v = 0; v < visits; v++) {
    const when = new Date(born + (3 + v * 14) * DAY).toISOString();
    const encounter = `urn:uuid:00000000-0000-4000-a${String(v).padStart(3, '0')}-${String(i).padStart(12, '0')}`;
    entries.push(
      post(encounter, {
        resourceType: 'Encounter',
        status: 'finished',
        class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'HH', display: 'home health' },
        subject: ref(child),
        serviceProvider: ref(clinic),
        period: { start: when, end: when },
      } as fhir4.Encounter),
      measurement(child, encounter, when, '29463-7', 3.2 + v * 0.7 + (i % 10) / 20, 'kg'),
      measurement(child, encounter, when, '8302-2', 50 + v * 2.5 + (i % 7) / 3, 'cm'),
    );
  }
  entries.push(
    post(undefined, {
      resourceType: 'CarePlan',
      status: 'active',
      intent: 'plan',
      subject: ref(child),
      period: { start: day(born) },
      title: 'Universal progressive patronage',
    } as fhir4.CarePlan),
    post(undefined, {
      resourceType: 'RiskAssessment',
      status: 'final',
      subject: ref(child),
      occurrenceDateTime: new Date(born + 3 * DAY).toISOString(),
      prediction: [{ qualitativeRisk: { text: i % 5 === 0 ? 'high' : 'low' } }],
    } as fhir4.RiskAssessment),
  );
  if (i % 10 === 0) {
    entries.push(
      post(undefined, {
        resourceType: 'ServiceRequest',
        status: 'active',
        intent: 'order',
        subject: ref(child),
        code: { text: 'Referral to a paediatrician' },
        requester: ref(clinic),
        authoredOn: new Date(born + 17 * DAY).toISOString(),
      } as fhir4.ServiceRequest),
    );
  }
  return { resourceType: 'Bundle', type: 'transaction', entry: entries };
}

function measurement(child: string, encounter: string, when: string, code: string, value: number, unit: string) {
  return post(undefined, {
    resourceType: 'Observation',
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code }] },
    subject: ref(child),
    encounter: ref(encounter),
    effectiveDateTime: when,
    valueQuantity: { value: Math.round(value * 10) / 10, unit, system: 'http://unitsofmeasure.org', code: unit },
  } as fhir4.Observation);
}

function post(fullUrl: string | undefined, resource: fhir4.Resource): fhir4.BundleEntry {
  return { ...(fullUrl ? { fullUrl } : {}), resource, request: { method: 'POST', url: resource.resourceType } };
}

async function send(
  app: { fetch: (r: Request) => Response | Promise<Response> },
  method: string,
  path: string,
  body: object,
) {
  const response = await app.fetch(
    new Request(`http://localhost/fhir${path}`, {
      method,
      headers: { 'content-type': 'application/fhir+json' },
      body: JSON.stringify(body),
    }),
  );
  if (response.status >= 300) throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
  await response.arrayBuffer();
}

const children = childrenArgument();
const { databasePath } = parseConfig(process.env);
const storage = await openNodeStorage(process.env, databasePath, MIGRATIONS_DIR);
try {
  const { app } = await createGateway(createSqlResourceStore(storage.driver), {
    ...process.env,
    LOAD_DEMO_DATA: 'false',
  });
  for (let k = 0; k < POLYCLINICS; k++) await send(app, 'PUT', `/Organization/polyclinic-${k}`, polyclinic(k));
  const started = performance.now();
  let resources = 0;
  for (let i = 0; i < children; i++) {
    const bundle = family(i);
    await send(app, 'POST', '', bundle);
    resources += bundle.entry!.length;
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `seeded ${children} children, ${resources} resources into ${storage.description} in ${seconds.toFixed(1)} s ` +
      `(${(resources / seconds).toFixed(0)} resources/s)`,
  );
} finally {
  await storage.close();
}
