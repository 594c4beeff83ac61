/**
 * Search index rows that the SQL store answers from rows it writes anyway, instead of writing
 * them (decision 022). Each index row costs three to five b-tree entries, the main cost of a
 * write (decision 014); these rows held the same facts twice:
 *
 * - `_id` (token): the key of `resource_current`;
 * - `_lastUpdated` (date): `resource_current.last_updated_ms`, an instant (low = high), indexed
 *   once on (resource_type, last_updated_ms) instead of four times in `search_date`;
 * - a parameter whose type, expression and targets equal an earlier parameter's of the same
 *   resource type (R4: `phonetic` = `name` on Patient, Practitioner, RelatedPerson; `url` =
 *   `system` on CodeSystem): the earlier parameter's rows under the later code.
 *
 * The in-memory store and the extractor still produce every row: they are the oracle that the
 * search differential suites compare this store with.
 * @see https://hl7.org/fhir/R4/search.html#all
 * @module
 */
import type { IndexKind } from '../../search/index-rows.js';
import { searchParametersOf } from '../../search/search-parameter-registry.js';

/** The columns of each index table after `resource_type, id, code`. */
const TABLE_COLUMNS: Record<IndexKind, readonly string[]> = {
  token: ['system', 'value', 'text'],
  string: ['value', 'exact'],
  date: ['low', 'high'],
  reference: ['target_type', 'target_id', 'url'],
  quantity: ['value', 'system', 'unit', 'canonical_value', 'canonical_unit'],
  number: ['value'],
  uri: ['value'],
};

/** A row source standing in for `search_<kind>` for one parameter. */
interface DerivedSource {
  /** A subquery with the columns of `search_<kind>`. */
  sql: string;
  /** Every row's `high - low` when fixed (instants: 0), so date searches need no span lookup. */
  fixedSpan?: number;
}

const ID_SOURCE: DerivedSource = {
  sql:
    "(SELECT resource_type, id, '_id' AS code, NULL AS system, id AS value, NULL AS text " +
    'FROM resource_current WHERE deleted = 0)',
};

const LAST_UPDATED_SOURCE: DerivedSource = {
  sql:
    "(SELECT resource_type, id, '_lastUpdated' AS code, last_updated_ms AS low, last_updated_ms AS high " +
    'FROM resource_current WHERE deleted = 0)',
  fixedSpan: 0,
};

/** `code` → the code whose rows it shares, per resource type; built on first use of a type. */
const aliasesByType = new Map<string, ReadonlyMap<string, string>>();

/**
 * The parameters of `resourceType` that repeat an earlier one (same type, expression and targets),
 * each mapped to the earlier one's code.
 */
export function aliasedParameters(resourceType: string): ReadonlyMap<string, string> {
  let aliases = aliasesByType.get(resourceType);
  if (!aliases) {
    const first = new Map<string, string>();
    const found = new Map<string, string>();
    for (const param of searchParametersOf(resourceType).values()) {
      const key = `${param.type}\u0000${param.expression}\u0000${param.target.join(',')}`;
      const earlier = first.get(key);
      if (earlier === undefined) first.set(key, param.code);
      else found.set(param.code, earlier);
    }
    aliases = found;
    aliasesByType.set(resourceType, aliases);
  }
  return aliases;
}

/** The source of `code`'s rows when the store does not write them, or `undefined`. */
export function derivedSource(resourceType: string, kind: IndexKind, code: string): DerivedSource | undefined {
  if (kind === 'token' && code === '_id') return ID_SOURCE;
  if (kind === 'date' && code === '_lastUpdated') return LAST_UPDATED_SOURCE;
  const of = aliasedParameters(resourceType).get(code);
  if (of === undefined) return undefined;
  const columns = TABLE_COLUMNS[kind].join(', ');
  // The code is a literal of the registry, never request text; quotes cannot occur in it.
  return { sql: `(SELECT resource_type, id, '${code}' AS code, ${columns} FROM search_${kind} WHERE code = '${of}')` };
}

/** What `FROM` reads for `code`'s rows of `kind`: the table, or the derived subquery. */
export function indexSource(resourceType: string, kind: IndexKind, code: string): string {
  return derivedSource(resourceType, kind, code)?.sql ?? `search_${kind}`;
}

const unwrittenByType = new Map<string, ReadonlySet<string>>();

/** The codes of `resourceType` whose rows the store does not write (they are derived). */
export function unwrittenCodes(resourceType: string): ReadonlySet<string> {
  let codes = unwrittenByType.get(resourceType);
  if (!codes) {
    codes = new Set(['_id', '_lastUpdated', ...aliasedParameters(resourceType).keys()]);
    unwrittenByType.set(resourceType, codes);
  }
  return codes;
}
