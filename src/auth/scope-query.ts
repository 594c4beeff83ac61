/**
 * Granular SMART v2 scopes (`patient/Observation.rs?category=vital-signs`): a scope with a query
 * grants its permissions only on the records that match the query. The query is parsed with the
 * search parser, so a search gets it as ordinary conditions (every store runs them), and a read
 * or a write is checked with the in-memory matcher (the search oracle) on the record's own index
 * rows. A query we cannot hold a single record to (a chain, `_has`, a result parameter, an
 * unknown parameter, a query on `*`) is refused with 403 when the token is used on that type:
 * granting the whole type instead would give more than the scope asked for.
 * @see https://build.fhir.org/ig/HL7/smart-app-launch/scopes-and-launch-context.html#finer-grained-resource-constraints-using-search-parameters
 * @module
 */
import { FhirError, error } from '../fhir/outcome.js';
import { extractIndexRows } from '../search/extract-index.js';
import { matchesAll } from '../search/memory-matcher.js';
import { parseCondition } from '../search/parse-conditions.js';
import type { Condition } from '../search/search-request.js';
import { grants, queriedScopes, type Permission, type QueriedScope, type ScopeGrant } from './scopes.js';

/**
 * What the scopes let the caller do with one permission on one type: every record, or only the
 * records matching one of `alternatives` (each a list of AND-ed conditions, OR-ed together).
 * `undefined` when nothing is granted (the caller answers 403 as for any missing scope).
 */
export type ScopeReach = { kind: 'all' } | { kind: 'matching'; alternatives: Condition[][]; scopes: string[] };

/** The reach of `permission` on `resourceType`; throws 403 for a granular scope we cannot enforce. */
export function scopeReach(
  grant: ScopeGrant,
  resourceType: string,
  permission: Permission,
  now: number,
): ScopeReach | undefined {
  if (grants(grant, resourceType, permission)) return { kind: 'all' };
  const scopes = queriedScopes(grant, resourceType, permission);
  if (scopes.length === 0) return undefined;
  return {
    kind: 'matching',
    alternatives: scopes.map((scope) => conditionsOf(scope, resourceType, now)),
    scopes: scopes.map((scope) => scope.text),
  };
}

/** The conditions of one granular scope on `resourceType`, or 403 naming the scope. */
function conditionsOf(scope: QueriedScope, resourceType: string, now: number): Condition[] {
  const refuse = (reason: string) =>
    forbidden(`The token's scope ${scope.text} cannot be enforced by this gateway (${reason}), so it grants nothing`);
  if (scope.type === '*') throw refuse('a query on every type');
  const conditions: Condition[] = [];
  for (const [name, value] of new URLSearchParams(scope.query)) {
    let condition: Condition;
    try {
      condition = parseCondition(resourceType, name, value, now);
    } catch {
      throw refuse(`'${name}' is not a search parameter of ${resourceType} we can apply`);
    }
    if (!holdsToOneRecord(condition)) throw refuse(`'${name}' looks at other records`);
    conditions.push(condition);
  }
  if (conditions.length === 0) throw refuse('an empty query');
  return conditions;
}

/** Whether the condition can be decided from the record's own index rows (no chain, no `_has`). */
function holdsToOneRecord(condition: Condition): boolean {
  if (condition.kind === 'has') return false;
  if (condition.kind === 'missing') return true;
  return condition.values.every((value) => value.kind !== 'chain');
}

/** Whether `resource` matches one of the reach's alternatives. */
export function reachesRecord(reach: ScopeReach, resource: fhir4.Resource): boolean {
  if (reach.kind === 'all') return true;
  const rows = extractIndexRows(resource);
  const id = resource.id ?? '';
  const view = {
    rows: (type: string, key: string) => (type === resource.resourceType && key === id ? rows : undefined),
    ids: () => [id],
  };
  return reach.alternatives.some((conditions) => matchesAll(view, resource.resourceType, id, conditions));
}

/**
 * The conditions a search adds for the reach. The search IR has no OR across parameters, so
 * several granular scopes combine only when each is one parameter, the same one (their values
 * are then alternatives of one condition, as `category=a,b`); otherwise 403.
 */
export function reachConditions(reach: ScopeReach): Condition[] {
  if (reach.kind === 'all') return [];
  const [first, ...others] = reach.alternatives;
  if (others.length === 0) return first!;
  const single = reach.alternatives.map((conditions) => (conditions.length === 1 ? conditions[0]! : undefined));
  const head = single[0];
  if (head?.kind === 'param' && !head.negate) {
    const same = single.every(
      (c) => c?.kind === 'param' && !c.negate && c.table === head.table && c.code === head.code,
    );
    if (same) return [{ ...head, values: single.flatMap((c) => (c?.kind === 'param' ? c.values : [])) }];
  }
  throw forbidden(
    `The token's granular scopes ${reach.scopes.join(', ')} cannot be combined in one search; use a token with one of them`,
  );
}

/** 403 (kept here rather than imported: `request-access.ts` imports this module). */
function forbidden(message: string): FhirError {
  return new FhirError(403, error('forbidden', message));
}
