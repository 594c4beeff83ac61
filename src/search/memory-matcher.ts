/**
 * The in-memory search matcher: evaluates the search IR over index rows held in memory. It is
 * the oracle of the search conformance suite; every SQL rendering must return what it returns.
 * @see https://hl7.org/fhir/R4/search.html
 * @module
 */
import type { SearchIndexRows } from './index-rows.js';
import {
  matchDate,
  matchNumber,
  matchQuantity,
  matchReference,
  matchString,
  matchToken,
  matchUri,
} from './match-values.js';
import type { Condition, SearchValue } from './search-request.js';

/** Read access to the index rows of the current, not deleted resources. */
export interface IndexView {
  rows(resourceType: string, id: string): SearchIndexRows | undefined;
  ids(resourceType: string): Iterable<string>;
}

/** True when the resource `resourceType/id` satisfies every condition. */
export function matchesAll(
  view: IndexView,
  resourceType: string,
  id: string,
  conditions: readonly Condition[],
): boolean {
  const rows = view.rows(resourceType, id);
  if (!rows) return false;
  return conditions.every((condition) => matchesCondition(view, { resourceType, id, rows }, condition));
}

interface Target {
  resourceType: string;
  id: string;
  rows: SearchIndexRows;
}

function matchesCondition(view: IndexView, target: Target, condition: Condition): boolean {
  switch (condition.kind) {
    case 'missing': {
      const present = target.rows[condition.table].some((row) => row.code === condition.code);
      return condition.missing ? !present : present;
    }
    case 'has':
      return hasReferrer(view, target, condition);
    case 'param': {
      const found = condition.values.some((value) => anyRowMatches(view, target.rows, condition, value));
      return condition.negate ? !found : found;
    }
  }
}

function anyRowMatches(
  view: IndexView,
  rows: SearchIndexRows,
  condition: Extract<Condition, { kind: 'param' }>,
  value: SearchValue,
): boolean {
  const code = condition.code;
  switch (condition.table) {
    case 'token':
      return rows.token.some((r) => r.code === code && matchToken(r, value));
    case 'string':
      return rows.string.some((r) => r.code === code && matchString(r, value));
    case 'date':
      return rows.date.some((r) => r.code === code && matchDate(r, value));
    case 'number':
      return rows.number.some((r) => r.code === code && matchNumber(r, value));
    case 'quantity':
      return rows.quantity.some((r) => r.code === code && matchQuantity(r, value));
    case 'uri':
      return rows.uri.some((r) => r.code === code && matchUri(r, value));
    case 'reference':
      if (value.kind === 'chain') {
        return rows.reference.some(
          (r) =>
            r.code === code &&
            r.targetType !== null &&
            r.targetId !== null &&
            value.targetTypes.includes(r.targetType) &&
            matchesAll(view, r.targetType, r.targetId, value.where),
        );
      }
      return rows.reference.some((r) => r.code === code && matchReference(r, value));
  }
}

function hasReferrer(view: IndexView, target: Target, condition: Extract<Condition, { kind: 'has' }>): boolean {
  for (const sourceId of view.ids(condition.sourceType)) {
    const rows = view.rows(condition.sourceType, sourceId);
    if (!rows) continue;
    const refers = rows.reference.some(
      (r) => r.code === condition.referenceCode && r.targetType === target.resourceType && r.targetId === target.id,
    );
    if (refers && matchesAll(view, condition.sourceType, sourceId, condition.where)) return true;
  }
  return false;
}
