/**
 * Kazakh national identifiers as native checks behind the guide's named invariants: kz-iin-1
 * (IIN), kz-bin-1 (BIN), kz-prov-1 (provisional newborn identifier, which embeds the mother's
 * IIN), kz-kato-1 (KATO address code) and the IIN / birthDate agreement (kz-iin-3 as a warning,
 * kz-pat-2 as an error for Patient). Same rules as the guide's FHIRPath, which
 * scripts/ig/identifier-invariants.ts writes; native because fhirpath.js takes ~100 µs per
 * identifier on those expressions. test/conformance/kz-identifiers-agreement.test.ts runs both
 * on one table of cases.
 * @see docs/domain.md §3.1 (IIN), §3.2 (BIN), §3.3 (KATO)
 * @module
 */
import { IIN_SYSTEM, PROVISIONAL_NEWBORN_SYSTEM } from '../../fhir/canonical.js';
import KATO_REGIONS from '../../../profiles/data/kato-regions.json' with { type: 'json' };
import { digitAt, digitsAt } from '../../lib/decimal-digits.js';
import { isRealDay } from '../structure/check-calendar-date.js';

/** YYMMDD with month 01–12 and day 01–31, century/sex digit 1–6, serial, check digit. */
const IIN_PATTERN = /^[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])[1-6][0-9]{5}$/;
/** The mother's IIN, a hyphen and the birth order 1–9. */
const PROVISIONAL_PATTERN = /^([0-9]{12})-[1-9]$/;
/** YYMM of registration, type 4–6, attribute 0–3, serial, check digit. */
const BIN_PATTERN = /^[0-9]{2}(0[1-9]|1[0-2])[456][0-3][0-9]{6}$/;
const W1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const W2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];
/** The century each value of the IIN's 7th digit names (odd: male, even: female). */
const CENTURY: Readonly<Record<string, string>> = { 1: '18', 2: '18', 3: '19', 4: '19', 5: '20', 6: '20' };
const KATO_PATTERN = /^[0-9]{9}$/;
/** AB digits of the 17 regions and 3 cities of republican significance (profiles/data/kato-regions.json). */
export const KATO_REGION_CODES: ReadonlySet<string> = new Set(KATO_REGIONS.regions.map((r) => r.code));

/** The first 11 characters' digits weighted by `weights`, mod 11; NaN when one is not a digit. */
function weighted(id: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < 11; i++) sum += digitAt(id, i) * weights[i]!;
  return sum % 11;
}

/**
 * The two-pass mod-11 check digit shared by IIN and BIN, from the first 11 digits of `id`
 * (undefined: never issued, or `id` does not start with 11 digits).
 */
export function checkDigit(id: string): number | undefined {
  const first = weighted(id, W1);
  if (first !== 10) return Number.isNaN(first) ? undefined : first;
  const second = weighted(id, W2);
  return second === 10 ? undefined : second;
}

/**
 * The birth date an IIN encodes, `YYYY-MM-DD` with the century from its 7th digit, or undefined
 * when the first seven characters are not six digits and a digit 1–6. Not checked as a date.
 */
export function iinDateText(iin: string): string | undefined {
  const century = CENTURY[iin[6] ?? ''];
  if (century === undefined || !/^[0-9]{6}/.test(iin)) return undefined;
  return `${century}${iin.slice(0, 2)}-${iin.slice(2, 4)}-${iin.slice(4, 6)}`;
}

/**
 * True for a 12-digit IIN whose first six digits are a real calendar date in the century its
 * 7th digit names (1–2: 1800s, 3–4: 1900s, 5–6: 2000s; so 29 February only in leap years,
 * 1900 not one, 2000 one) and whose 12th digit is the check digit.
 */
export function isValidIin(value: string): boolean {
  return IIN_PATTERN.test(value) && iinDateIsReal(value) && checkDigit(value) === digitAt(value, 11);
}

/**
 * True when the date of an IIN that matched {@link IIN_PATTERN} is a real day, read from its
 * digits in place (the date text {@link iinDateText} builds is for messages and mappings).
 */
function iinDateIsReal(iin: string): boolean {
  // The 7th digit is 1–6 (the pattern): 1–2 the 1800s, 3–4 the 1900s, 5–6 the 2000s.
  const century = 1800 + 100 * Math.floor((digitAt(iin, 6) - 1) / 2);
  return isRealDay(century + digitsAt(iin, 0, 2), digitsAt(iin, 2, 2), digitsAt(iin, 4, 2));
}

/** True for `<mother's IIN>-<birth order>` where the mother's IIN is itself valid. */
export function isValidProvisionalNewborn(value: string): boolean {
  const match = PROVISIONAL_PATTERN.exec(value);
  return match !== null && isValidIin(match[1]!);
}

/**
 * True for a 12-digit BIN with registration YYMM (month 01–12; the year has no century digit,
 * so every YY is a year), type 4–6, attribute 0–3 and a valid check digit.
 */
export function isValidBin(value: string): boolean {
  return BIN_PATTERN.test(value) && checkDigit(value) === digitAt(value, 11);
}

/** True for a 9-digit KATO code whose first two digits name a region or city of republican significance. */
export function isValidKato(value: string): boolean {
  return KATO_PATTERN.test(value) && KATO_REGION_CODES.has(value.slice(0, 2));
}

/**
 * True unless the resource has a `birthDate` and its first IIN (system {@link IIN_SYSTEM}) encodes
 * a date that `birthDate` is not a prefix of: `2025-08-20`, `2025-08` and `2025` all agree with
 * `250820…5…`. An IIN without a readable date is kz-iin-1's to report.
 */
export function iinAgreesWithBirthDate(resource: unknown): boolean {
  const { birthDate, identifier } = resource as { birthDate?: unknown; identifier?: unknown };
  if (typeof birthDate !== 'string' || !Array.isArray(identifier)) return true;
  const iin = identifier.find((i) => (i as { system?: unknown } | null)?.system === IIN_SYSTEM) as
    { value?: unknown } | undefined;
  if (typeof iin?.value !== 'string') return true;
  const encoded = iinDateText(iin.value);
  return encoded === undefined || encoded.startsWith(birthDate);
}

/** The 7th digit of an IIN that says a man (odd) or a woman (even): 1, 3, 5 or 2, 4, 6. */
const SEX_DIGITS: Readonly<Record<'male' | 'female', string>> = { male: '135', female: '246' };

/**
 * kz-iin-2: every IIN of a male resource has an odd 7th digit, of a female one an even digit.
 * Undefined (abstain: the FHIRPath form decides) for shapes the base pass rejects anyway or
 * where FHIRPath's empty-collection logic would need spelling out: a non-string gender, a
 * non-array `identifier`, an IIN value that is not a string. An IIN without a 7th character
 * disagrees, as in FHIRPath (kz-iin-1 reports the IIN itself).
 */
export function iinAgreesWithGender(resource: unknown): boolean | undefined {
  const { gender, identifier } = resource as { gender?: unknown; identifier?: unknown };
  if (gender === undefined) return true;
  if (typeof gender !== 'string') return undefined;
  if (gender !== 'male' && gender !== 'female') return true;
  if (identifier === undefined) return true;
  if (!Array.isArray(identifier)) return undefined;
  for (const item of identifier) {
    if ((item as { system?: unknown } | null)?.system !== IIN_SYSTEM) continue;
    const value = (item as { value?: unknown }).value;
    // As FHIRPath reads it: no 7th character is no digit in the set, so `all()` is false.
    if (value === undefined) return false;
    if (typeof value !== 'string') return undefined;
    if (value.length < 7 || !SEX_DIGITS[gender].includes(value[6]!)) return false;
  }
  return true;
}

/** kz-pat-1: the patient has an IIN or a provisional newborn identifier; abstains on a non-array. */
export function hasIinOrProvisionalIdentifier(resource: unknown): boolean | undefined {
  const { identifier } = resource as { identifier?: unknown };
  if (identifier === undefined) return false;
  if (!Array.isArray(identifier)) return undefined;
  return identifier.some((item) => {
    const system = (item as { system?: unknown } | null)?.system;
    return system === IIN_SYSTEM || system === PROVISIONAL_NEWBORN_SYSTEM;
  });
}
