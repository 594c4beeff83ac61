/**
 * Kazakh national identifiers as native checks behind the guide's named invariants: kz-iin-1
 * (IIN) and kz-bin-1 (BIN). Same rules as the guide's FHIRPath (pattern, then the two-pass mod-11
 * check digit); a native form because the FHIRPath takes ~100 µs per identifier in fhirpath.js.
 * The invariants cross-check test compares both on every guide example.
 * @see ../shared/domain.md §3.1 (IIN) and §3.2 (BIN)
 * @module
 */

const IIN_PATTERN = /^[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])[1-6][0-9]{5}$/;
const BIN_PATTERN = /^[0-9]{2}(0[1-9]|1[0-2])[456][0-3][0-9]{6}$/;
const W1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const W2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

function weighted(digits: readonly number[], weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < 11; i++) sum += digits[i]! * weights[i]!;
  return sum % 11;
}

/** The two-pass mod-11 check digit shared by IIN and BIN (undefined: never issued). */
export function checkDigit(id: string): number | undefined {
  const digits = [...id].map(Number);
  const first = weighted(digits, W1);
  if (first !== 10) return first;
  const second = weighted(digits, W2);
  return second === 10 ? undefined : second;
}

/** True for a 12-digit IIN with a YYMMDD-shaped date, century/sex digit 1–6 and a valid check digit. */
export function isValidIin(value: string): boolean {
  return IIN_PATTERN.test(value) && checkDigit(value) === Number(value[11]);
}

/** True for a 12-digit BIN with YYMM, type 4–6, attribute 0–3 and a valid check digit. */
export function isValidBin(value: string): boolean {
  return BIN_PATTERN.test(value) && checkDigit(value) === Number(value[11]);
}
