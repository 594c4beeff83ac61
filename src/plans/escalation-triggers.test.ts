import { describe, expect, it } from 'vitest';
import { matchTriggers } from './escalation-triggers.js';
import { programmeParameters } from './programme-parameters.js';

const KZ = 'https://fhir.patronage.kz';

/** A z-score as h-growth's decision 025 stores it (the contract this rule reads). */
function zScore(indicator: string, value: number, classification = 'normal'): fhir4.Observation {
  return {
    resourceType: 'Observation',
    id: `gz-${indicator}-w1`,
    meta: { profile: [`${KZ}/StructureDefinition/kz-growth-zscore`] },
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'exam' }] }],
    code: { coding: [{ system: `${KZ}/CodeSystem/growth-indicator`, code: indicator }] },
    subject: { reference: 'Patient/c1' },
    effectiveDateTime: '2026-11-20T10:00:00+05:00',
    valueQuantity: { value, unit: 'z-score', system: 'http://unitsofmeasure.org', code: '{z-score}' },
    interpretation: [{ coding: [{ system: `${KZ}/CodeSystem/who-growth-classification`, code: classification }] }],
    method: { coding: [{ system: `${KZ}/CodeSystem/patronage-code`, code: 'who-anthro-lms' }] },
    derivedFrom: [{ reference: 'Observation/w1' }],
  };
}

const fired = (o: fhir4.Observation) => matchTriggers(o, programmeParameters()).map((m) => m.rule.id);

describe('growth escalation trigger', () => {
  it('fires below -2 for every indicator and above +3 only for weight-for-length/height', () => {
    expect(fired(zScore('wfa-z', -2.01, 'underweight'))).toEqual(['growth-z-score']);
    expect(fired(zScore('lhfa-z', -3.5, 'severely-stunted'))).toEqual(['growth-z-score']);
    expect(fired(zScore('wflh-z', 3.01, 'obese'))).toEqual(['growth-z-score']);
    expect(fired(zScore('wfa-z', 3.5))).toEqual([]);
    expect(fired(zScore('wflh-z', 3))).toEqual([]);
    expect(fired(zScore('wfa-z', -2))).toEqual([]);
  });

  it('never fires for a biologically implausible score or a retracted one', () => {
    expect(fired(zScore('wfa-z', -6.5, 'implausible'))).toEqual([]);
    expect(fired({ ...zScore('wfa-z', -2.5), status: 'entered-in-error' })).toEqual([]);
  });
});
