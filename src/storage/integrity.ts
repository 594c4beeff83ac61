/**
 * Checking {@link IntegrityGuards} against the state a unit of work would leave: the state before
 * it (read through an {@link IntegrityState}) with the unit's own writes laid over it. The memory
 * adapter checks with it before applying a unit; SQL adapters enforce the same rules with guard
 * rows and use it to explain a rejected batch.
 * @see https://hl7.org/fhir/R4/references.html#literal
 * @module
 */
import {
  DanglingReferenceError,
  DuplicateIdentifierError,
  MAX_REFERRERS_LISTED,
  ReferencedResourceError,
  type IdentifierGuard,
  type IntegrityError,
  type ReferenceGuard,
  type ResourceKey,
  type ResourceWrite,
  type UnitOfWork,
} from './port.js';

/** What the checks read of the state before the unit. Synchronous, so a memory commit stays atomic. */
export interface IntegrityState {
  /** True when the resource is current and not deleted. */
  isLive(target: ResourceKey): boolean;
  /** Distinct current resources holding a relative literal reference to `target`, at most `limit`. */
  referrersOf(target: ResourceKey, limit: number): ResourceKey[];
  /** Ids of current resources of the guard's type indexed with its identifier, at most `limit`. */
  holdersOf(guard: IdentifierGuard, limit: number): string[];
}

/** The search `identifier` parameter: its token rows are what identifier guards compare. */
export const IDENTIFIER_CODE = 'identifier';

/**
 * True for a reference URL that names a resource on this server: relative (`Patient/1`,
 * `Patient/1/_history/2`). An absolute URL (`https://other/fhir/Patient/1`) has a scheme, so a
 * colon; SQL adapters use the same rule (`url NOT LIKE '%:%'`).
 */
export function isRelativeReferenceUrl(url: string): boolean {
  return !url.includes(':');
}

const keyOf = (k: ResourceKey) => `${k.resourceType}/${k.id}`;

/** The first failing integrity guard of `unit`, or `undefined` when all hold. */
export function findIntegrityViolation(unit: UnitOfWork, state: IntegrityState): IntegrityError | undefined {
  const integrity = unit.integrity;
  if (!integrity) return undefined;
  const final = new Map<string, ResourceWrite>();
  for (const write of unit.writes) final.set(keyOf(write), write);
  const missing = missingTargets(integrity.references ?? [], final, state);
  if (missing.length > 0) return new DanglingReferenceError(missing);
  for (const target of integrity.unreferenced ?? []) {
    const referrers = currentReferrers(target, final, state);
    if (referrers.length > 0) {
      return new ReferencedResourceError(
        target,
        referrers.slice(0, MAX_REFERRERS_LISTED),
        referrers.length > MAX_REFERRERS_LISTED,
      );
    }
  }
  for (const guard of integrity.identifiers ?? []) {
    const holder = otherHolder(guard, final, state);
    if (holder !== undefined)
      return new DuplicateIdentifierError(guard, { resourceType: guard.resourceType, id: holder });
  }
  return undefined;
}

function missingTargets(
  guards: readonly ReferenceGuard[],
  final: ReadonlyMap<string, ResourceWrite>,
  state: IntegrityState,
): ReferenceGuard[] {
  const live = new Map<string, boolean>();
  return guards.filter((guard) => {
    const key = keyOf(guard);
    if (!live.has(key)) {
      const written = final.get(key);
      live.set(key, written ? written.method !== 'DELETE' : state.isLive(guard));
    }
    return !live.get(key);
  });
}

/**
 * Referrers that never hold a record in place: an AuditEvent names what a request touched, and a
 * record someone read must stay deletable (the delete's own AuditEvent names it too).
 */
export const NON_HOLDING_REFERRER = 'AuditEvent';

/** Referrers after the unit: those before it that the unit does not rewrite, plus the unit's own. */
function currentReferrers(
  target: ResourceKey,
  final: ReadonlyMap<string, ResourceWrite>,
  state: IntegrityState,
): ResourceKey[] {
  const before = state.referrersOf(target, MAX_REFERRERS_LISTED + final.size + 1);
  const found = new Map<string, ResourceKey>();
  for (const referrer of before) if (!final.has(keyOf(referrer))) found.set(keyOf(referrer), referrer);
  for (const write of final.values()) {
    if (write.resourceType === NON_HOLDING_REFERRER) continue;
    const rows = write.resource ? (write.index?.reference ?? []) : [];
    const refers = rows.some(
      (row) => row.targetType === target.resourceType && row.targetId === target.id && isRelativeReferenceUrl(row.url),
    );
    if (refers) found.set(keyOf(write), { resourceType: write.resourceType, id: write.id });
  }
  return [...found.values()];
}

/** Another resource of the type carrying the identifier after the unit, or `undefined`. */
function otherHolder(
  guard: IdentifierGuard,
  final: ReadonlyMap<string, ResourceWrite>,
  state: IntegrityState,
): string | undefined {
  const isOther = (id: string) => id !== guard.id;
  const before = state.holdersOf(guard, final.size + 2);
  const kept = before.find((id) => isOther(id) && !final.has(`${guard.resourceType}/${id}`));
  if (kept !== undefined) return kept;
  for (const write of final.values()) {
    if (write.resourceType !== guard.resourceType || !isOther(write.id) || !write.resource) continue;
    const rows = write.index?.token ?? [];
    if (rows.some((r) => r.code === IDENTIFIER_CODE && r.system === guard.system && r.value === guard.value)) {
      return write.id;
    }
  }
  return undefined;
}
