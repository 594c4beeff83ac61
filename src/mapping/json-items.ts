/**
 * A streaming splitter for JSON ingest bodies: a single object, or an array of records yielded
 * one element at a time, so a batch of tens of thousands of records never sits in memory as one
 * parsed value. Each element's text is handed on for strict parsing on its own; a problem in one
 * element (too large, empty, the body cut off inside it) is reported against that element only.
 * The scan is a loop over characters with no recursion, so no nesting can overflow the stack.
 * Web streams only (Workers-safe).
 * @see https://www.rfc-editor.org/rfc/rfc8259
 * @module
 */
import { FhirError, badRequest, error } from '../fhir/outcome.js';

/** One element of the body: its text, or why it cannot be read. */
export type JsonItem =
  | { kind: 'text'; text: string; /** 1-based position in the array; absent for a single object. */ index?: number }
  | { kind: 'unreadable'; message: string; index?: number };

/** Limits of {@link jsonItems}. */
export interface JsonItemLimits {
  /** Largest element, in UTF-16 code units of its text; a larger one is reported, not kept. */
  maxItemLength: number;
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r', '\uFEFF']);

/** Where the scan is between elements (`outside`) or inside one (`inside`). */
interface ScanState {
  phase: 'start' | 'outside' | 'inside' | 'done';
  /** A single object body rather than an array. */
  single: boolean;
  depth: number;
  inString: boolean;
  escaped: boolean;
  index: number;
  parts: string[];
  length: number;
  /** The element grew past the limit: keep scanning to its end, keep none of its text. */
  oversized: boolean;
  /** Something other than whitespace came after the closing bracket. */
  trailing: boolean;
}

/**
 * Splits a UTF-8 JSON body into its records: the elements of a top-level array, or the one
 * top-level object. Throws a 4xx {@link FhirError} only while nothing has been yielded (the body
 * is empty, not an object or an array, not UTF-8 from its start, or a single object over the
 * limit); every later problem (bytes that are not UTF-8, a body broken off) is an `unreadable`
 * item, since the records before it have been handed on already.
 */
export async function* jsonItems(bytes: AsyncIterable<Uint8Array>, limits: JsonItemLimits): AsyncGenerator<JsonItem> {
  const state: ScanState = {
    phase: 'start',
    single: false,
    depth: 0,
    inString: false,
    escaped: false,
    index: 0,
    parts: [],
    length: 0,
    oversized: false,
    trailing: false,
  };
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let text: string;
  try {
    for await (const chunk of bytes) {
      text = decoder.decode(chunk, { stream: true });
      yield* scanChunk(state, text, limits);
    }
    text = decoder.decode();
  } catch (cause) {
    if (cause instanceof FhirError && state.phase === 'start') throw cause;
    const message =
      cause instanceof FhirError
        ? cause.message
        : cause instanceof TypeError && /decode|encoded/i.test(cause.message)
          ? 'The body is not valid UTF-8 from here on'
          : 'The body could not be read to its end';
    if (state.phase === 'start') throw badRequest(message, undefined, 'structure');
    yield { kind: 'unreadable', message, index: state.phase === 'inside' ? state.index : state.index + 1 };
    return;
  }
  yield* scanChunk(state, text, limits);
  yield* finish(state, limits);
}

function* scanChunk(state: ScanState, chunk: string, limits: JsonItemLimits): Generator<JsonItem> {
  let start = state.phase === 'inside' ? 0 : -1;
  for (let i = 0; i < chunk.length; i++) {
    const char = chunk[i]!;
    if (state.phase === 'inside') {
      const ended = stepInside(state, char);
      if (!ended) continue;
      keep(state, chunk.slice(start, i), limits);
      yield endItem(state, limits);
      state.phase = char === ']' ? 'done' : 'outside';
      start = -1;
      continue;
    }
    if (WHITESPACE.has(char)) continue;
    if (state.phase === 'start') {
      if (char === '[') {
        state.phase = 'outside';
        continue;
      }
      if (char !== '{') throw badRequest('The body is neither a JSON object nor a JSON array of records', undefined, 'structure');
      state.single = true;
    } else if (state.phase === 'done') {
      state.trailing = true;
      continue;
    } else if (char === ']' && state.index === 0) {
      state.phase = 'done';
      continue;
    }
    state.phase = 'inside';
    state.index++;
    start = i;
    i--; // the element's first character is scanned as part of it
  }
  if (state.phase === 'inside' && start >= 0) keep(state, chunk.slice(start), limits);
}

/** Advances over one character of an element; true when the character ends the element. */
function stepInside(state: ScanState, char: string): boolean {
  if (state.inString) {
    if (state.escaped) state.escaped = false;
    else if (char === '\\') state.escaped = true;
    else if (char === '"') state.inString = false;
    return false;
  }
  if (char === '"') state.inString = true;
  else if (char === '{' || char === '[') state.depth++;
  else if ((char === '}' || char === ']') && state.depth > 0) state.depth--;
  else if (state.depth === 0 && !state.single && (char === ',' || char === ']')) return true;
  return false;
}

function keep(state: ScanState, text: string, limits: JsonItemLimits): void {
  if (state.oversized) return;
  state.length += text.length;
  if (state.length > limits.maxItemLength) {
    state.oversized = true;
    state.parts = [];
    return;
  }
  state.parts.push(text);
}

function endItem(state: ScanState, limits: JsonItemLimits): JsonItem {
  const index = state.single ? undefined : state.index;
  const where = index === undefined ? {} : { index };
  const text = state.parts.join('').trim();
  const oversized = state.oversized;
  Object.assign(state, { parts: [], length: 0, oversized: false, depth: 0, inString: false, escaped: false });
  if (oversized) return { kind: 'unreadable', message: `The record is larger than the limit of ${limits.maxItemLength} characters`, ...where };
  if (text === '') return { kind: 'unreadable', message: 'An empty element between commas', ...where };
  return { kind: 'text', text, ...where };
}

function* finish(state: ScanState, limits: JsonItemLimits): Generator<JsonItem> {
  if (state.phase === 'start') throw badRequest('The request body is empty; a JSON object or array of records was expected', undefined, 'required');
  if (state.phase === 'inside' && state.single) {
    if (state.oversized) throw new FhirError(413, error('too-long', `The request body exceeds the limit of ${limits.maxItemLength} characters`));
    yield endItem(state, limits);
    return;
  }
  if (state.phase === 'inside' || state.phase === 'outside') {
    const index = state.phase === 'inside' ? state.index : state.index + 1;
    yield { kind: 'unreadable', message: 'The body ends inside the array (truncated?): its closing ] is missing', index };
    return;
  }
  if (state.trailing) yield { kind: 'unreadable', message: 'Text follows the closing ] of the array', index: state.index + 1 };
}
