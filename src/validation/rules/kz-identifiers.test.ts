import { describe, expect, it } from 'vitest';
import {
  checkDigit,
  iinAgreesWithBirthDate,
  iinDateText,
  isValidBin,
  isValidIin,
  isValidKato,
  isValidProvisionalNewborn,
} from './kz-identifiers.js';

describe('Kazakh identifiers (docs/domain.md §3 test vectors)', () => {
  it('accepts the valid IINs and rejects the invalid one', () => {
    for (const iin of ['061211600012', '900101300017', '850520400015', '110722500010', '240315600000']) {
      expect(isValidIin(iin), iin).toBe(true);
    }
    expect(isValidIin('900101300006')).toBe(false);
    expect(isValidIin('901301300017')).toBe(false); // month 13
    expect(isValidIin('90010130001')).toBe(false);
  });

  it('rejects an IIN whose date is not a calendar day in the century of its 7th digit', () => {
    expect(isValidIin('990230300005')).toBe(false); // 30 Feb 1999
    expect(isValidIin('010229500109')).toBe(false); // 29 Feb 2001
    expect(isValidIin('000229300005')).toBe(false); // 29 Feb 1900
    expect(isValidIin('000229500008')).toBe(true); // 29 Feb 2000
    expect(isValidIin('240229500007')).toBe(true); // 29 Feb 2024
  });

  it('reads the century of an IIN from its 7th digit when checking 29 February', () => {
    // 11 digits, then the check digit they give: only the date differs between the cases.
    const iin = (stem: string) => `${stem}${checkDigit(stem)}`;
    expect(isValidIin(iin('96022910000'))).toBe(true); // 1896, a leap year
    expect(isValidIin(iin('00022910000'))).toBe(false); // 1800, not one
    expect(isValidIin(iin('96022950000'))).toBe(true); // 2096
    expect(isValidIin(iin('00022960000'))).toBe(true); // 2000
    expect(isValidIin(iin('00043040000'))).toBe(true); // 30 April 1900
    expect(isValidIin(iin('00043140000'))).toBe(false); // 31 April
  });

  it('gives no check digit for an identifier that does not start with 11 digits', () => {
    expect(checkDigit('9001013000')).toBeUndefined();
    expect(checkDigit('90010130001')).toBe(7);
    expect(checkDigit('9001013000a')).toBeUndefined();
    expect(checkDigit('900101 30001')).toBeUndefined();
  });

  it('reads the IIN date with its century', () => {
    expect(iinDateText('960229100001')).toBe('1896-02-29');
    expect(iinDateText('900101300017')).toBe('1990-01-01');
    expect(iinDateText('250820560322')).toBe('2025-08-20');
    expect(iinDateText('250820060322')).toBeUndefined();
  });

  it('checks the IIN against birthDate at its precision', () => {
    const patient = (birthDate: string) => ({
      birthDate,
      identifier: [{ system: 'https://fhir.patronage.kz/sid/iin', value: '250820560322' }],
    });
    expect(iinAgreesWithBirthDate(patient('2025-08-20'))).toBe(true);
    expect(iinAgreesWithBirthDate(patient('2025'))).toBe(true);
    expect(iinAgreesWithBirthDate(patient('2025-08-21'))).toBe(false);
  });

  it("checks the mother's IIN inside a provisional newborn identifier", () => {
    expect(isValidProvisionalNewborn('920508496679-1')).toBe(true);
    expect(isValidProvisionalNewborn('920508496670-1')).toBe(false);
    expect(isValidProvisionalNewborn('990230400001-1')).toBe(false);
  });

  it('accepts the example BIN and rejects a wrong type digit or month', () => {
    expect(isValidBin('040340000017')).toBe(true);
    expect(isValidBin('040370000017')).toBe(false);
    expect(isValidBin('090040000005')).toBe(false);
  });

  it('accepts KATO codes of known regions only', () => {
    expect(isValidKato('473630000')).toBe(true);
    expect(isValidKato('000000000')).toBe(false);
    expect(isValidKato('47363000')).toBe(false);
  });
});
