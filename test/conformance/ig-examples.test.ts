// The implementation guide's examples against its snapshots: every valid example conforms, every
// invalid example fails with exactly its recorded issues. The structural checker stands in until
// the compiled validator (src/validation/) checks profiles; what it cannot check yet is listed at
// the end as it.fails.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
  it('has the 22 profiles of the guide, each with a snapshot and a differential', () => {
    expect(profiles.length).toBe(22);
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

describe('IG checks not yet covered by the structural checker (need the compiled validator)', () => {
  const visit = validExamples.find((r) => r.id === 'visit-alikhan-u1m')!;
  const weight = validExamples.find((r) => r.id === 'weight-alikhan-u1m')!;

  it.fails('rejects a reference whose target is not of the profile type (Encounter.subject → Organization)', () => {
    const bad = { ...visit, subject: { reference: 'Organization/polyclinic-3' } };
    expect(check(bad, profileOf(visit)).map(key)).toContain('error structure Encounter.subject');
  });

  it.fails('rejects a primitive that breaks its type (dateTime "yesterday")', () => {
    const bad = { ...weight, effectiveDateTime: 'yesterday' };
    expect(check(bad, profileOf(weight)).map(key)).toContain('error value Observation.effectiveDateTime');
  });

  it.fails('evaluates base R4 invariants too (obs-6: dataAbsentReason only without a value)', () => {
    const bad = { ...weight, dataAbsentReason: { text: 'not measured' } };
    expect(check(bad, profileOf(weight)).map(key)).toContain('error invariant Observation');
  });
});
