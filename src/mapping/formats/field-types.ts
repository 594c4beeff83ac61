/**
 * The field types of the local formats: how each reads the messy values of real exports
 * (tolerant: case and spaces, `dd.mm.yyyy` or ISO dates, decimal comma or point) and where it
 * refuses because meaning would be lost (a bad check digit, an unknown dictionary value, grams
 * that are plainly kilograms). Each type also writes a normalised value back in the export's own
 * style, for the reverse mapping.
 * @module
 */
import { isValidBin, isValidIin, isValidKato } from '../../validation/rules/kz-identifiers.js';
import type { FieldDefinition } from './format-definition.js';

/** A normalised value, or the reason the raw value was refused. */
export type Normalized = { ok: true; value: unknown } | { ok: false; message: string };

/** Source codes of a dictionary by their trimmed, lower-cased spelling. */
export type Dictionary = ReadonlyMap<string, string>;

const ok = (value: unknown): Normalized => ({ ok: true, value });
const refuse = (message: string): Normalized => ({ ok: false, message });

/** Trims and folds runs of spaces: `' исключительно  грудное '` → `'исключительно грудное'`. */
export function tidy(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Reads `20.08.2025`, `20/08/2025`, `2025-08-20` as an ISO date that exists in the calendar. */
export function readDate(raw: string): string | undefined {
  const text = tidy(raw);
  const local = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$/.exec(text);
  const [y, m, d] = local ? [local[3]!, local[2]!, local[1]!] : iso ? [iso[1]!, iso[2]!, iso[3]!] : [];
  if (y === undefined) return undefined;
  const date = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date) ? date : undefined;
}

/** Reads a number written with a decimal comma or point (`'54,9'`, `54.9`, `54`). */
export function readNumber(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw !== 'string') return undefined;
  const text = tidy(raw).replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : undefined;
}

function inRange(value: number, field: FieldDefinition, unit = ''): Normalized {
  if (field.min !== undefined && value < field.min) return refuse(`${value}${unit} is below the plausible minimum ${field.min}${unit}`);
  if (field.max !== undefined && value > field.max) return refuse(`${value}${unit} is above the plausible maximum ${field.max}${unit}`);
  return ok(value);
}

function readCode(raw: unknown, dictionary: Dictionary): Normalized {
  if (typeof raw !== 'string') return refuse('expected a dictionary value (text)');
  const code = dictionary.get(tidy(raw).toLowerCase());
  if (code !== undefined) return ok(code);
  return refuse(`unknown dictionary value "${tidy(raw)}"; known values: ${[...dictionary.values()].join(', ')}`);
}

function readIdentifier(raw: unknown, name: string, valid: (v: string) => boolean): Normalized {
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.replace(/\s/g, '') : undefined;
  if (text === undefined) return refuse(`expected the ${name} as text`);
  return valid(text) ? ok(text) : refuse(`"${text}" is not a valid ${name} (format, date or check digit)`);
}

/** Normalises one raw value of `field`; `listSeparator` splits a list given as one text (CSV). */
export function normalizeField(raw: unknown, field: FieldDefinition, dictionary: Dictionary, listSeparator = ','): Normalized {
  switch (field.type) {
    case 'text':
      return typeof raw === 'string' || typeof raw === 'number' ? ok(tidy(String(raw))) : refuse('expected text');
    case 'iin':
      return readIdentifier(raw, 'IIN', isValidIin);
    case 'bin':
      return readIdentifier(raw, 'BIN', isValidBin);
    case 'kato':
      return readIdentifier(raw, 'KATO code', isValidKato);
    case 'date': {
      const date = typeof raw === 'string' ? readDate(raw) : undefined;
      return date ? ok(date) : refuse(`"${String(raw)}" is not a date (dd.mm.yyyy or yyyy-mm-dd)`);
    }
    case 'time': {
      const match = typeof raw === 'string' ? /^(\d{1,2})[:.](\d{2})$/.exec(tidy(raw)) : null;
      if (!match || Number(match[1]) > 23 || Number(match[2]) > 59) return refuse(`"${String(raw)}" is not a time (hh:mm)`);
      return ok(`${match[1]!.padStart(2, '0')}:${match[2]}`);
    }
    case 'integer': {
      const value = readNumber(raw);
      return value !== undefined && Number.isInteger(value) ? inRange(value, field) : refuse(`"${String(raw)}" is not a whole number`);
    }
    case 'decimal': {
      const value = readNumber(raw);
      return value !== undefined ? inRange(value, field) : refuse(`"${String(raw)}" is not a number`);
    }
    case 'grams':
      return readGrams(raw, field);
    case 'boolean':
      return readBoolean(raw);
    case 'code':
      return readCode(raw, dictionary);
    case 'codes':
      return readCodes(raw, dictionary, listSeparator);
    case 'scores':
      return readScores(raw, field, listSeparator);
  }
}

/** Grams as a whole number; a small value with a fraction or under 100 is kilograms sent as grams. */
function readGrams(raw: unknown, field: FieldDefinition): Normalized {
  const value = readNumber(raw);
  if (value === undefined) return refuse(`"${String(raw)}" is not a weight in grams`);
  if (value < 100) return refuse(`${value} looks like kilograms; this field is in grams (${Math.round(value * 1000)} g?)`);
  if (!Number.isInteger(value)) return refuse(`${value} g is not a whole number of grams`);
  return inRange(value, field, ' g');
}

const TRUE = new Set(['true', 'да', 'yes', '1', 'иә']);
const FALSE = new Set(['false', 'нет', 'no', '0', 'жоқ', '']);

function readBoolean(raw: unknown): Normalized {
  if (typeof raw === 'boolean') return ok(raw);
  const text = typeof raw === 'string' || typeof raw === 'number' ? tidy(String(raw)).toLowerCase() : undefined;
  if (text !== undefined && TRUE.has(text)) return ok(true);
  if (text !== undefined && FALSE.has(text)) return ok(false);
  return refuse(`"${String(raw)}" is not yes or no`);
}

function listOf(raw: unknown, separator: string): unknown[] | undefined {
  if (Array.isArray(raw)) return raw;
  if (typeof raw !== 'string') return undefined;
  // A separator followed by a digit is a decimal comma inside a value (`температура выше 37,5`).
  const escaped = separator.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return tidy(raw) === '' ? [] : raw.split(new RegExp(`${escaped}(?!\\d)`)).map(tidy);
}

function readCodes(raw: unknown, dictionary: Dictionary, separator: string): Normalized {
  const items = listOf(raw, separator);
  if (!items) return refuse('expected a list of dictionary values');
  const codes: string[] = [];
  for (const [i, item] of items.entries()) {
    const one = readCode(item, dictionary);
    if (!one.ok) return refuse(`item ${i + 1}: ${one.message}`);
    if (!codes.includes(one.value as string)) codes.push(one.value as string);
  }
  return ok(codes);
}

function readScores(raw: unknown, field: FieldDefinition, separator: string): Normalized {
  const items = listOf(raw, separator);
  if (!items) return refuse('expected a list of scores');
  if (field.count !== undefined && items.length !== field.count) return refuse(`expected ${field.count} scores, got ${items.length}`);
  const scores: number[] = [];
  for (const [i, item] of items.entries()) {
    const value = readNumber(item);
    const checked = value !== undefined && Number.isInteger(value) ? inRange(value, field) : refuse('not a whole number');
    if (!checked.ok) return refuse(`item ${i + 1}: ${checked.message}`);
    scores.push(value!);
  }
  return ok(scores);
}

/** Writes a normalised value back as the export writes it (`dd.mm.yyyy`, decimal comma, `9:00`). */
export function renderField(value: unknown, field: FieldDefinition): unknown {
  switch (field.type) {
    case 'date': {
      const [y, m, d] = String(value).split('-');
      return `${d}.${m}.${y}`;
    }
    case 'time':
      return String(value).replace(/^0(\d)/, '$1');
    case 'decimal':
      return (field.decimals !== undefined ? (value as number).toFixed(field.decimals) : String(value)).replace('.', ',');
    default:
      return value;
  }
}
