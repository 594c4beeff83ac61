/**
 * Builds the {@link SearchIndexRows} of a resource by evaluating every search parameter of its
 * type (compiled FHIRPath) and normalising the values by parameter type.
 * @see https://hl7.org/fhir/R4/search.html#ptypes
 * @module
 */
import { INDEX_KINDS, emptyIndexRows, type IndexKind, type SearchIndexRows } from './index-rows.js';
import { searchParametersOf, type PathValue, type SearchParameter } from './search-parameter-registry.js';
import { dateRows, numberRows, quantityRows, referenceRows, stringRows, tokenRows, uriRows } from './extract-values.js';

/** All index rows of `resource` (its type's parameters plus the resource-level ones). */
export function extractIndexRows(resource: fhir4.Resource): SearchIndexRows {
  const rows = emptyIndexRows();
  const starts = new Array<number>(INDEX_KINDS.length);
  for (const param of searchParametersOf(resource.resourceType).values()) {
    let values: readonly PathValue[];
    try {
      values = param.evaluate(resource);
    } catch {
      // An expression that cannot run on this instance indexes nothing (as if absent).
      continue;
    }
    if (values.length === 0) continue;
    for (let k = 0; k < INDEX_KINDS.length; k++) starts[k] = rows[INDEX_KINDS[k]!].length;
    for (const value of values) addRows(rows, param, value);
    // Every row carries its parameter's code, so repeats can only come from one parameter.
    for (let k = 0; k < INDEX_KINDS.length; k++) dedupeFrom(rows, INDEX_KINDS[k]!, starts[k]!);
  }
  return rows;
}

function addRows(rows: SearchIndexRows, param: SearchParameter, value: PathValue): void {
  const code = param.code;
  switch (param.type) {
    case 'token':
      return void tokenRows(code, value, rows);
    case 'string':
      return append(rows.string, stringRows(code, value));
    case 'date':
      return append(rows.date, dateRows(code, value));
    case 'reference':
      return void referenceRows(code, value, rows);
    case 'quantity':
      return append(rows.quantity, quantityRows(code, value));
    case 'number':
      return append(rows.number, numberRows(code, value));
    case 'uri':
      return append(rows.uri, uriRows(code, value));
  }
}

/** Appends item by item: `push(...items)` overflows the stack for ~120,000 items (one name's given names). */
function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

/** Drops repeated rows (the same value reached twice) among the rows of `kind` from `start` on. */
function dedupeFrom(rows: SearchIndexRows, kind: IndexKind, start: number): void {
  const list = rows[kind] as unknown as Record<string, unknown>[];
  if (list.length - start < 2) return;
  const seen = new Set<string>();
  let kept = start;
  for (let i = start; i < list.length; i++) {
    const key = rowKey(list[i]!);
    if (seen.has(key)) continue;
    seen.add(key);
    list[kept++] = list[i]!;
  }
  list.length = kept;
}

/**
 * An unambiguous key of a row's values (each length-prefixed, so no text can forge a separator):
 * cheaper than JSON.stringify, which was a third of extraction time.
 */
function rowKey(row: Record<string, unknown>): string {
  let key = '';
  for (const name in row) {
    const value = row[name];
    if (value === null || value === undefined) key += '-';
    else if (typeof value === 'string') key += `s${value.length}:${value}`;
    else key += `n${String(value)};`;
  }
  return key;
}
