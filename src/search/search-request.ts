/**
 * The search IR: what a FHIR search asks for, independent of how a store answers it. The query
 * parser produces it; the in-memory matcher and the SQL renderer consume the same structure.
 * @see https://hl7.org/fhir/R4/search.html
 * @module
 */
import type { Deadline } from '../lib/deadline.js';
import type { IndexKind } from './index-rows.js';

/** Comparison prefixes of ordered types. @see https://hl7.org/fhir/R4/search.html#prefix */
export type Prefix = 'eq' | 'ne' | 'lt' | 'gt' | 'le' | 'ge' | 'sa' | 'eb' | 'ap';

/** A closed numeric interval with the comparison to apply. */
export interface RangeValue {
  prefix: Prefix;
  /** The precise value (number) or the start of the range (date). */
  value: number;
  /** The range the written value stands for (precision); `ap` widens it. */
  low: number;
  high: number;
}

/** One alternative of a parameter's comma-separated values. */
export type SearchValue =
  /** `system` undefined = any system, null = no system; `code` undefined = any code. */
  | { kind: 'token'; system?: string | null; code?: string }
  | { kind: 'token-text'; text: string }
  | { kind: 'string'; mode: 'starts' | 'exact' | 'contains'; value: string }
  | ({ kind: 'date' } & RangeValue)
  | ({ kind: 'number' } & RangeValue)
  | ({ kind: 'quantity' } & RangeValue & QuantityUnit)
  | { kind: 'reference'; targetType?: string; id?: string; url?: string }
  /** `match`: equal; `below`: the stored uri starts with the value; `above`: the value starts with it. */
  | { kind: 'uri'; value: string; match: 'equal' | 'below' | 'above' }
  /** Every value must hold for the same index row (a date range: `ge…&lt…` on one parameter). */
  | { kind: 'all'; values: SearchValue[] }
  /** A chained parameter: the reference's target is one of `targetTypes` and matches `where`. */
  | { kind: 'chain'; targetTypes: string[]; where: Condition[] };

/** How a quantity's unit is matched: canonical UCUM when convertible, else as written. */
export interface QuantityUnit {
  system?: string;
  unit?: string;
  canonical?: { unit: string; value: number; low: number; high: number };
}

/** One condition on the resources of a type; the conditions of a request are AND-ed. */
export type Condition =
  /** Some index row of `table` with `code` matches one of `values` (OR); `negate` for :not. */
  | {
      kind: 'param';
      table: IndexKind;
      code: string;
      values: SearchValue[];
      negate?: boolean;
      /** Each resource has at most one index row of the parameter: the ids it matches are distinct. */
      oneRowPerResource?: boolean;
    }
  /** `:missing=true|false`. */
  | { kind: 'missing'; table: IndexKind; code: string; missing: boolean }
  /** `_has`: some `sourceType` resource refers here through `referenceCode` and matches `where`. */
  | { kind: 'has'; sourceType: string; referenceCode: string; where: Condition[] };

/** One `_sort` key. Missing values sort as greater than any value. */
export interface SortKey {
  code: string;
  table: IndexKind;
  descending: boolean;
}

/** Keyset position: the sort values of the row a page starts after or ends before. */
export interface PageCursor {
  direction: 'after' | 'before';
  keys: (string | number)[];
}

/** A search as a store executes it. */
export interface StoreSearchQuery {
  resourceType: string;
  conditions: Condition[];
  sort: SortKey[];
  /** Page size; 0 asks only for the total. */
  count: number;
  cursor?: PageCursor;
  /** Whether to count all matches (`_total=accurate`). */
  total: boolean;
  /**
   * With `total`: count only up to this many matches, and leave the total out when more match
   * (a count that stops early instead of walking every match; decision 010).
   */
  totalLimit?: number;
  /** The request's time budget, checked between the statements of the search. */
  deadline?: Deadline;
}
