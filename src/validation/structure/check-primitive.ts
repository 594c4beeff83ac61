/**
 * Checks one primitive value: JSON kind, the R4 regex, integer ranges, string length and real
 * calendar dates. Empty strings are invalid for every string-based primitive.
 * @see https://hl7.org/fhir/R4/datatypes.html#primitive
 * @see https://hl7.org/fhir/R4/json.html#primitive
 * @module
 */
import type { CompactPrimitive } from '../model/compiled-model.js';
import { jsonKind, report, type WalkContext } from '../walk-context.js';
import { isRealCalendarDate } from './check-calendar-date.js';

const JSON_KIND_NAME = { s: 'string', n: 'number', b: 'boolean' } as const;
const DATE_TYPES = new Set(['date', 'dateTime', 'instant']);

/** Validates `value` as the primitive `type`; reports at `path`. */
export function checkPrimitive(
  ctx: WalkContext,
  type: string,
  rules: CompactPrimitive,
  value: unknown,
  path: string,
): void {
  const expected = JSON_KIND_NAME[rules.j];
  if (typeof value !== expected) {
    const message = `Expected a JSON ${expected} for ${type}, found ${jsonKind(value)}`;
    report(ctx, { code: 'structure', message }, path);
    return;
  }
  if (rules.j === 's') checkString(ctx, { type, rules, value: value as string, path });
  else if (rules.j === 'n') checkNumber(ctx, { type, rules, value: value as number, path });
}

interface Check<T> {
  type: string;
  rules: CompactPrimitive;
  value: T;
  path: string;
}

function checkString(ctx: WalkContext, { type, rules, value, path }: Check<string>): void {
  if (value.length === 0) {
    report(ctx, { code: 'value', message: `Empty string is not a valid ${type}; omit the element instead` }, path);
  } else if (rules.l !== undefined && value.length > rules.l) {
    report(ctx, { code: 'too-long', message: `${type} is longer than ${rules.l} characters` }, path);
  } else if (rules.r && !rules.r.test(value)) {
    report(ctx, { code: 'value', message: `'${clip(value)}' is not a valid ${type}` }, path);
  } else if (DATE_TYPES.has(type) && !isRealCalendarDate(value)) {
    report(ctx, { code: 'value', message: `'${clip(value)}' is not a real calendar date` }, path);
  }
}

function checkNumber(ctx: WalkContext, { type, rules, value, path }: Check<number>): void {
  if (!Number.isFinite(value)) {
    report(ctx, { code: 'value', message: `${value} is not a valid ${type}` }, path);
  } else if (rules.min !== undefined && !Number.isInteger(value)) {
    report(ctx, { code: 'value', message: `${value} is not a valid ${type}: expected a whole number` }, path);
  } else if ((rules.min !== undefined && value < rules.min) || (rules.max !== undefined && value > rules.max)) {
    report(
      ctx,
      { code: 'value', message: `${value} is outside the range of ${type} (${rules.min}..${rules.max})` },
      path,
    );
  }
}

function clip(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}...` : value;
}
