/**
 * The patronage data of `npm run seed` and `npm run bench -- scale`, deterministic for a child's
 * number: twenty polyclinics across five cities, and per child one family — the mother and the
 * child (valid IINs that agree with their birth dates), the mother as the child's RelatedPerson,
 * 3–6 home-visit Encounters with a weight and a length each, a CarePlan, a RiskAssessment, and
 * for one child in ten a referral (ServiceRequest). The child is attached to its polyclinic
 * (`managingOrganization`), so the programme's write reaction gives it its visit plan too.
 */
import { IIN_SYSTEM } from '../src/fhir/canonical.js';
import { checkDigit } from '../src/validation/rules/kz-identifiers.js';

/** Polyclinics the children are spread over, across five cities. */
export const POLYCLINICS = 20;
const DAY = 86_400_000;
const CHILD_BIRTHS = Date.parse('2025-01-01T00:00:00Z');

/** A valid IIN for a birth on `date` (YYYY-MM-DD) with century/sex digit `sex` and serial from `n`. */
function iin(date: string, sex: number, n: number): string {
  for (let serial = n % 10_000; ; serial = (serial + 1) % 10_000) {
    const body = `${date.slice(2, 4)}${date.slice(5, 7)}${date.slice(8, 10)}${sex}${String(serial).padStart(4, '0')}`;
    const check = checkDigit(`${body}0`);
    if (check !== undefined) return `${body}${check}`;
  }
}

/**
 * The serial of mother `i`'s IIN. Mothers share a birth date every 5,000 (`(i * 37) % 5000` days)
 * and `i % 10000` repeated at 10,000, so mother 10,000 had mother 0's IIN and a load stopped there
 * (HTTP 409). From 10,000 on, mothers of one date take serials ten apart above the two earlier
 * ones (room for the check-digit skips of {@link iin}); below it the serials are unchanged, so
 * databases seeded before still agree with the generator.
 */
function motherSerial(i: number): number {
  return i < 10_000 ? i : (i % 5000) + 10 * Math.floor(i / 5000);
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const ref = (reference: string) => ({ reference });

/** Polyclinic `k` (id `polyclinic-k`), stored with PUT. */
export function polyclinic(k: number): fhir4.Organization {
  return {
    resourceType: 'Organization',
    id: `polyclinic-${k}`,
    active: true,
    name: `Polyclinic ${k + 1}`,
    address: [{ city: ['Astana', 'Almaty', 'Shymkent', 'Karaganda', 'Aktobe'][k % 5]!, country: 'KZ' }],
  };
}

/** The transaction Bundle of child `i`'s family and visits. */
export function familyBundle(i: number): fhir4.Bundle {
  return { resourceType: 'Bundle', type: 'transaction', entry: familyEntries(i) };
}

/** The IIN of child `i` (for look-ups by identifier and chained searches). */
export function childIin(i: number): string {
  return iin(day(CHILD_BIRTHS + (i % 365) * DAY), 5 + (i % 2), i);
}

/** The entries of child `i`'s family and visits: see the module comment. */
export function familyEntries(i: number): fhir4.BundleEntry[] {
  const clinic = `Organization/polyclinic-${i % POLYCLINICS}`;
  const born = CHILD_BIRTHS + (i % 365) * DAY;
  const motherBorn = day(Date.parse('1985-01-01T00:00:00Z') + ((i * 37) % 5000) * DAY);
  const child = `urn:uuid:00000000-0000-4000-8000-${String(2 * i).padStart(12, '0')}`;
  const mother = `urn:uuid:00000000-0000-4000-8000-${String(2 * i + 1).padStart(12, '0')}`;
  const entries: fhir4.BundleEntry[] = [
    post(mother, {
      resourceType: 'Patient',
      identifier: [{ system: IIN_SYSTEM, value: iin(motherBorn, 4, motherSerial(i)) }],
      gender: 'female',
      birthDate: motherBorn,
      name: [{ family: `Family${i}`, given: ['Mother'] }],
      generalPractitioner: [ref(clinic)],
    } as fhir4.Patient),
    post(child, {
      resourceType: 'Patient',
      identifier: [{ system: IIN_SYSTEM, value: childIin(i) }],
      gender: i % 2 === 0 ? 'male' : 'female',
      birthDate: day(born),
      name: [{ family: `Family${i}`, given: [`Child${i}`] }],
      generalPractitioner: [ref(clinic)],
      managingOrganization: ref(clinic),
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
  return entries;
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

/** The part of the gateway app the loader needs. */
export interface FetchApp {
  fetch: (request: Request) => Response | Promise<Response>;
}

async function send(app: FetchApp, method: string, path: string, body: object): Promise<void> {
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

/** Options of {@link seedThroughApp}. */
export interface SeedOptions {
  /** Children (families) to write, numbered from `first` (default 0). */
  children: number;
  first?: number;
  /** Families per transaction Bundle (default 1): larger units, fewer commits. */
  familiesPerBundle?: number;
  /**
   * Bundles in flight at once (default 1). Each is its own unit of work, so several overlap one
   * Bundle's validation with another's writing, and on PostgreSQL use several connections.
   */
  concurrency?: number;
  /** Called after each Bundle with the resources written so far. */
  progress?: (resources: number) => void;
}

/**
 * Writes the polyclinics (PUT, so a second run finds them) and the families through `app`, as a
 * client would: every Bundle is validated, integrity-checked, indexed and reacted to. Throws on
 * the first answer that is not a success (the other Bundles in flight finish first). Returns the
 * resources written by the Bundles.
 */
export async function seedThroughApp(app: FetchApp, options: SeedOptions): Promise<number> {
  for (let k = 0; k < POLYCLINICS; k++) await send(app, 'PUT', `/Organization/polyclinic-${k}`, polyclinic(k));
  const first = options.first ?? 0;
  const end = first + options.children;
  const per = options.familiesPerBundle ?? 1;
  let next = first;
  let resources = 0;
  let failure: unknown;
  const writer = async () => {
    while (next < end && failure === undefined) {
      const i = next;
      next += per;
      const entries: fhir4.BundleEntry[] = [];
      for (let j = i; j < Math.min(i + per, end); j++) entries.push(...familyEntries(j));
      try {
        await send(app, 'POST', '', { resourceType: 'Bundle', type: 'transaction', entry: entries });
      } catch (error) {
        failure ??= error;
        return;
      }
      resources += entries.length;
      options.progress?.(resources);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 1) }, writer));
  if (failure !== undefined) throw failure;
  return resources;
}
