/**
 * Parsing one search value by parameter type into the IR. A malformed value is a 400 naming the
 * parameter; nothing is guessed.
 * @see https://hl7.org/fhir/R4/search.html#ptypes
 * @module
 */
import { badRequest } from '../fhir/outcome.js';
import { dateRange, foldString, precisionRange } from './normalize.js';
import { parseReferenceString } from './reference-string.js';
import type { Prefix, RangeValue, SearchValue } from './search-request.js';
import type { SearchParameter } from './search-parameter-registry.js';
import { UCUM_SYSTEM, toCanonicalUcum } from './ucum-canonical.js';

/** Splits on an unescaped separator and removes the `\` escapes of `\,`, `\|`, `\$`, `\\`. */
export function splitEscaped(text: string, separator: ',' | '|' | '$', limit = Infinity): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\' && i + 1 < text.length) {
      current += text[++i];
    } else if (ch === separator && parts.length < limit - 1) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

/** Context of value parsing: the parameter as written (for error locations) and "now" for `ap`. */
export interface ValueContext {
  name: string;
  now: number;
}

/** Parses one alternative of `param` written with `modifier`. */
export function parseValue(
  param: SearchParameter,
  modifier: string | undefined,
  raw: string,
  ctx: ValueContext,
): SearchValue {
  if (raw === '') throw badRequest(`Parameter '${ctx.name}' has an empty value`, ctx.name);
  switch (param.type) {
    case 'token':
      return modifier === 'text' ? { kind: 'token-text', text: foldString(raw) } : parseToken(raw, ctx);
    case 'string':
      return {
        kind: 'string',
        mode: modifier === 'exact' ? 'exact' : modifier === 'contains' ? 'contains' : 'starts',
        value: modifier === 'exact' ? raw : foldString(raw),
      };
    case 'date':
      return parseDate(raw, ctx);
    case 'number': {
      const { prefix, rest } = splitPrefix(raw);
      return { kind: 'number', ...numberRange(prefix, rest, ctx) };
    }
    case 'quantity':
      return parseQuantity(raw, ctx);
    case 'uri':
      return { kind: 'uri', value: raw, match: modifier === 'below' || modifier === 'above' ? modifier : 'equal' };
    case 'reference':
      return parseReference(raw, modifier);
  }
}

/** `[system]|[code]`, `|[code]`, `[system]|`, or `[code]`. */
export function parseToken(raw: string, ctx: ValueContext): Extract<SearchValue, { kind: 'token' }> {
  const [first = '', second] = splitEscaped(raw, '|', 2);
  if (second === undefined) return { kind: 'token', code: first };
  if (first === '' && second === '') throw badRequest(`Parameter '${ctx.name}' needs a system or a code`, ctx.name);
  if (first === '') return { kind: 'token', system: null, code: second };
  return second === '' ? { kind: 'token', system: first } : { kind: 'token', system: first, code: second };
}

const PREFIX = /^(eq|ne|lt|gt|le|ge|sa|eb|ap)/;

function splitPrefix(raw: string): { prefix: Prefix; rest: string } {
  const match = PREFIX.exec(raw);
  return match ? { prefix: match[1] as Prefix, rest: raw.slice(2) } : { prefix: 'eq', rest: raw };
}

function parseDate(raw: string, ctx: ValueContext): SearchValue {
  const { prefix, rest } = splitPrefix(raw);
  const range = dateRange(rest);
  if (!range) throw badRequest(`Parameter '${ctx.name}': '${raw}' is not a date such as ge2020-01-01`, ctx.name);
  if (prefix !== 'ap') return { kind: 'date', prefix, value: range.low, ...range };
  // ap: the range widened by 10% of the distance from now (at least a day).
  const slack = Math.max(0.1 * Math.abs(ctx.now - range.low), 86_400_000);
  return { kind: 'date', prefix, value: range.low, low: range.low - slack, high: range.high + slack };
}

function numberRange(prefix: Prefix, text: string, ctx: ValueContext): RangeValue {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) {
    throw badRequest(`Parameter '${ctx.name}': '${text}' is not a number`, ctx.name);
  }
  const value = Number(text);
  if (!Number.isFinite(value)) throw badRequest(`Parameter '${ctx.name}': '${text}' is out of range`, ctx.name);
  if (prefix === 'ap' && value !== 0) {
    const slack = Math.abs(value) * 0.1;
    return { prefix, value, low: value - slack, high: value + slack };
  }
  return { prefix, value, ...precisionRange(text) };
}

/** `[prefix][number]|[system]|[code]`; UCUM units compare in canonical form. */
function parseQuantity(raw: string, ctx: ValueContext): SearchValue {
  const [numberPart = '', system, unit] = splitEscaped(raw, '|', 3);
  const { prefix, rest } = splitPrefix(numberPart);
  const range = numberRange(prefix, rest, ctx);
  const out: SearchValue = { kind: 'quantity', ...range };
  if (system) out.system = system;
  if (unit) out.unit = unit;
  if (unit && system === UCUM_SYSTEM) {
    const [value, low, high] = [range.value, range.low, range.high].map((v) => toCanonicalUcum(v, unit));
    if (value && low && high) {
      out.canonical = { unit: value.unit, value: value.value, low: low.value, high: high.value };
      delete out.system;
      delete out.unit;
    }
  }
  return out;
}

function parseReference(raw: string, typeModifier: string | undefined): SearchValue {
  if (typeModifier && /^[A-Z]/.test(typeModifier)) {
    return raw.includes('/') ? referenceLiteral(raw) : { kind: 'reference', targetType: typeModifier, id: raw };
  }
  return raw.includes('/') || raw.includes(':') ? referenceLiteral(raw) : { kind: 'reference', id: raw };
}

function referenceLiteral(raw: string): SearchValue {
  const parsed = parseReferenceString(raw);
  return parsed ? { kind: 'reference', targetType: parsed.type, id: parsed.id } : { kind: 'reference', url: raw };
}
