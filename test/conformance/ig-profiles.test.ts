/**
 * The implementation guide's examples through the compiled profile validator: every valid
 * example (claiming its profiles in meta.profile) has no error, and every invalid example in
 * profiles/examples-invalid/ yields exactly its recorded issues. Compared: all errors, and the
 * warnings of the guide's own rules (warnings that base R4 raises, such as an extensible
 * binding of a core element, are not part of the guide's recorded issues).
 * The compiled tables come from `npm run gen:profiles`; a stale build shows up here.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/fhir/outcome.js';
import { validateResource } from '../../src/validation/validate-resource.js';

const PROFILES = fileURLToPath(new URL('../../profiles/', import.meta.url));
const RESOURCES = join(PROFILES, 'fsh-generated/resources');
const INVALID = join(PROFILES, 'examples-invalid');
const DEFINITIONAL = new Set([
  'StructureDefinition',
  'CodeSystem',
  'ValueSet',
  'ConceptMap',
  'ImplementationGuide',
  'Questionnaire',
  'PlanDefinition',
  'ActivityDefinition',
]);

function readAll<T>(dir: string): [string, T][] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8')) as T]);
}

interface InvalidExample {
  expectedIssues: { severity: string; code: string; expression: string }[];
  resource: fhir4.Resource;
}

function comparable(issues: Issue[]): string[] {
  return issues
    .filter(
      (i) => i.severity === 'error' || (i.severity === 'warning' && !i.source?.startsWith('http://hl7.org/fhir/')),
    )
    .map((i) => `${i.severity} ${i.code} ${i.expression?.[0]}`)
    .sort();
}

const valid = readAll<fhir4.Resource>(RESOURCES).filter(([, r]) => !DEFINITIONAL.has(r.resourceType));
const invalid = readAll<InvalidExample>(INVALID);

describe('implementation guide examples', () => {
  it('finds the guide build output', () => {
    expect(valid.length).toBeGreaterThan(20);
    expect(invalid.length).toBeGreaterThan(20);
  });

  it.each(valid)('%s validates without errors against base R4 and its claimed profiles', (_file, resource) => {
    expect(resource.meta?.profile?.length ?? 0).toBeGreaterThan(0);
    expect(validateResource(resource).filter((i) => i.severity === 'error')).toEqual([]);
  });

  it.each(invalid)('%s gives exactly its recorded issues', (_file, example) => {
    const expected = example.expectedIssues.map((i) => `${i.severity} ${i.code} ${i.expression}`).sort();
    expect(comparable(validateResource(example.resource))).toEqual(expected);
  });

  it('fast invariant forms (IIN, BIN and the FHIRPath subset) agree with fhirpath.js on every guide example', () => {
    const resources = [...valid.map(([f, r]) => [f, r] as const), ...invalid.map(([f, e]) => [f, e.resource] as const)];
    const disagreements = resources.flatMap(([file, resource]) =>
      validateResource(resource, { crossCheck: true })
        .filter((i) => i.code === 'exception')
        .map((i) => `${file} ${i.expression?.[0]}: ${i.message}`),
    );
    expect(disagreements).toEqual([]);
  });
});
