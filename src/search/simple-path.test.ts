import fhirpath from 'fhirpath';
import r4 from 'fhirpath/fhir-context/r4';
import { describe, expect, it } from 'vitest';
import { loadExamples } from '../../test/conformance/r4-examples.js';
import { SEARCH_PARAMETERS } from '../generated/search/search-parameters.js';
import { compileSimplePath } from './simple-path.js';

/** The distinct values, as the index sees them (`|` is a union: fhirpath.js drops duplicates). */
function distinct(values: readonly unknown[]): string {
  return JSON.stringify([...new Set(values.map((v) => JSON.stringify(v)))].sort());
}

function viaFhirPath(expression: string, resource: unknown): unknown[] {
  return fhirpath.evaluate(resource, expression, undefined, r4) as unknown[];
}

describe('simple-path fast evaluator', () => {
  const examples = loadExamples().map((e) => e.resource);

  it('covers most R4 search expressions of the stored types', () => {
    const all = Object.entries(SEARCH_PARAMETERS).flatMap(([type, list]) =>
      list.map((p) => p.expression.replace(/(^|[|(\s])Resource\./g, `$1${type === 'Resource' ? 'Patient' : type}.`)),
    );
    const simple = all.filter((e) => compileSimplePath(e));
    expect(simple.length / all.length).toBeGreaterThan(0.6);
  });

  it('compiles the telecom and reference-type where() filters, not other where() forms', () => {
    expect(compileSimplePath("Patient.telecom.where(system='email')")).toBeDefined();
    expect(
      compileSimplePath(
        "Observation.subject.where(reference.startsWith('Patient/') or reference.contains('/Patient/'))",
      ),
    ).toBeDefined();
    expect(compileSimplePath("PlanDefinition.relatedArtifact.where(type='composed-of').resource")).toBeDefined();
    expect(
      compileSimplePath("Observation.subject.where(reference.startsWith('Patient/') or reference.contains('/Group/'))"),
    ).toBeUndefined();
    expect(compileSimplePath('Patient.telecom.where(system.exists())')).toBeUndefined();
  });

  it('keeps the items a where() filter accepts, with their type', () => {
    const email = compileSimplePath("Patient.telecom.where(system='email')")!;
    const patient = { telecom: [{ system: 'phone', value: '1' }, { system: 'email', value: 'a@b' }, { value: 'x' }] };
    expect(email(patient)).toEqual([{ data: { system: 'email', value: 'a@b' }, fhirType: 'ContactPoint' }]);
    const subject = compileSimplePath(
      "Observation.subject.where(reference.startsWith('Patient/') or reference.contains('/Patient/'))",
    )!;
    const refs = ['Patient/1', 'http://x/fhir/Patient/2', 'Group/3', 'urn:uuid:4'];
    const found = refs.flatMap((reference) => subject({ subject: { reference } }).map((v) => v.data));
    expect(found).toEqual([{ reference: 'Patient/1' }, { reference: 'http://x/fhir/Patient/2' }]);
  });

  it('answers Patient deceased (exists() and != false) as fhirpath.js does', () => {
    const expression = 'Patient.deceased.exists() and Patient.deceased != false';
    const fast = compileSimplePath(expression)!;
    const cases = [{}, { deceasedBoolean: true }, { deceasedBoolean: false }, { deceasedDateTime: '2020-01-01' }];
    for (const extra of cases) {
      const patient = { resourceType: 'Patient', ...extra };
      expect(fast(patient).map((v) => v.data)).toEqual(viaFhirPath(expression, patient));
    }
  });

  it('compiles a cast to one type of a choice element, with a tail, as fhirpath.js evaluates it', () => {
    const valueString = '(Observation.value as string) | (Observation.value as CodeableConcept).text';
    const fast = compileSimplePath(valueString)!;
    expect(fast).toBeDefined();
    const code = { coding: [{ system: 'http://loinc.org', code: '8302-2' }] };
    const observations = [
      { resourceType: 'Observation', status: 'final', code, valueString: 'сухая кожа' },
      { resourceType: 'Observation', status: 'final', code, valueCodeableConcept: { text: 'грудное' } },
      { resourceType: 'Observation', status: 'final', code, valueCodeableConcept: { coding: code.coding } },
      { resourceType: 'Observation', status: 'final', code, valueQuantity: { value: 52.5, unit: 'cm' } },
    ];
    for (const observation of observations)
      expect(fast(observation).map((v) => v.data)).toEqual(viaFhirPath(valueString, observation));
    expect(fast(observations[0]!)).toEqual([{ data: 'сухая кожа', fhirType: 'string' }]);
    expect(fast(observations[1]!)).toEqual([{ data: 'грудное', fhirType: 'string' }]);
  });

  it('leaves a cast to a type with subtypes to fhirpath.js when the choice holds one of them', () => {
    // Extension.value[x] has code, id and markdown beside string; ConceptMap.source[x] canonical beside uri.
    expect(compileSimplePath('(Extension.value as string)')).toBeUndefined();
    expect(compileSimplePath('(ConceptMap.source as uri)')).toBeUndefined();
    expect(compileSimplePath('(Extension.value as CodeableConcept).text')).toBeDefined();
  });

  it('gives the same values as fhirpath.js on every official example', () => {
    const differences: string[] = [];
    for (const resource of examples) {
      const params = [...(SEARCH_PARAMETERS.Resource ?? []), ...(SEARCH_PARAMETERS[resource.resourceType] ?? [])];
      for (const param of params) {
        const expression = param.expression.replace(/(^|[|(\s])Resource\./g, `$1${resource.resourceType}.`);
        const fast = compileSimplePath(expression);
        if (!fast) continue;
        let want: string;
        try {
          want = distinct(viaFhirPath(expression, resource));
        } catch {
          // fhirpath.js refuses `as` on a collection (Observation.component.value as …); the
          // fast path indexes every item, which is what the parameter means.
          continue;
        }
        const got = distinct(fast(resource).map((v) => v.data));
        if (got !== want) differences.push(`${resource.resourceType}/${resource.id} ${param.code}: ${got} ≠ ${want}`);
      }
    }
    expect(differences.slice(0, 5).map((d) => d.slice(0, 300))).toEqual([]);
  });
});
