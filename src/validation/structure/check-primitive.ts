/**
 * Checks one primitive value: JSON kind, the R4 regex, integer ranges, string length and real
 * calendar dates. Empty and whitespace-only strings, control characters other than tab, CR and
 * LF, and lone surrogates are invalid for every string-based primitive.
 * @see https://hl7.org/fhir/R4/datatypes.html#primitive
 * @see https://hl7.org/fhir/R4/json.html#primitive
 * @module
 */
import { FORBIDDEN_STRING_CHARACTER } from '../../fhir/fhir-string.js';
import type { LinkedPrimitive } from '../model/link-primitive.js';
import { jsonKind, report, type WalkContext } from '../walk-context.js';
import type { WalkPath } from '../walk-path.js';
import { checkNarrativeXhtml } from '../xhtml/check-narrative.js';
import { isRealCalendarDate } from './check-calendar-date.js';

const JSON_KIND_NAME = { s: 'string', n: 'number', b: 'boolean' } as const;

/**
 * Validates `value` as the primitive `rules.type`; reports at `path`. Arguments are positional
 * and the kind test compares with constants: this runs for every primitive value written.
 */
export function checkPrimitive(ctx: WalkContext, rules: LinkedPrimitive, value: unknown, path: WalkPath): void {
  if (rules.j === 's') {
    if (typeof value === 'string') return checkString(ctx, rules, value, path);
  } else if (rules.j === 'n') {
    if (typeof value === 'number') return checkNumber(ctx, rules, value, path);
  } else if (typeof value === 'boolean') {
    return;
  }
  const message = `Expected a JSON ${JSON_KIND_NAME[rules.j]} for ${rules.type}, found ${jsonKind(value)}`;
  report(ctx, { code: 'structure', message }, path);
}

/** FHIR's whitespace is XML's (space, tab, CR, LF), as in the R4 regexes: U+00A0 is content. */
const NON_WHITESPACE = /[^ \t\n\r]/;

/** What {@link shapeOf} found in a string. */
const PLAIN = 0; // no whitespace, control character or surrogate
const SPACED = 1; // whitespace, but not first; no control character or surrogate
const SUSPECT = 2; // a control character other than tab, LF and CR, a surrogate, or leading whitespace

/** A character that needs a closer look: whitespace, a control character or a surrogate. */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const NOT_PLAIN = /[\u0000-\u0020\ud800-\udfff]/;

/** What makes a string SUSPECT: a control character other than tab, LF and CR, a surrogate, or leading whitespace. */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const SUSPECT_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff]|^[ \t\n\r]/;

/**
 * Decides what the patterns need to look at. Most strings are PLAIN or SPACED, and then neither
 * the forbidden-character pattern nor the whitespace-only pattern can match; for a PLAIN value,
 * the patterns of `uri`, `code` and the like match too ({@link LinkedPrimitive.plainMatches}).
 * SUSPECT leaves the decision to the patterns. Regexes, not a `charCodeAt` loop: in the
 * validation bench the loop cost about 4 µs per KzPatient (400 characters), the regexes about 1.
 */
function shapeOf(value: string): number {
  if (!NOT_PLAIN.test(value)) return PLAIN;
  return SUSPECT_CHARACTER.test(value) ? SUSPECT : SPACED;
}

function checkString(ctx: WalkContext, rules: LinkedPrimitive, value: string, path: WalkPath): void {
  const type = rules.type;
  if (value.length === 0) {
    report(ctx, { code: 'value', message: `Empty string is not a valid ${type}; omit the element instead` }, path);
    return;
  }
  const shape = shapeOf(value);
  if (shape === SUSPECT && FORBIDDEN_STRING_CHARACTER.test(value)) {
    report(ctx, { code: 'value', message: forbiddenCharacterMessage(type, value) }, path);
  } else if (shape === SUSPECT && !NON_WHITESPACE.test(value)) {
    // "Strings SHALL contain non-whitespace content" (every other string type excludes it by regex).
    report(
      ctx,
      { code: 'value', message: `A ${type} of whitespace only is not valid; omit the element instead` },
      path,
    );
  } else if (rules.l !== undefined && value.length > rules.l) {
    report(ctx, { code: 'too-long', message: `${type} is longer than ${rules.l} characters` }, path);
  } else if (rules.pattern !== undefined && !(shape === PLAIN && rules.plainMatches) && !rules.pattern.test(value)) {
    report(ctx, { code: 'value', message: `'${clip(value)}' is not a valid ${type}` }, path);
  } else if (rules.calendar && !isRealCalendarDate(value)) {
    report(ctx, { code: 'value', message: `'${clip(value)}' is not a real calendar date` }, path);
  } else if (rules.xhtml) {
    for (const problem of checkNarrativeXhtml(value)) report(ctx, { code: 'value', message: problem }, path);
  }
}

function checkNumber(ctx: WalkContext, rules: LinkedPrimitive, value: number, path: WalkPath): void {
  const { type, min, max } = rules;
  if (!Number.isFinite(value)) {
    report(ctx, { code: 'value', message: `${value} is not a valid ${type}` }, path);
  } else if (min !== undefined && !Number.isInteger(value)) {
    report(ctx, { code: 'value', message: `${value} is not a valid ${type}: expected a whole number` }, path);
  } else if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
    report(ctx, { code: 'value', message: `${value} is outside the range of ${type} (${min}..${max})` }, path);
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
