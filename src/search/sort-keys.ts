/**
 * Sort keys and keyset paging, shared by the memory store; the SQL store renders the same
 * rules (src/storage/sql/search-query.ts). Each sort key takes the least value of the parameter
 * (ascending) or the greatest (descending; for dates the range end). A resource without a value
 * sorts after all others in either direction. The logical id breaks ties. Quantities compare in
 * canonical UCUM units where they have them (so 4200 g sorts above 3.5 kg).
 * @see https://hl7.org/fhir/R4/search.html#sort
 * @module
 */
import type { SearchIndexRows } from './index-rows.js';
import type { PageCursor, SortKey } from './search-request.js';

/** Sentinels for a missing sort value: greatest when ascending, least when descending. */
export const MISSING_TEXT_ASC = '\uffff';
export const MISSING_TEXT_DESC = '';
export const MISSING_NUMBER_ASC = 1e300;
export const MISSING_NUMBER_DESC = -1e300;

/** Whether a sort key of this table compares numbers (else text). */
export function isNumericSort(key: SortKey): boolean {
  return key.table === 'date' || key.table === 'number' || key.table === 'quantity';
}

/** The sort values of one resource for `sort`, then its id. */
export function sortValues(rows: SearchIndexRows, sort: readonly SortKey[], id: string): (string | number)[] {
  return [...sort.map((key) => sortValue(rows, key)), id];
}

function sortValue(rows: SearchIndexRows, key: SortKey): string | number {
  const values = candidates(rows, key).filter((v): v is string | number => v !== null);
  if (values.length === 0) {
    if (isNumericSort(key)) return key.descending ? MISSING_NUMBER_DESC : MISSING_NUMBER_ASC;
    return key.descending ? MISSING_TEXT_DESC : MISSING_TEXT_ASC;
  }
  return values.reduce((best, v) => ((key.descending ? v > best : v < best) ? v : best));
}

function candidates(rows: SearchIndexRows, key: SortKey): (string | number | null)[] {
  const code = key.code;
  switch (key.table) {
    case 'date':
      return rows.date.filter((r) => r.code === code).map((r) => (key.descending ? r.high : r.low));
    case 'token':
      return rows.token.filter((r) => r.code === code).map((r) => r.value);
    case 'reference':
      return rows.reference.filter((r) => r.code === code).map((r) => r.url);
    case 'quantity':
      return rows.quantity.filter((r) => r.code === code).map((r) => r.canonicalValue ?? r.value);
    default:
      return (rows[key.table] as { code: string; value: string | number }[])
        .filter((r) => r.code === code)
        .map((r) => r.value);
  }
}

/** Compares two key tuples in the order `sort` asks for (the trailing id ascending). */
export function compareKeys(
  a: readonly (string | number)[],
  b: readonly (string | number)[],
  sort: readonly SortKey[],
): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    const ascending = x < y ? -1 : 1;
    return sort[i]?.descending ? -ascending : ascending;
  }
  return 0;
}

/**
 * One page of `sorted` (ascending in `sort` order) relative to `cursor`, with the cursors of
 * the neighbouring pages. Fetches one row more than the page to know whether another follows.
 */
export function pageByKeyset<T extends { keys: (string | number)[] }>(
  sorted: readonly T[],
  sort: readonly SortKey[],
  count: number,
  cursor: PageCursor | undefined,
): { page: T[]; next?: PageCursor; previous?: PageCursor } {
  if (!cursor || cursor.direction === 'after') {
    const after = cursor ? sorted.filter((r) => compareKeys(r.keys, cursor.keys, sort) > 0) : [...sorted];
    const page = after.slice(0, count);
    const last = page[page.length - 1];
    const first = page[0];
    return {
      page,
      ...(after.length > count && last ? { next: { direction: 'after', keys: last.keys } } : {}),
      ...(cursor && first ? { previous: { direction: 'before', keys: first.keys } } : {}),
    };
  }
  const before = sorted.filter((r) => compareKeys(r.keys, cursor.keys, sort) < 0);
  const page = before.slice(Math.max(0, before.length - count));
  const first = page[0];
  const last = page[page.length - 1];
  return {
    page,
    ...(last ? { next: { direction: 'after', keys: last.keys } } : {}),
    ...(before.length > count && first ? { previous: { direction: 'before', keys: first.keys } } : {}),
  };
}
