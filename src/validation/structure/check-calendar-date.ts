/**
 * Calendar check for date, dateTime and instant values whose lexical form already matched the
 * R4 regex: the regex allows 2023-02-31, the spec does not ("Dates SHALL be valid dates").
 * @see https://hl7.org/fhir/R4/datatypes.html#date
 * @module
 */
import { digitsAt } from '../../lib/decimal-digits.js';

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True when the `YYYY-MM-DD` prefix of `value` (if it has a day) names a real day. */
export function isRealCalendarDate(value: string): boolean {
  if (value.length < 10) return true;
  return isRealDay(digitsAt(value, 0, 4), digitsAt(value, 5, 2), digitsAt(value, 8, 2));
}

/** True when `day` of `month` (1–12) exists in `year` of the Gregorian calendar (1900 not leap, 2000 leap). */
export function isRealDay(year: number, month: number, day: number): boolean {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const limit = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  return day >= 1 && day <= limit;
}
