/**
 * Value normalisation shared by indexing (write time) and query parsing (read time).
 * @see https://hl7.org/fhir/R4/search.html#string
 * @see https://hl7.org/fhir/R4/search.html#date
 * @module
 */

/** Case- and accent-folded form of a string: NFD, combining marks removed, lower case. */
export function foldString(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Earliest and latest instants used for open period ends (the ECMAScript Date range). */
export const MIN_INSTANT = -8_640_000_000_000_000;
export const MAX_INSTANT = 8_640_000_000_000_000;

const DATE_PATTERN =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/**
 * The inclusive instant range `[low, high]` (epoch ms) a FHIR date, dateTime or instant covers
 * at its precision: `2020` covers the whole year. Without a zone, UTC is assumed.
 * Returns `undefined` for text that is not a FHIR date.
 */
export function dateRange(value: string): { low: number; high: number } | undefined {
  const m = DATE_PATTERN.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const year = Number(y);
  const month = mo ? Number(mo) - 1 : 0;
  const day = d ? Number(d) : 1;
  const offset = zoneOffsetMs(zone);
  const start = Date.UTC(year, month, day, Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0)) - offset;
  if (Number.isNaN(start) || (mo && (month < 0 || month > 11)) || (d && (day < 1 || day > daysIn(year, month))))
    return undefined;
  if (h !== undefined && (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59)) return undefined;
  let end: number;
  if (!mo) end = Date.UTC(year + 1, 0, 1) - offset;
  else if (!d) end = Date.UTC(year, month + 1, 1) - offset;
  else if (h === undefined) end = Date.UTC(year, month, day + 1) - offset;
  else if (s === undefined) end = start + 60_000;
  else if (frac === undefined) end = start + 1000;
  else {
    const digits = frac.length - 1;
    const ms = Math.round(Number(frac) * 1000);
    const unit = digits >= 3 ? 1 : 10 ** (3 - digits);
    return { low: start + ms, high: start + ms + unit - 1 };
  }
  return { low: start, high: end - 1 };
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

function zoneOffsetMs(zone: string | undefined): number {
  if (!zone || zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const [hours, minutes] = zone.slice(1).split(':').map(Number);
  return sign * ((hours ?? 0) * 60 + (minutes ?? 0)) * 60_000;
}

/**
 * The range a number written with `text`'s precision stands for: `100` → [99.5, 100.5),
 * `1.50` → [1.495, 1.505). Exponent forms use the significant digits.
 * @see https://hl7.org/fhir/R4/search.html#number
 */
export function precisionRange(text: string): { low: number; high: number } {
  const value = Number(text);
  const [mantissa = '', exponent] = text.toLowerCase().split('e');
  const decimals = mantissa.includes('.') ? mantissa.length - mantissa.indexOf('.') - 1 : 0;
  // At least a few ulps, so that a value written with all its float digits still equals itself.
  const half = Math.max(0.5 * 10 ** (-decimals + Number(exponent ?? 0)), Math.abs(value) * Number.EPSILON * 4);
  return { low: value - half, high: value + half };
}
