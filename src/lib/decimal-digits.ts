/**
 * Decimal digits read in place from a string, without slicing it or converting through
 * `Number`: date parts and identifier digits are checked on every resource written, and a
 * string-to-number conversion of a slice costs far more than the arithmetic.
 * @module
 */

/** The digit at `i` of `text`, or NaN when it is not an ASCII digit (or `i` is past the end). */
export function digitAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  return code >= 48 && code <= 57 ? code - 48 : NaN;
}

/** The number the `count` digits of `text` from `start` spell, or NaN when one is not a digit. */
export function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) value = value * 10 + digitAt(text, i);
  return value;
}
