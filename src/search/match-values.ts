/**
 * Whether one index row matches one search value: the reference semantics that the SQL
 * renderer (src/storage/sql/search-conditions.ts) must reproduce exactly.
 * @see https://hl7.org/fhir/R4/search.html#prefix
 * @module
 */
import type { DateRow, NumberRow, QuantityRow, ReferenceRow, StringRow, TokenRow, UriRow } from './index-rows.js';
import type { RangeValue, SearchValue } from './search-request.js';

/** Upper bound used for prefix matching: every string starting with `p` is ≥ p and < p + U+FFFF. */
export const PREFIX_END = '\uffff';

/** Token row against a token or :text value. */
export function matchToken(row: TokenRow, value: SearchValue): boolean {
  if (value.kind === 'token-text') return startsWith(row.text, value.text);
  if (value.kind !== 'token') return false;
  if (value.code !== undefined && row.value !== value.code) return false;
  if (value.system === null) return row.system === null;
  if (value.system !== undefined && row.system !== value.system) return false;
  return value.code !== undefined || value.system !== undefined;
}

/** String row: starts-with and contains on the folded value, :exact on the original. */
export function matchString(row: StringRow, value: SearchValue): boolean {
  if (value.kind !== 'string') return false;
  if (value.mode === 'exact') return row.exact === value.value;
  if (value.mode === 'contains') return row.value.includes(value.value);
  return startsWith(row.value, value.value);
}

function startsWith(text: string | null, prefix: string): boolean {
  return text !== null && text >= prefix && text < prefix + PREFIX_END;
}

/**
 * Date row `[low, high]` against a search range. eq: contained; ne: not contained;
 * gt/lt: extends beyond; ge/le: reaches; sa/eb: entirely after/before; ap: overlaps the
 * widened range.
 */
export function matchDate(row: DateRow, value: SearchValue): boolean {
  if (value.kind === 'all') return value.values.every((v) => matchDate(row, v));
  if (value.kind !== 'date') return false;
  const contained = row.low >= value.low && row.high <= value.high;
  switch (value.prefix) {
    case 'eq':
      return contained;
    case 'ne':
      return !contained;
    case 'gt':
      return row.high > value.high;
    case 'lt':
      return row.low < value.low;
    case 'ge':
      return row.high >= value.low;
    case 'le':
      return row.low <= value.high;
    case 'sa':
      return row.low > value.high;
    case 'eb':
      return row.high < value.low;
    case 'ap':
      return row.low <= value.high && row.high >= value.low;
  }
}

/** A stored number against a prefix and the precision range of the search value. */
export function compareNumber(stored: number, range: RangeValue): boolean {
  switch (range.prefix) {
    case 'eq':
    case 'ap':
      return stored >= range.low && stored < range.high;
    case 'ne':
      return !(stored >= range.low && stored < range.high);
    case 'gt':
    case 'sa':
      return stored > range.value;
    case 'lt':
    case 'eb':
      return stored < range.value;
    case 'ge':
      return stored >= range.value;
    case 'le':
      return stored <= range.value;
  }
}

/** Number row. */
export function matchNumber(row: NumberRow, value: SearchValue): boolean {
  return value.kind === 'number' && compareNumber(row.value, value);
}

/** Quantity row: canonical UCUM comparison when the search unit converts, else unit as written. */
export function matchQuantity(row: QuantityRow, value: SearchValue): boolean {
  if (value.kind !== 'quantity') return false;
  if (value.canonical) {
    if (row.canonicalUnit !== value.canonical.unit || row.canonicalValue === null) return false;
    return compareNumber(row.canonicalValue, { ...value.canonical, prefix: value.prefix });
  }
  if (value.system !== undefined && row.system !== value.system) return false;
  if (value.unit !== undefined && row.unit !== value.unit) return false;
  return compareNumber(row.value, value);
}

/** Reference row against a literal value (chains are resolved by the caller). */
export function matchReference(row: ReferenceRow, value: SearchValue): boolean {
  if (value.kind !== 'reference') return false;
  if (value.url !== undefined) return row.url === value.url;
  if (value.targetType !== undefined && row.targetType !== value.targetType) return false;
  return row.targetId === value.id;
}

/** Uri row: equality; :below, the row extends the value; :above, the value extends the row. */
export function matchUri(row: UriRow, value: SearchValue): boolean {
  if (value.kind !== 'uri') return false;
  if (value.match === 'below') return startsWith(row.value, value.value);
  if (value.match === 'above') return value.value.slice(0, row.value.length) === row.value;
  return row.value === value.value;
}
