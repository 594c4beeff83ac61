/**
 * Checks one primitive value: JSON kind, the R4 regex, integer ranges, string length and real
 * calendar dates. Empty and whitespace-only strings, control characters other than tab, CR and
 * LF, and lone surrogates are invalid for every string-based primitive.
 * @see https://hl7.org/fhir/R4/datatypes.html#primitive
 * @see https://hl7.org/fhir/R4/json.html#primitive
 * @module
 */
import { FORBIDDEN_STRING_CHARACTER } from '../../fhir/fhir-string.js';
import type { CompactPrimitive } from '../model/compiled-model.js';
import { jsonKind, report, type WalkContext } from '../walk-context.js';
import { checkNarrativeXhtml } from '../xhtml/check-narrative.js';
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

/** FHIR's whitespace is XML's (space, tab, CR, LF), as in the R4 regexes: U+00A0 is content. */
const NON_WHITESPACE = /[^ \t\n\r]/;

/**
 * A quick scan for what the two patterns below look for: true when `value` holds a control
 * character other than tab, LF and CR, a surrogate (paired or not), or starts with whitespace.
 * Most strings have none, and one pass over their characters is cheaper than two regex runs;
 * when it answers true, the patterns decide.
 */
function needsPatternCheck(value: string): boolean {
  const first = value.charCodeAt(0);
  if (first === 32 || first === 9 || first === 10 || first === 13) return true;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || (c >= 0xd800 && c <= 0xdfff)) return true;
  }
  return false;
}

function checkString(ctx: WalkContext, { type, rules, value, path }: Check<string>): void {
  const suspect = value.length > 0 && needsPatternCheck(value);
  if (value.length === 0) {
    report(ctx, { code: 'value', message: `Empty string is not a valid ${type}; omit the element instead` }, path);
  } else if (suspect && FORBIDDEN_STRING_CHARACTER.test(value)) {
    report(ctx, { code: 'value', message: forbiddenCharacterMessage(type, value) }, path);
  } else if (suspect && !NON_WHITESPACE.test(value)) {
    // "Strings SHALL contain non-whitespace content" (every other string type excludes it by regex).
    report(
      ctx,
      { code: 'value', message: `A ${type} of whitespace only is not valid; omit the element instead` },
      path,
    );
  } else if (rules.l !== undefined && value.length > rules.l) {
    report(ctx, { code: 'too-long', message: `${type} is longer than ${rules.l} characters` }, path);
  } else if (rules.r && !rules.r.test(value)) {
    report(ctx, { code: 'value', message: `'${clip(value)}' is not a valid ${type}` }, path);
  } else if (DATE_TYPES.has(type) && !isRealCalendarDate(value)) {
    report(ctx, { code: 'value', message: `'${clip(value)}' is not a real calendar date` }, path);
  } else if (type === 'xhtml') {
    for (const problem of checkNarrativeXhtml(value)) report(ctx, { code: 'value', message: problem }, path);
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

function forbiddenCharacterMessage(type: string, value: string): string {
  const code = value.charCodeAt(value.search(FORBIDDEN_STRING_CHARACTER));
  const hex = code.toString(16).toUpperCase().padStart(4, '0');
  return code < 0x20
    ? `A ${type} may not contain the control character U+${hex} (only tab, CR and LF are allowed)`
    : `A ${type} may not contain the lone surrogate U+${hex} (not a Unicode character)`;
}

function clip(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}...` : value;
}
