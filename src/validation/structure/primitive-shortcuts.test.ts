/**
 * The shortcuts of the primitive check (a pattern skipped for a value without whitespace, a
 * pattern dropped because it matches every non-empty string) held to the rules they stand for:
 * for every R4 string type and thousands of short strings over an alphabet of the characters
 * the rules care about, `checkPrimitive` reports what running every rule in order reports.
 */
import { describe, expect, it } from 'vitest';
import { FORBIDDEN_STRING_CHARACTER } from '../../fhir/fhir-string.js';
import { R4_PRIMITIVES } from '../../generated/r4/primitives.js';
import type { CompactPrimitive } from '../model/compiled-model.js';
import type { LinkedModel } from '../model/link-model.js';
import { PLAIN_MATCHING_PATTERNS, linkPrimitive } from '../model/link-primitive.js';
import { createWalkContext } from '../walk-context.js';
import { isRealCalendarDate } from './check-calendar-date.js';
import { checkPrimitive } from './check-primitive.js';

/** Letters, digits, punctuation, each kind of whitespace, controls, surrogates, non-ASCII. */
const ALPHABET = ['a', 'Z', '0', '9', '-', '.', ':', '/', ' ', '\t', '\n', '\r', '\u000b', '\u0001', '\u001f'];
const MORE = ['\u00a0', 'é', 'Ж', '\ud800', '\udc00', '😀'];

/** Every string of up to three characters over `ALPHABET`, and each of `MORE` in a few positions. */
function samples(): string[] {
  const out = [''];
  let level = [''];
  for (let length = 1; length <= 3; length++) {
    level = level.flatMap((s) => ALPHABET.map((c) => s + c));
    out.push(...level);
  }
  for (const c of MORE) out.push(c, `a${c}`, `${c}a`, `a${c}b`, ` ${c}`, `${c} `);
  out.push('2025-08-20', '2025-02-30', '2024-02-29T10:00:00Z', 'urn:oid:1.2.3', 'a'.repeat(65), 'a  b', 'a b');
  return out;
}

/** The rules of a string type, each run in turn: what the check did before it took shortcuts. */
function expectedMessage(type: string, rules: CompactPrimitive, value: string): string | undefined {
  if (value.length === 0) return `Empty string is not a valid ${type}; omit the element instead`;
  if (FORBIDDEN_STRING_CHARACTER.test(value)) return 'forbidden';
  if (!/[^ \t\n\r]/.test(value)) return `A ${type} of whitespace only is not valid; omit the element instead`;
  if (rules.l !== undefined && value.length > rules.l) return `${type} is longer than ${rules.l} characters`;
  const quoted = value.length > 60 ? `${value.slice(0, 57)}...` : value;
  if (rules.r && !rules.r.test(value)) return `'${quoted}' is not a valid ${type}`;
  if (['date', 'dateTime', 'instant'].includes(type) && !isRealCalendarDate(value))
    return `'${quoted}' is not a real calendar date`;
  return undefined;
}

function actualMessage(type: string, rules: CompactPrimitive, value: string): string | undefined {
  const ctx = createWalkContext({} as LinkedModel);
  checkPrimitive(ctx, linkPrimitive(type, rules), value, 'X.value');
  expect(ctx.issues.length).toBeLessThanOrEqual(1);
  const message = ctx.issues[0]?.message;
  return message?.includes('may not contain') ? 'forbidden' : message;
}

const STRING_TYPES = Object.entries(R4_PRIMITIVES).filter(([type, rules]) => rules.j === 's' && type !== 'xhtml');

describe('primitive check shortcuts', () => {
  it.each(STRING_TYPES)('%s: the same issue as every rule run in turn, on every sample', (type, rules) => {
    const differences = samples()
      .map((value) => ({ value, expected: expectedMessage(type, rules, value), actual: actualMessage(type, rules, value) }))
      .filter((c) => c.expected !== c.actual);
    expect(differences).toEqual([]);
  });

  it('takes the shortcuts it claims for uri, code, string and markdown', () => {
    const linked = (type: string) => linkPrimitive(type, R4_PRIMITIVES[type]!);
    expect(linked('uri').plainMatches).toBe(true);
    expect(linked('code').plainMatches).toBe(true);
    expect(linked('id').plainMatches).toBe(false);
    expect(linked('string').pattern).toBeUndefined();
    expect(linked('markdown').pattern).toBeUndefined();
    // Each listed pattern is one that the R4 tables use (a stale entry would be dead code).
    const used = new Set(Object.values(R4_PRIMITIVES).map((rules) => rules.r?.source));
    for (const source of PLAIN_MATCHING_PATTERNS) expect(used.has(source)).toBe(true);
  });
});
