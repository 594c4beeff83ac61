/**
 * A single iterative pass over JSON text that finds what `JSON.parse` accepts but FHIR JSON
 * forbids, before any recursive code sees the value: nesting deeper than a limit, a property
 * repeated in one object, a key that names an object's prototype machinery, a lone surrogate,
 * and an escaped control character other than tab, CR and LF. It does not check JSON syntax:
 * `JSON.parse` does that afterwards, so on malformed text it may miss a problem, never loop.
 * @see https://hl7.org/fhir/R4/json.html
 * @see https://hl7.org/fhir/R4/datatypes.html#string
 * @module
 */

/** Kinds of problem the scan reports. */
export const JSON_PROBLEM = {
  depth: 'depth',
  duplicateKey: 'duplicate-key',
  forbiddenKey: 'forbidden-key',
  loneSurrogate: 'lone-surrogate',
  controlCharacter: 'control-character',
} as const;
export type JsonProblemKind = (typeof JSON_PROBLEM)[keyof typeof JSON_PROBLEM];

/** The first problem found: its kind, where it is (keys and indexes from the root) and a message. */
export interface JsonProblem {
  kind: JsonProblemKind;
  /** Keys and array indexes from the root to the offending key or string. */
  path: (string | number)[];
  /** `resourceType` of the root object, when the scan had seen it before the problem. */
  rootType: string | undefined;
  message: string;
}

/** Property names that reach an object's prototype when used as keys. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const QUOTE = 0x22;
/** A run of string characters that need no attention (sticky; always matches, maybe empty). */
const PLAIN_RUN = /[^"\\\ud800-\udfff]*/y;
const ANY_SURROGATE = /[\ud800-\udfff]/;
const SURROGATE = /[\ud800-\udfff]/g;
const BACKSLASH = 0x5c;

/** Mutable state of one scan; containers are parallel arrays indexed by depth - 1. */
interface ScanState {
  readonly text: string;
  /** true for an object, false for an array. */
  readonly isObject: boolean[];
  /** Key of the current member (objects) or index of the current item (arrays). */
  readonly labels: (string | number)[];
  /** Keys seen so far in each open object; one Set per depth, reused. */
  readonly keySets: Set<string>[];
  depth: number;
  expectKey: boolean;
  rootType: string | undefined;
  captureRootType: boolean;
  /** Index of the next backslash at or after the last lookup (Infinity when none is left). */
  backslashAt: number;
  /** Index of the next surrogate likewise; most texts have none, found by one native test. */
  surrogateAt: number;
}

/** Scans `text`; returns the first problem, or undefined when there is none. */
export function scanJson(text: string, maxDepth: number): JsonProblem | undefined {
  const state: ScanState = {
    text,
    isObject: [],
    labels: [],
    keySets: [],
    depth: 0,
    expectKey: false,
    rootType: undefined,
    captureRootType: false,
    backslashAt: -1,
    surrogateAt: ANY_SURROGATE.test(text) ? -1 : Infinity,
  };
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = scanString(state, i);
      if (typeof end !== 'number') return end;
      i = end;
    } else if (c === 0x7b || c === 0x5b) {
      if (state.depth >= maxDepth) return depthProblem(state, maxDepth);
      open(state, c === 0x7b);
    } else if (c === 0x7d || c === 0x5d) {
      if (state.depth === 0) return undefined; // unbalanced: JSON.parse reports it
      state.depth--;
      state.expectKey = false;
    } else if (c === 0x2c && state.depth > 0) {
      const top = state.depth - 1;
      if (state.isObject[top]) state.expectKey = true;
      else state.labels[top] = (state.labels[top] as number) + 1;
    }
  }
  return undefined;
}

function open(state: ScanState, isObject: boolean): void {
  const level = state.depth++;
  state.isObject[level] = isObject;
  state.expectKey = isObject;
  if (isObject) {
    const keys = state.keySets[level];
    if (keys) keys.clear();
    else state.keySets[level] = new Set();
    state.labels[level] = '';
  } else state.labels[level] = 0;
}

/** Scans the string opening at `start`; returns the index of its closing quote, or a problem. */
function scanString(state: ScanState, start: number): number | JsonProblem {
  const { text } = state;
  const length = text.length;
  const quote = text.indexOf('"', start + 1);
  if (quote < 0) return length; // unterminated: JSON.parse reports it
  if (nextSpecial(state, start) > quote) {
    if (!state.expectKey && !state.captureRootType) return quote;
    return finishString(state, text.slice(start + 1, quote), quote);
  }
  let escaped = false;
  let j = start + 1;
  for (; j < length; j++) {
    // Skip plain characters natively; stop at a quote, backslash or surrogate.
    PLAIN_RUN.lastIndex = j;
    PLAIN_RUN.test(text);
    j = PLAIN_RUN.lastIndex;
    const c = text.charCodeAt(j);
    if (c === QUOTE) break;
    if (c === BACKSLASH) {
      escaped = true;
      const skip = checkEscape(state, j);
      if (typeof skip !== 'number') return skip;
      j += skip;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      if (c >= 0xdc00 || !isLowSurrogate(text.charCodeAt(j + 1))) return loneSurrogate(state);
      j++;
    }
  }
  if (j >= length) return j; // unterminated: JSON.parse reports it
  if (!state.expectKey && !state.captureRootType) return j;
  return finishString(state, escaped ? decode(text, start, j) : text.slice(start + 1, j), j);
}

/** A key goes to {@link acceptKey}; the value of the root's resourceType is kept for locations. */
function finishString(state: ScanState, value: string | undefined, end: number): number | JsonProblem {
  if (state.expectKey) return acceptKey(state, value) ?? end;
  if (state.captureRootType) {
    state.rootType = value;
    state.captureRootType = false;
  }
  return end;
}

/**
 * The index of the first backslash or surrogate at or after `from`. Each is looked up natively and
 * cached until the scan passes it, so a string without either costs one `indexOf` for its quote.
 */
function nextSpecial(state: ScanState, from: number): number {
  if (state.backslashAt < from) {
    const at = state.text.indexOf('\\', from);
    state.backslashAt = at < 0 ? Infinity : at;
  }
  if (state.surrogateAt < from) {
    SURROGATE.lastIndex = from;
    state.surrogateAt = SURROGATE.test(state.text) ? SURROGATE.lastIndex - 1 : Infinity;
  }
  return Math.min(state.backslashAt, state.surrogateAt);
}

/**
 * Checks the escape sequence at `at` (a backslash); returns how many characters after the
 * backslash it spans (a surrogate pair of two `\u` escapes counts as one), or a problem.
 */
function checkEscape(state: ScanState, at: number): number | JsonProblem {
  const { text } = state;
  const letter = text.charCodeAt(at + 1);
  // \b and \f escape control characters that FHIR strings exclude.
  if (letter === 0x62 || letter === 0x66) return controlCharacter(state, letter === 0x62 ? 8 : 12);
  if (letter !== 0x75) return 1;
  const code = hex4(text, at + 2);
  if (code < 0) return 1; // bad escape: JSON.parse reports it
  if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return controlCharacter(state, code);
  if (code >= 0xdc00 && code <= 0xdfff) return loneSurrogate(state);
  if (code < 0xd800 || code > 0xdbff) return 5;
  if (text.charCodeAt(at + 6) === BACKSLASH && text.charCodeAt(at + 7) === 0x75) {
    return isLowSurrogate(hex4(text, at + 8)) ? 11 : loneSurrogate(state);
  }
  // A raw low surrogate may follow an escaped high one; the loop then steps over it.
  return isLowSurrogate(text.charCodeAt(at + 6)) ? 6 : loneSurrogate(state);
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** The value of the four hex digits at `at`, or -1. */
function hex4(text: string, at: number): number {
  let value = 0;
  for (let k = at; k < at + 4; k++) {
    const c = text.charCodeAt(k);
    const digit =
      c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : -1;
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

/** Decodes a string token with escapes; undefined when malformed (JSON.parse reports it). */
function decode(text: string, start: number, end: number): string | undefined {
  try {
    return JSON.parse(text.slice(start, end + 1)) as string;
  } catch {
    return undefined;
  }
}

function acceptKey(state: ScanState, key: string | undefined): JsonProblem | undefined {
  state.expectKey = false;
  if (key === undefined) return undefined;
  const level = state.depth - 1;
  state.labels[level] = key;
  if (FORBIDDEN_KEYS.has(key)) {
    return problem(state, JSON_PROBLEM.forbiddenKey, `The property name '${key}' is not allowed`);
  }
  const keys = state.keySets[level]!;
  if (keys.has(key)) {
    return problem(
      state,
      JSON_PROBLEM.duplicateKey,
      `The property '${clip(key)}' appears more than once in one object`,
    );
  }
  keys.add(key);
  state.captureRootType = level === 0 && key === 'resourceType';
  return undefined;
}

/** Keeps attacker-sized keys out of messages. */
export function clip(key: string): string {
  return key.length > 64 ? `${key.slice(0, 61)}...` : key;
}

function depthProblem(state: ScanState, maxDepth: number): JsonProblem {
  const message = `The JSON is nested more than ${maxDepth} levels deep (objects and arrays); the limit is ${maxDepth}`;
  return problem(state, JSON_PROBLEM.depth, message);
}

function controlCharacter(state: ScanState, code: number): JsonProblem {
  const hex = code.toString(16).padStart(4, '0');
  const message = `A string contains the control character U+${hex}; only tab, CR and LF are allowed`;
  return problem(state, JSON_PROBLEM.controlCharacter, message);
}

function loneSurrogate(state: ScanState): JsonProblem {
  const message = 'A string contains a lone UTF-16 surrogate (not a Unicode character)';
  return problem(state, JSON_PROBLEM.loneSurrogate, message);
}

function problem(state: ScanState, kind: JsonProblemKind, message: string): JsonProblem {
  return { kind, path: state.labels.slice(0, state.depth), rootType: state.rootType, message };
}
