/**
 * Re-slicing: a slice that is itself sliced (slice `national`, re-slices `national/official` and
 * `national/old`), compiled from a StructureDefinition snapshot in the test and validated. The
 * re-slices divide the items of their slice, by the slice's own discriminators; an item of a
 * re-slice conforms to both the slice and the re-slice.
 * @see https://hl7.org/fhir/R4/profiling.html#reslicing
 */
import { describe, expect, it } from 'vitest';
import { compile, el, one, patientProfile, validateAgainst } from './profile-fixtures.js';

const URL = 'http://example.org/StructureDefinition/resliced-patient';
const NATIONAL = 'http://example.org/national-id';

/** Identifiers sliced by system; the national slice re-sliced by use (closed): one official, at most one old. */
const PROFILE = patientProfile(URL, [
  el('Patient.identifier', {
    slicing: { discriminator: [{ type: 'value', path: 'system' }], rules: 'open' },
    min: 1,
    base: { path: 'Patient.identifier', min: 0, max: '*' },
  }),
  el('Patient.identifier:national', {
    sliceName: 'national',
    min: 1,
    slicing: { discriminator: [{ type: 'value', path: 'use' }], rules: 'closed' },
  }),
  one('Patient.identifier:national.use'),
  one('Patient.identifier:national.system', { min: 1, fixedUri: NATIONAL }),
  one('Patient.identifier:national.value', { min: 1 }),
  el('Patient.identifier:national/official', { sliceName: 'national/official', min: 1, max: '1' }),
  one('Patient.identifier:national/official.use', { fixedCode: 'official' }),
  one('Patient.identifier:national/official.system', { min: 1, fixedUri: NATIONAL }),
  one('Patient.identifier:national/official.value', { min: 1 }),
  el('Patient.identifier:national/old', { sliceName: 'national/old', max: '1' }),
  one('Patient.identifier:national/old.use', { fixedCode: 'old' }),
  one('Patient.identifier:national/old.system', { min: 1, fixedUri: NATIONAL }),
  one('Patient.identifier:national/old.value', { min: 1 }),
  one('Patient.identifier:national/old.period', { min: 1 }),
]);

const official = { use: 'official', system: NATIONAL, value: '1' };
const old = { use: 'old', system: NATIONAL, value: '0', period: { end: '2020' } };
const other = { use: 'usual', system: 'http://example.org/mrn', value: 'm' };

function issues(identifier: unknown[]): [string | undefined, string][] {
  return validateAgainst(PROFILE, { resourceType: 'Patient', identifier }).map((i) => [i.expression?.[0], i.message]);
}

describe('re-slicing', () => {
  it('compiles the re-slices under their slice, with discriminator values from the re-slice', () => {
    const root = compile(PROFILE).get(URL)!;
    const national = root.e[0]![5]!.s!.sl[0]!;
    expect(national.n).toBe('national');
    expect(national.s?.r).toBe('closed');
    expect(national.s?.sl.map((s) => [s.n, s.min, s.max, s.d])).toEqual([
      ['national/official', 1, 1, [['use', 'f', 'official']]],
      ['national/old', 0, 1, [['use', 'f', 'old']]],
    ]);
  });

  it('accepts items that fill the re-slices, and items of other slices whatever their use', () => {
    expect(issues([official, old, other])).toEqual([]);
    expect(issues([other, official])).toEqual([]);
  });

  it('counts re-slice cardinality within the items of the slice', () => {
    expect(issues([old, other])).toEqual([
      ['Patient.identifier', "Slice 'national/official' needs at least 1 item(s), found 0"],
    ]);
    expect(issues([official, { ...official, value: '2' }])).toEqual([
      ['Patient.identifier', "Slice 'national/official' allows at most 1 item(s), found 2"],
    ]);
  });

  it('applies the closed re-slicing only to the items of the slice', () => {
    expect(issues([official, { ...official, use: 'temp' }, { ...other, use: 'temp' }])).toEqual([
      ['Patient.identifier[1]', "Matches none of the re-slices of 'national', and its slicing is closed"],
    ]);
  });

  it("validates an item against the re-slice's rules, and reports what the slice repeats once", () => {
    expect(issues([official, { use: 'old', system: NATIONAL }])).toEqual([
      ['Patient.identifier[1].value', "'value' needs at least 1 item(s)"],
      ['Patient.identifier[1].period', "'period' needs at least 1 item(s)"],
    ]);
  });

  it('reports a missing slice once, not the minimums of its re-slices as well', () => {
    expect(issues([other])).toEqual([['Patient.identifier', "Slice 'national' needs at least 1 item(s), found 0"]]);
  });
});
