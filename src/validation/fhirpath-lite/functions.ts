/**
 * The FHIRPath functions of the subset, over plain JSON collections. Criteria arguments
 * (`where`, `all`, `exists(…)`, `select`) are evaluated per item with `$this` bound.
 * @see https://hl7.org/fhirpath/N1/#functions
 * @module
 */
import { UnsupportedFhirPath } from './parse-fhirpath.js';
import type { Compiled, Scope } from './compile-fhirpath.js';

/** Evaluates argument `i` with `item` as focus and `$this`. */
export type Evaluate = (i: number, item: unknown, scope: Scope) => unknown[];

interface Call {
  args: readonly Compiled[];
  evalArg: Evaluate;
  scope: Scope;
}

interface FhirPathFunction {
  arity: number;
  run: (input: readonly unknown[], call: Call) => unknown[];
}

function truthy(c: readonly unknown[]): boolean {
  if (c.length > 1) throw new UnsupportedFhirPath('criteria with a multi-item result');
  return c.length === 1 && c[0] !== false;
}

function single(input: readonly unknown[]): unknown {
  if (input.length > 1) throw new UnsupportedFhirPath('function on a multi-item collection');
  return input[0];
}

function stringArg(call: Call, i: number): string {
  const value = call.args[i]!(call.scope)[0];
  if (typeof value !== 'string') throw new UnsupportedFhirPath('non-string argument');
  return value;
}

function onString(input: readonly unknown[], fn: (s: string) => unknown): unknown[] {
  const value = single(input);
  if (value === undefined) return [];
  if (typeof value !== 'string') throw new UnsupportedFhirPath('string function on a non-string');
  return [fn(value)];
}

function numberArg(call: Call, i: number): number {
  const value = call.args[i]!(call.scope)[0];
  if (typeof value !== 'number') throw new UnsupportedFhirPath('non-number argument');
  return value;
}

/** substring(start [, length]); an out-of-range start gives an empty result. */
function substring(input: readonly unknown[], call: Call, withLength: boolean): unknown[] {
  const value = single(input);
  if (value === undefined) return [];
  if (typeof value !== 'string') throw new UnsupportedFhirPath('substring of a non-string');
  const start = numberArg(call, 0);
  if (start < 0 || start >= value.length) return [];
  return [withLength ? value.substr(start, numberArg(call, 1)) : value.slice(start)];
}

/** toString() of primitives only: other types need FHIRPath's own formatting rules. */
function stringOf(value: unknown): unknown[] {
  if (value === undefined) return [];
  if (typeof value === 'string') return [value];
  if (typeof value === 'boolean' || (typeof value === 'number' && Number.isInteger(value))) return [String(value)];
  throw new UnsupportedFhirPath('toString of a non-primitive');
}

/** iif(criterion, then [, else]): only the chosen branch is evaluated. */
function iif(input: readonly unknown[], call: Call): unknown[] {
  const focus = { ...call.scope, focus: input };
  const condition = call.args[0]!(focus);
  if (condition.length > 1) throw new UnsupportedFhirPath('iif with a multi-item criterion');
  const chosen = condition.length === 1 && condition[0] === true ? 1 : 2;
  return call.args[chosen] ? call.args[chosen](focus) : [];
}

const regexCache = new Map<string, RegExp>();

function regex(source: string): RegExp {
  let re = regexCache.get(source);
  if (!re) {
    try {
      re = new RegExp(source, 's');
    } catch {
      throw new UnsupportedFhirPath(`regex ${source}`);
    }
    regexCache.set(source, re);
  }
  return re;
}

/** Supported functions by `name` (or `name/arity` where one name has two forms). */
export const FUNCTIONS: Readonly<Record<string, FhirPathFunction>> = {
  exists: { arity: 0, run: (input) => [input.length > 0] },
  'exists/1': { arity: 1, run: (input, c) => [input.some((item) => truthy(c.evalArg(0, item, c.scope)))] },
  empty: { arity: 0, run: (input) => [input.length === 0] },
  not: {
    arity: 0,
    run: (input) => {
      if (input.length === 0) return [];
      const v = single(input);
      return [typeof v === 'boolean' ? !v : false];
    },
  },
  hasValue: { arity: 0, run: (input) => [input.length === 1 && typeof input[0] !== 'object'] },
  count: { arity: 0, run: (input) => [input.length] },
  first: { arity: 0, run: (input) => input.slice(0, 1) },
  tail: { arity: 0, run: (input) => input.slice(1) },
  isDistinct: {
    arity: 0,
    run: (input) => [new Set(input.map((v) => JSON.stringify(v))).size === input.length],
  },
  intersect: {
    arity: 1,
    run: (input, c) => {
      const other = c.args[0]!(c.scope).map((v) => JSON.stringify(v));
      const out = input.filter((v) => other.includes(JSON.stringify(v)));
      return out.filter((v, i) => out.findIndex((w) => JSON.stringify(w) === JSON.stringify(v)) === i);
    },
  },
  where: { arity: 1, run: (input, c) => input.filter((item) => truthy(c.evalArg(0, item, c.scope))) },
  all: { arity: 1, run: (input, c) => [input.every((item) => truthy(c.evalArg(0, item, c.scope)))] },
  select: { arity: 1, run: (input, c) => input.flatMap((item) => c.evalArg(0, item, c.scope)) },
  trace: { arity: 1, run: (input) => [...input] },
  'trace/2': { arity: 2, run: (input) => [...input] },
  startsWith: { arity: 1, run: (input, c) => onString(input, (s) => s.startsWith(stringArg(c, 0))) },
  contains: { arity: 1, run: (input, c) => onString(input, (s) => s.includes(stringArg(c, 0))) },
  matches: { arity: 1, run: (input, c) => onString(input, (s) => regex(stringArg(c, 0)).test(s)) },
  length: { arity: 0, run: (input) => onString(input, (s) => s.length) },
  'substring/1': { arity: 1, run: (input, c) => substring(input, c, false) },
  'substring/2': { arity: 2, run: (input, c) => substring(input, c, true) },
  'toString/0': { arity: 0, run: (input) => stringOf(single(input)) },
  'iif/2': { arity: 2, run: (input, c) => iif(input, c) },
  'iif/3': { arity: 3, run: (input, c) => iif(input, c) },
};
