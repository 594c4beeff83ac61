/**
 * Search index rows: the normalised values of every search parameter of one resource,
 * computed at write time and stored beside it (one table per parameter type in SQL, the same
 * rows in memory). Normalisation happens here, once, so every adapter compares like with like.
 * @see https://hl7.org/fhir/R4/search.html#ptypes
 * @module
 */

/** Token: Coding, CodeableConcept, Identifier, code, boolean, ContactPoint. `text` is folded. */
export interface TokenRow {
  code: string;
  system: string | null;
  value: string | null;
  text: string | null;
}

/** String: `value` case- and accent-folded for the default and :contains; `exact` as written. */
export interface StringRow {
  code: string;
  value: string;
  exact: string;
}

/** Date: the instant range the value covers, in epoch milliseconds, both ends inclusive. */
export interface DateRow {
  code: string;
  low: number;
  high: number;
}

/** Reference: `targetType`/`targetId` for relative or local absolute references, `url` always. */
export interface ReferenceRow {
  code: string;
  targetType: string | null;
  targetId: string | null;
  url: string;
}

/** Quantity: as written, plus the canonical UCUM form when the unit is UCUM and convertible. */
export interface QuantityRow {
  code: string;
  value: number;
  system: string | null;
  unit: string | null;
  canonicalValue: number | null;
  canonicalUnit: string | null;
}

/** Number. */
export interface NumberRow {
  code: string;
  value: number;
}

/** Uri (also canonical). */
export interface UriRow {
  code: string;
  value: string;
}

/** Every index row of one resource version. */
export interface SearchIndexRows {
  token: TokenRow[];
  string: StringRow[];
  date: DateRow[];
  reference: ReferenceRow[];
  quantity: QuantityRow[];
  number: NumberRow[];
  uri: UriRow[];
}

/** Index table names, one per parameter type. */
export const INDEX_KINDS = ['token', 'string', 'date', 'reference', 'quantity', 'number', 'uri'] as const;

/** One of {@link INDEX_KINDS}. */
export type IndexKind = (typeof INDEX_KINDS)[number];

/** An empty set of rows. */
export function emptyIndexRows(): SearchIndexRows {
  return { token: [], string: [], date: [], reference: [], quantity: [], number: [], uri: [] };
}

/**
 * Code under which extra token rows are kept for a modifier that needs its own lookup:
 * `identifier:of-type` (system = "typeSystem|typeCode") and `subject:identifier`
 * (the Reference.identifier). A colon never occurs in a parameter code.
 */
export function derivedCode(code: string, modifier: 'of-type' | 'identifier'): string {
  return `${code}:${modifier}`;
}
