/**
 * Calendar arithmetic on FHIR dates (`YYYY-MM-DD`), done in UTC so that no time zone or summer
 * time moves a day. Months are calendar months: adding one to 31 January gives the last day of
 * February (28th, or 29th in a leap year), and adding twelve to 29 February gives 28 February,
 * the convention of most date libraries and of "age in completed months".
 * @see https://hl7.org/fhir/R4/datatypes.html#date
 * @module
 */

/** A FHIR date of full precision, `YYYY-MM-DD`. */
export type CalendarDate = string;

const FULL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** The UTC midnight of `date`; throws for anything but a real `YYYY-MM-DD` date. */
function toUtc(date: CalendarDate): Date {
  const match = FULL_DATE.exec(date);
  if (!match) throw new RangeError(`'${date}' is not a full date (YYYY-MM-DD)`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = new Date(Date.UTC(year, month - 1, day));
  if (utc.getUTCMonth() !== month - 1 || utc.getUTCDate() !== day) throw new RangeError(`'${date}' is not a real date`);
  return utc;
}

function fromUtc(utc: Date): CalendarDate {
  return utc.toISOString().slice(0, 10);
}

/** True for a real full date (`2024-02-29` yes, `2023-02-29` no). */
export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string') return false;
  try {
    toUtc(value);
    return true;
  } catch {
    return false;
  }
}

/** The date part of a FHIR date or dateTime (`2025-08-20T10:00:00+05:00` → `2025-08-20`), as written locally. */
export function datePart(value: string): CalendarDate {
  return value.slice(0, 10);
}

/** `date` plus `days` (negative goes back). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromUtc(new Date(toUtc(date).getTime() + days * DAY_MS));
}

/** `date` plus `months` calendar months, clamped to the last day of the target month. */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const utc = toUtc(date);
  const target = new Date(Date.UTC(utc.getUTCFullYear(), utc.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(utc.getUTCDate(), lastDay));
  return fromUtc(target);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / DAY_MS);
}

/** A duration in the units the programme parameters use (UCUM `d`, `wk`, `mo`, `a`). */
export interface CalendarDuration {
  value: number;
  unit: 'd' | 'wk' | 'mo' | 'a';
}

/** `date` plus `duration` (times `sign`, so that a window's "before" goes back). */
export function addDuration(date: CalendarDate, duration: CalendarDuration, sign: 1 | -1 = 1): CalendarDate {
  const n = duration.value * sign;
  switch (duration.unit) {
    case 'd':
      return addDays(date, n);
    case 'wk':
      return addDays(date, n * 7);
    case 'mo':
      return addMonths(date, n);
    case 'a':
      return addMonths(date, n * 12);
  }
}
