/**
 * Invariants on base R4: each mutation violates one invariant of a valid official example and
 * names the key and expression expected; and over every covered example, the fast forms
 * (native checks and the FHIRPath subset) agree with fhirpath.js wherever fhirpath.js can decide.
 */
import { describe, expect, it } from 'vitest';
import { ALL_R4_TYPES, loadExamples, readExample, validateExample } from './r4-examples.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const CASES: { name: string; file: string; mutate: (r: Json) => void; key: string; expression: string }[] = [
  {
    name: 'Period end before start',
    file: 'Encounter-home.json',
    mutate: (r) => (r.period = { start: '2024-05-02T10:00:00Z', end: '2024-05-01T10:00:00Z' }),
    key: 'per-1',
    expression: 'Encounter.period',
  },
  {
    name: 'extension with both a value and extensions',
    file: 'Patient-example.json',
    mutate: (r) => (r._birthDate.extension[0].extension = [{ url: 'http://example.org/x', valueString: 'y' }]),
    key: 'ext-1',
    expression: 'Patient._birthDate.extension[0]',
  },
  {
    name: 'contained resource that nothing references',
    file: 'CarePlan-example.json',
    mutate: (r) => (r.contained[0].id = 'orphan'),
    key: 'dom-3',
    expression: 'CarePlan',
  },
  {
    name: 'local reference to a missing contained resource',
    file: 'CarePlan-example.json',
    mutate: (r) => (r.activity[0].outcomeReference = [{ reference: '#missing' }]),
    key: 'ref-1',
    expression: 'CarePlan.activity[0].outcomeReference[0]',
  },
  {
    name: 'Observation with both a value and a dataAbsentReason',
    file: 'Observation-f001.json',
    mutate: (r) => (r.dataAbsentReason = { text: 'not measured' }),
    key: 'obs-6',
    expression: 'Observation',
  },
  {
    name: 'Patient contact with no details',
    file: 'Patient-example.json',
    mutate: (r) => (r.contact[0] = { gender: 'female' }),
    key: 'pat-1',
    expression: 'Patient.contact[0]',
  },
  {
    name: 'Quantity code without a system',
    file: 'Observation-blood-pressure.json',
    mutate: (r) => delete r.component[1].valueQuantity.system,
    key: 'qty-3',
    expression: 'Observation.component[1].valueQuantity',
  },
];

describe('base R4 invariants', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const resource = readExample(c.file) as Json;
    expect(validateExample(resource as fhir4.Resource).filter((i) => i.severity === 'error')).toEqual([]);
    c.mutate(resource);
    const found = validateExample(resource as fhir4.Resource)
      .filter((i) => i.code === 'invariant' && i.severity === 'error')
      .map((i) => [i.message.split(':')[0], i.expression?.[0]]);
    expect(found).toContainEqual([c.key, c.expression]);
  });

  it('warns (dom-6) when a resource has no narrative', () => {
    const issues = validateExample({ resourceType: 'Organization', name: 'X' } as fhir4.Resource);
    expect(issues.map((i) => [i.severity, i.message.split(':')[0]])).toEqual([['warning', 'dom-6']]);
  });

  // Bundles are left out only for time: fhirpath.js needs ~40 s for the whole corpus.
  it(
    'fast invariant forms agree with fhirpath.js on every example of every R4 type outside Bundles',
    { timeout: 300_000 },
    () => {
      const disagreements: string[] = [];
      for (const { file, resource } of loadExamples(ALL_R4_TYPES).filter((e) => e.resource.resourceType !== 'Bundle')) {
        for (const issue of validateExample(resource, { crossCheck: true })) {
          if (issue.code === 'exception') disagreements.push(`${file} ${issue.expression?.[0]}: ${issue.message}`);
        }
      }
      expect(disagreements).toEqual([]);
    },
  );
});
