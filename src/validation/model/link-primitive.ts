/**
 * A primitive type's rules in the form the walk uses: which checks a value of the type needs
 * beyond those every string gets (not empty, no forbidden character, not whitespace only),
 * decided once when the model is linked, so that each value pays only for its type's checks.
 * @see https://hl7.org/fhir/R4/datatypes.html#primitive
 * @module
 */
import type { CompactPrimitive } from './compiled-model.js';

/** A primitive type ready for the walk (see {@link linkPrimitive}). */
export interface LinkedPrimitive {
  readonly type: string;
  /** JSON kind: `s` string, `n` number, `b` boolean. */
  readonly j: CompactPrimitive['j'];
  /** Inclusive integer range, and the longest string. */
  readonly min: number | undefined;
  readonly max: number | undefined;
  readonly l: number | undefined;
  /** The R4 pattern; absent when it accepts every non-empty string (`string`, `markdown`). */
  readonly pattern: RegExp | undefined;
  /**
   * The pattern accepts every non-empty string without whitespace, control characters or
   * surrogates (`uri`, `code`…), so such a value needs no regex run.
   */
  readonly plainMatches: boolean;
  /** A date type: the value must also be a real calendar date. */
  readonly calendar: boolean;
  /** `xhtml`: the value is a narrative, checked by the XHTML rules. */
  readonly xhtml: boolean;
}

/**
 * R4 patterns (as translated by the generator, `RegExp.source`) that every non-empty string
 * matches: `string` and `markdown`.
 */
const ANY_NON_EMPTY = new Set(['^(?:[\\s\\S]+)$']);

/**
 * R4 patterns that every non-empty string without XML whitespace (space, tab, CR, LF) matches:
 * `uri`, `url`, `canonical` (no whitespace at all) and `code` (single spaces between tokens).
 * Listed by source, so a changed pattern simply loses the shortcut; the test of this module
 * holds each listed pattern to the claim.
 */
export const PLAIN_MATCHING_PATTERNS: ReadonlySet<string> = new Set([
  '^(?:[^ \\t\\n\\r]*)$',
  '^(?:[^ \\t\\n\\r]+([ \\t\\n\\r][^ \\t\\n\\r]+)*)$',
]);

const CALENDAR_TYPES = new Set(['date', 'dateTime', 'instant']);

/** Links the compiled rules of the primitive `type`. */
export function linkPrimitive(type: string, rules: CompactPrimitive): LinkedPrimitive {
  const source = rules.r?.source;
  const matchesAll = source !== undefined && ANY_NON_EMPTY.has(source);
  return {
    type,
    j: rules.j,
    min: rules.min,
    max: rules.max,
    l: rules.l,
    pattern: matchesAll ? undefined : rules.r,
    plainMatches: source === undefined || matchesAll || PLAIN_MATCHING_PATTERNS.has(source),
    calendar: CALENDAR_TYPES.has(type),
    xhtml: type === 'xhtml',
  };
}
