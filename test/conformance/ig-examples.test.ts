// The implementation guide's examples against its snapshots: every valid example conforms, every
// invalid example fails with exactly its recorded issues. The structural checker here reads the
// SUSHI snapshots directly, independently of the compiled validator (src/validation/, tested on
// the same files in ig-profiles.test.ts), so the recorded issues are confirmed by two
// implementations. What the checker does not check is listed at the end, with who covers it.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateResource } from '../../src/validation/validate-resource.js';
import { loadDefinitions, type Json } from './ig-definitions.js';
import { checkAgainstSnapshot, type CheckIssue } from './ig-snapshot-checker.js';

const CANONICAL = 'https://fhir.patronage.kz';
const INVALID_DIR = new URL('../../profiles/examples-invalid/', import.meta.url).pathname;

interface InvalidExample {
  id: string;
  description: string;
  profile: string;
  expectedIssues: CheckIssue[];
  resource: Json;
}

const defs = loadDefinitions();
const profiles = defs.guide.filter(
  (r) => r.resourceType === 'StructureDefinition' && r.type !== 'Extension' && String(r.url).startsWith(CANONICAL),
);
const validExamples = defs.guide.filter(
  (r) => ((r.meta as { profile?: string[] } | undefined)?.profile ?? []).length > 0,
);
const invalidExamples: InvalidExample[] = readdirSync(INVALID_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(INVALID_DIR, f), 'utf8')) as InvalidExample);

function profileOf(resource: Json): string {
  return (resource.meta as { profile: string[] }).profile[0]!;
}

function check(resource: Json, profileUrl: string): CheckIssue[] {
  const sd = defs.byUrl.get(profileUrl);
  if (!sd) throw new Error(`unknown profile ${profileUrl}`);
  return checkAgainstSnapshot(resource, sd, defs);
}

const key = (i: CheckIssue) => `${i.severity} ${i.code} ${i.expression}`;

describe('IG examples: coverage', () => {
  it('has the 40 profiles of the guide, each with a snapshot and a differential', () => {
    expect(profiles.length).toBe(40);
    for (const p of profiles) {
      expect((p.snapshot as { element: unknown[] }).element.length, String(p.id)).toBeGreaterThan(0);
      expect((p.differential as { element: unknown[] }).element.length, String(p.id)).toBeGreaterThan(0);
    }
  });

  it.each(profiles.map((p) => [p.id, p.url]))('%s has at least two valid and three invalid examples', (_id, url) => {
    expect(validExamples.filter((r) => profileOf(r) === url).length).toBeGreaterThanOrEqual(2);
    expect(invalidExamples.filter((e) => e.profile === url).length).toBeGreaterThanOrEqual(3);
  });

  it('records at least one expected issue, with severity, code and a FHIRPath expression, per invalid example', () => {
    for (const e of invalidExamples) {
      expect(e.expectedIssues.length, e.id).toBeGreaterThan(0);
      for (const i of e.expectedIssues) {
        expect(['error', 'warning'], e.id).toContain(i.severity);
        expect(['required', 'structure', 'value', 'code-invalid', 'invariant'], e.id).toContain(i.code);
        expect(i.expression.startsWith(String(e.resource.resourceType)), e.id).toBe(true);
      }
    }
  });
});

describe('IG valid examples conform to their profile', () => {
  it.each(validExamples.map((r) => [`${r.resourceType}/${r.id}`, r]))('%s', (_name, resource) => {
    expect(check(resource as Json, profileOf(resource as Json)).map(key)).toEqual([]);
  });
});

describe('IG invalid examples fail with exactly their recorded issues', () => {
  it.each(invalidExamples.map((e) => [`${e.id}: ${e.description}`, e]))('%s', (_name, example) => {
    const e = example as InvalidExample;
    const actual = check(e.resource, e.profile).map(key).sort();
    expect(actual).toEqual(e.expectedIssues.map(key).sort());
  });
});

describe('gaps of the structural checker, and who covers them', () => {
  const visit = validExamples.find((r) => r.id === 'visit-alikhan-u1m')!;
  const weight = validExamples.find((r) => r.id === 'weight-alikhan-u1m')!;
  const wrongTarget = { ...visit, subject: { reference: 'Organization/polyclinic-3' } };
  const badDateTime = { ...weight, effectiveDateTime: 'yesterday' };
  const obs6 = { ...weight, dataAbsentReason: { text: 'not measured' } };
  const compiled = (r: Json) =>
    validateResource(r as unknown as fhir4.Resource).map((i) => `${i.severity} ${i.code} ${i.expression?.[0]}`);

  it.fails('checker: primitive formats are not checked (dateTime "yesterday")', () => {
    expect(check(badDateTime, profileOf(weight)).map(key)).toContain('error value Observation.effectiveDateTime');
  });
  it('compiled validator: rejects the malformed dateTime', () => {
    expect(compiled(badDateTime)).toContain('error value Observation.effectiveDateTime');
  });

  it.fails('checker: base R4 invariants are not evaluated (obs-6)', () => {
    expect(check(obs6, profileOf(weight)).map(key)).toContain('error invariant Observation');
  });
  it('compiled validator: evaluates obs-6', () => {
    expect(compiled(obs6)).toContain('error invariant Observation');
  });

  it.fails('checker: reference target types are not checked (Encounter.subject → Organization)', () => {
    expect(check(wrongTarget, profileOf(visit)).map(key).length).toBeGreaterThan(0);
  });
  it('compiled validator: rejects the reference to the wrong target type', () => {
    expect(compiled(wrongTarget)).toContain('error structure Encounter.subject.reference');
  });
});
