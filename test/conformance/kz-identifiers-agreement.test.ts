/**
 * The guide's identifier invariants have two forms: the FHIRPath that the guide publishes
 * (written by scripts/ig/identifier-invariants.ts, compiled into the profile model) and the
 * native checks the validator runs (src/validation/rules/kz-identifiers.ts). Every case below is
 * run through both, exactly as the validator compiles them, and through a second FHIRPath engine
 * (Medplum's, so that the published expressions do not depend on fhirpath.js), and each must give
 * the expected answer; the sweeps compare both forms and the calendar over every day of several years.
 */
import { evalFhirPath } from '@medplum/core';
import { describe, expect, it } from 'vitest';
import { PROFILE_CONSTRAINTS } from '../../src/generated/profiles/profile-model.js';
import { IIN_SYSTEM } from '../../src/fhir/canonical.js';
import { compileInvariant, type LinkedInvariant } from '../../src/validation/rules/invariants.js';
import { KATO_REGION_CODES, checkDigit } from '../../src/validation/rules/kz-identifiers.js';
import katoRegions from '../../profiles/data/kato-regions.json' with { type: 'json' };

/** The three answers on one case: native, fhirpath.js and Medplum's engine must agree. */
function allEngines(invariant: LinkedInvariant, value: unknown): boolean {
  const answer = bothForms(invariant, value);
  const result = evalFhirPath(invariant.expression, value as never);
  // As for the validator, an empty result is not a violation (nothing to decide on).
  const medplum = result.length === 0 ? true : result.length === 1 ? result[0] : result;
  expect(medplum, `${invariant.key} Medplum on ${JSON.stringify(value)}`).toBe(answer);
  return answer;
}

function compiled(key: string, base: string): LinkedInvariant {
  const constraint = PROFILE_CONSTRAINTS[key];
  if (!constraint) throw new Error(`the profile model has no ${key}`);
  return compileInvariant(key, base, constraint);
}

/** Both forms on `value`; fails the test when they disagree. */
function bothForms(invariant: LinkedInvariant, value: unknown): boolean {
  const env = { resource: value, rootResource: value };
  const native = invariant.fast!(value, env);
  const fhirpath = invariant.fhirpath(value, env);
  expect(native, `${invariant.key} native on ${JSON.stringify(value)}`).toBe(fhirpath);
  return fhirpath;
}

const IIN_CASES: [string, boolean, string][] = [
  ['061211600012', true, 'girl, 11 Dec 2006 (docs/domain.md example)'],
  ['900101300017', true, '1 Jan 1990'],
  ['240315600000', true, '15 Mar 2024'],
  ['000229500008', true, '29 Feb 2000: a leap year (divisible by 400)'],
  ['000229600004', true, '29 Feb 2000, a girl'],
  ['240229500007', true, '29 Feb 2024: a leap year'],
  ['960229100001', true, '29 Feb 1896: a leap year'],
  ['880229600006', true, '29 Feb 2088 (digit 6): a leap year'],
  ['991231300003', true, '31 Dec 1999'],
  ['990430400009', true, '30 Apr 1999'],
  ['990230300005', false, '30 Feb 1999 (issue 9)'],
  ['010229500109', false, '29 Feb 2001: not a leap year (issue 9)'],
  ['000229300005', false, '29 Feb 1900: not a leap year (divisible by 100, not 400)'],
  ['000229400001', false, '29 Feb 1900, a woman'],
  ['000229100002', false, '29 Feb 1800: not a leap year'],
  ['230229600001', false, '29 Feb 2023'],
  ['990431400004', false, '31 Apr 1999'],
  ['990631500008', false, '31 Jun 2099'],
  ['900101300006', false, 'wrong check digit'],
  ['900101700017', false, '7th digit 7'],
  ['901301300017', false, 'month 13'],
  ['900100300017', false, 'day 00'],
  ['90010130001', false, '11 digits'],
  ['x00101300017', false, 'a letter'],
];

const PROVISIONAL_CASES: [string, boolean, string][] = [
  ['920508496679-1', true, "mother's IIN valid, first child"],
  ['920508496679-2', true, 'second child of the same birth'],
  ['920508496670-1', false, "mother's IIN with a wrong check digit"],
  ['990230400001-1', false, "mother's IIN encodes 30 Feb"],
  ['010229600006-1', false, "mother's IIN encodes 29 Feb 2001"],
  ['920508496679', false, 'no birth order'],
  ['920508496679-0', false, 'birth order 0'],
  ['920508496679-10', false, 'birth order of two digits'],
];

const BIN_CASES: [string, boolean, string][] = [
  ['040340000017', true, 'registered March 2004 (docs/domain.md example)'],
  ['090140777557', true, 'polyclinic-3'],
  ['250240000007', true, 'February 2025'],
  ['090040000005', false, 'registration month 00'],
  ['091340000009', false, 'registration month 13'],
  ['040370000017', false, 'type digit 7'],
  ['040340000018', false, 'wrong check digit'],
];

const KATO_CASES: [string, boolean, string][] = [
  ['473630000', true, 'Aktau, Mangystau'],
  ['101033102', true, 'Abai region (docs/domain.md example)'],
  ['621039202', true, 'Ulytau region (docs/domain.md example)'],
  ['750000000', true, 'Almaty city'],
  ['790000000', true, 'Shymkent'],
  ['000000000', false, 'no region 00 (issue 9)'],
  ['510000000', false, 'South Kazakhstan, renamed Turkistan (61) in 2018'],
  ['47363000', false, 'eight digits'],
  ['4736300000', false, 'ten digits'],
];

describe('the identifier invariants: native and FHIRPath agree on every case', () => {
  const iin = compiled('kz-iin-1', 'Patient.identifier.value');
  const provisional = compiled('kz-prov-1', 'Patient.identifier.value');
  const bin = compiled('kz-bin-1', 'Organization.identifier.value');
  const kato = compiled('kz-kato-1', 'Extension');
  const katoExtension = (code: string) => ({
    url: 'https://fhir.patronage.kz/StructureDefinition/kato',
    valueCoding: { system: 'https://fhir.patronage.kz/sid/kato', code },
  });

  it.each(IIN_CASES)('kz-iin-1 %s is %s (%s)', (value, expected) => {
    expect(allEngines(iin, value)).toBe(expected);
  });
  it.each(PROVISIONAL_CASES)('kz-prov-1 %s is %s (%s)', (value, expected) => {
    expect(allEngines(provisional, value)).toBe(expected);
  });
  it.each(BIN_CASES)('kz-bin-1 %s is %s (%s)', (value, expected) => {
    expect(allEngines(bin, value)).toBe(expected);
  });
  it.each(KATO_CASES)('kz-kato-1 %s is %s (%s)', (code, expected) => {
    expect(allEngines(kato, katoExtension(code))).toBe(expected);
  });

  it('kz-kato-1 accepts exactly the 20 region codes of profiles/data/kato-regions.json', () => {
    expect(KATO_REGION_CODES.size).toBe(20);
    expect(katoRegions.regions.filter((r) => r.kind === 'region')).toHaveLength(17);
    for (let ab = 0; ab < 100; ab++) {
      const prefix = String(ab).padStart(2, '0');
      expect(bothForms(kato, katoExtension(`${prefix}1234567`)), prefix).toBe(KATO_REGION_CODES.has(prefix));
    }
  });

  it('kz-iin-1 agrees with the calendar on every day of 1800, 1896, 1900, 1999, 2000, 2001 and 2024', () => {
    const years = ['00', '96', '99', '01', '24'];
    let checked = 0;
    for (const centuryDigit of ['1', '3', '5', '6']) {
      const century = { 1: 1800, 3: 1900, 5: 2000, 6: 2000 }[centuryDigit]!;
      for (const yy of years) {
        for (let month = 1; month <= 12; month++) {
          for (let day = 1; day <= 31; day++) {
            const year = century + Number(yy);
            const real = new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
            const value = withCheckDigit(`${yy}${pad(month)}${pad(day)}${centuryDigit}0012`);
            if (value === undefined) continue;
            expect(bothForms(iin, value), value).toBe(real);
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(1500);
  });
});

describe('the IIN and birthDate agree: kz-pat-2 (Patient, error) and kz-iin-3 (mother, nurse: warning)', () => {
  const patient = compiled('kz-pat-2', 'Patient');
  const nurse = compiled('kz-iin-3', 'Practitioner');
  const person = (iinValue: string | undefined, birthDate?: string, more: object[] = []) => ({
    resourceType: 'Patient',
    identifier: [...(iinValue === undefined ? [] : [{ system: IIN_SYSTEM, value: iinValue }]), ...more],
    ...(birthDate === undefined ? {} : { birthDate }),
  });
  const cases: [string, object, boolean][] = [
    ['the same day', person('250820560322', '2025-08-20'), true],
    ['birthDate to the month', person('250820560322', '2025-08'), true],
    ['birthDate to the year', person('250820560322', '2025'), true],
    ['one day off', person('250820560322', '2025-08-21'), false],
    ['another century', person('250820560322', '1925-08-20'), false],
    ['a 1900s IIN read as 1900s', person('900101300017', '1990-01-01'), true],
    ['a 1900s IIN against a 2090 birthDate', person('900101300017', '2090-01-01'), false],
    ['no birthDate (the IIN rule alone judges the date)', person('990230300005'), true],
    ['no IIN', person(undefined, '2025-08-20'), true],
    ['an IIN without a readable date (kz-iin-1 reports it)', person('abc', '2025-08-20'), true],
    ['an IIN with 7th digit 0', person('250820060322', '2025-08-20'), true],
    ['another system first', person('250820560322', '2025-08-20', [{ system: 'urn:x', value: '990101300017' }]), true],
  ];
  it.each(cases)('%s', (_, resource, expected) => {
    expect(allEngines(patient, resource)).toBe(expected);
    expect(allEngines(nurse, { ...resource, resourceType: 'Practitioner' })).toBe(expected);
  });

  it('is an error for a Patient and a warning for mothers and nurses', () => {
    expect(PROFILE_CONSTRAINTS['kz-pat-2']?.[0]).toBe('error');
    expect(PROFILE_CONSTRAINTS['kz-iin-3']?.[0]).toBe('warning');
  });
});

describe('the IIN agrees with gender: kz-iin-2 (warning), and a patient has an IIN or a provisional identifier: kz-pat-1', () => {
  const gender = compiled('kz-iin-2', 'Patient');
  const identified = compiled('kz-pat-1', 'Patient');
  const iin = (value: unknown) => ({ system: IIN_SYSTEM, value });
  const provisional = { system: 'https://fhir.patronage.kz/sid/provisional-newborn', value: '061211600012-1' };
  const cases: [string, object, boolean, boolean][] = [
    // [name, resource, kz-iin-2, kz-pat-1]
    ['a boy with digit 5', { gender: 'male', identifier: [iin('250820560322')] }, true, true],
    ['a boy with digit 6', { gender: 'male', identifier: [iin('250820660322')] }, false, true],
    ['a girl with digit 6', { gender: 'female', identifier: [iin('061211600012')] }, true, true],
    ['a girl with digit 3', { gender: 'female', identifier: [iin('900101300017')] }, false, true],
    ['a girl with digit 0', { gender: 'female', identifier: [iin('250820060322')] }, false, true],
    ['gender unknown', { gender: 'unknown', identifier: [iin('250820560322')] }, true, true],
    ['gender other', { gender: 'other', identifier: [iin('061211600012')] }, true, true],
    ['no gender', { identifier: [iin('250820660322')] }, true, true],
    ['no identifier', { gender: 'male' }, true, false],
    ['only other systems', { gender: 'male', identifier: [{ system: 'urn:x', value: '2' }] }, true, false],
    [
      'the second IIN disagrees',
      { gender: 'male', identifier: [iin('250820560322'), iin('061211600012')] },
      false,
      true,
    ],
    ['a provisional identifier only', { gender: 'female', identifier: [provisional] }, true, true],
    ['a short IIN value (no 7th digit)', { gender: 'male', identifier: [iin('25082')] }, false, true],
    ['an IIN without a value', { gender: 'male', identifier: [{ system: IIN_SYSTEM }] }, false, true],
  ];
  it.each(cases)('%s', (_, fields, agrees, hasIdentifier) => {
    const resource = { resourceType: 'Patient', ...fields };
    expect(allEngines(gender, resource)).toBe(agrees);
    expect(allEngines(identified, resource)).toBe(hasIdentifier);
  });

  it('are decided natively (without FHIRPath) on well-formed patients', () => {
    const resource = { resourceType: 'Patient', gender: 'male', identifier: [iin('250820660322')] };
    const env = { resource, rootResource: resource };
    expect(gender.fast!(resource, env)).toBe(false);
    expect(identified.fast!({ resourceType: 'Patient' }, env)).toBe(false);
  });
});

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `prefix` (11 digits) with its check digit, or undefined when that prefix is never issued. */
function withCheckDigit(prefix: string): string | undefined {
  const digit = checkDigit(prefix);
  return digit === undefined ? undefined : `${prefix}${digit}`;
}
