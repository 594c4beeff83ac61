import { describe, expect, it } from 'vitest';
import { igResources } from '../../ig/ig-resources.js';
import { bandsFromCodeSystem, classifyZ, WHO_GROWTH_CLASSIFICATION_SYSTEM } from './classify.js';

const codeSystem = igResources().find((r) => r.url === WHO_GROWTH_CLASSIFICATION_SYSTEM) as fhir4.CodeSystem;
const bands = bandsFromCodeSystem(codeSystem);

describe('WHO classification from the guide code system', () => {
  it.each([
    ['lhfa-z', -3.01, 'severely-stunted', 'L'],
    ['lhfa-z', -3, 'stunted', 'L'],
    ['lhfa-z', -2.01, 'stunted', 'L'],
    ['lhfa-z', -2, 'normal', 'N'],
    ['wfa-z', -2.5, 'underweight', 'L'],
    ['wfa-z', -3.2, 'severely-underweight', 'L'],
    ['wfa-z', 2.5, 'normal', 'N'],
    ['wflh-z', -2.1, 'wasted', 'L'],
    ['wflh-z', 1, 'normal', 'N'],
    ['wflh-z', 1.01, 'possible-risk-of-overweight', 'H'],
    ['wflh-z', 2, 'possible-risk-of-overweight', 'H'],
    ['wflh-z', 2.01, 'overweight', 'H'],
    ['bmifa-z', 3.5, 'obese', 'H'],
    ['hcfa-z', -2.1, 'small-head', 'L'],
    ['hcfa-z', 2.1, 'large-head', 'H'],
    ['acfa-z', -2.5, 'normal', 'N'],
  ] as const)('%s %s is %s (%s)', (indicator, z, code, hl7) => {
    expect(classifyZ(indicator, z, false, bands)).toEqual({ code, hl7 });
  });

  it('classifies a flagged value as implausible, low or high by its sign', () => {
    expect(classifyZ('wfa-z', -6.5, true, bands)).toEqual({ code: 'implausible', hl7: 'L' });
    expect(classifyZ('wfa-z', 5.5, true, bands)).toEqual({ code: 'implausible', hl7: 'H' });
  });
});
