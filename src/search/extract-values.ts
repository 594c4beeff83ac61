/**
 * Per-type conversion of FHIRPath results into index rows.
 * @see https://hl7.org/fhir/R4/search.html#table
 * @module
 */
import {
  derivedCode,
  type DateRow,
  type NumberRow,
  type QuantityRow,
  type SearchIndexRows,
  type StringRow,
  type UriRow,
} from './index-rows.js';
import { MAX_INSTANT, MIN_INSTANT, dateRange, foldString } from './normalize.js';
import { parseReferenceString } from './reference-string.js';
import type { PathValue } from './search-parameter-registry.js';
import { UCUM_SYSTEM, toCanonicalUcum } from './ucum-canonical.js';

type Obj = Record<string, unknown>;

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const fold = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? foldString(v) : null);

/** Token rows for a Coding, CodeableConcept, Identifier, ContactPoint, code or boolean. */
export function tokenRows(code: string, { data, fhirType }: PathValue, rows: SearchIndexRows): void {
  if (typeof data === 'boolean') return void rows.token.push({ code, system: null, value: String(data), text: null });
  if (typeof data === 'string') return void rows.token.push({ code, system: null, value: data, text: null });
  if (!isObj(data)) return;
  if (fhirType === 'Identifier' || ('value' in data && 'system' in data && !('code' in data))) {
    rows.token.push({ code, system: str(data.system), value: str(data.value), text: fold((data.type as Obj)?.text) });
    for (const typeCoding of list(isObj(data.type) ? data.type.coding : undefined).filter(isObj)) {
      const system = `${str(typeCoding.system) ?? ''}|${str(typeCoding.code) ?? ''}`;
      rows.token.push({ code: derivedCode(code, 'of-type'), system, value: str(data.value), text: null });
    }
    return;
  }
  if (fhirType === 'ContactPoint') {
    return void rows.token.push({ code, system: null, value: str(data.value), text: null });
  }
  const codings = 'coding' in data || 'text' in data ? list(data.coding).filter(isObj) : [data];
  for (const c of codings) {
    rows.token.push({ code, system: str(c.system), value: str(c.code), text: fold(c.display) });
  }
  if (typeof data.text === 'string') rows.token.push({ code, system: null, value: null, text: fold(data.text) });
}

const NAME_PARTS = ['text', 'family', 'given', 'prefix', 'suffix'];
const ADDRESS_PARTS = ['text', 'line', 'city', 'district', 'state', 'postalCode', 'country'];

/** String rows; a HumanName or Address yields one row per part. */
export function stringRows(code: string, { data, fhirType }: PathValue): StringRow[] {
  const texts: string[] = [];
  if (typeof data === 'string') texts.push(data);
  else if (isObj(data)) {
    const parts = fhirType === 'Address' || 'city' in data || 'line' in data ? ADDRESS_PARTS : NAME_PARTS;
    for (const part of parts) for (const v of list(data[part])) if (typeof v === 'string') texts.push(v);
  }
  return texts.filter((t) => t !== '').map((t) => ({ code, value: foldString(t), exact: t }));
}

/** Date rows: a date/dateTime/instant at its precision, a Period, or each event of a Timing. */
export function dateRows(code: string, { data }: PathValue): DateRow[] {
  if (typeof data === 'string') {
    const range = dateRange(data);
    return range ? [{ code, ...range }] : [];
  }
  if (!isObj(data)) return [];
  if ('start' in data || 'end' in data) {
    const start = typeof data.start === 'string' ? dateRange(data.start) : undefined;
    const end = typeof data.end === 'string' ? dateRange(data.end) : undefined;
    return [{ code, low: start?.low ?? MIN_INSTANT, high: end?.high ?? MAX_INSTANT }];
  }
  return list(data.event).flatMap((e) => dateRows(code, { data: e, fhirType: 'dateTime' }));
}

/** Reference rows; Reference.identifier becomes a token row under `code:identifier`. */
export function referenceRows(code: string, { data }: PathValue, rows: SearchIndexRows): void {
  if (typeof data === 'string') {
    const parsed = parseReferenceString(data);
    rows.reference.push({ code, targetType: parsed?.type ?? null, targetId: parsed?.id ?? null, url: data });
    return;
  }
  if (!isObj(data)) return;
  if (typeof data.reference === 'string' && !data.reference.startsWith('#')) {
    const parsed = parseReferenceString(data.reference);
    rows.reference.push({
      code,
      targetType: parsed?.type ?? str(data.type),
      targetId: parsed?.id ?? null,
      url: data.reference,
    });
  }
  if (isObj(data.identifier)) {
    const ident = data.identifier;
    rows.token.push({
      code: derivedCode(code, 'identifier'),
      system: str(ident.system),
      value: str(ident.value),
      text: null,
    });
  }
}

/** Quantity rows, with the canonical UCUM form when the system is UCUM. */
export function quantityRows(code: string, { data }: PathValue): QuantityRow[] {
  if (!isObj(data) || typeof data.value !== 'number') return [];
  const system = str(data.system);
  const unit = str(data.code) ?? str(data.unit);
  const canonical = system === UCUM_SYSTEM && unit ? toCanonicalUcum(data.value, unit) : undefined;
  return [
    {
      code,
      value: data.value,
      system,
      unit,
      canonicalValue: canonical?.value ?? null,
      canonicalUnit: canonical?.unit ?? null,
    },
  ];
}

/** Number rows. */
export function numberRows(code: string, { data }: PathValue): NumberRow[] {
  return typeof data === 'number' && Number.isFinite(data) ? [{ code, value: data }] : [];
}

/** Uri rows. */
export function uriRows(code: string, { data }: PathValue): UriRow[] {
  return typeof data === 'string' && data !== '' ? [{ code, value: data }] : [];
}
