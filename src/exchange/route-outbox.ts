/**
 * Which destinations receive a write, and the key that orders a patient's changes: the outbox
 * rows of a unit of work (decision 029). Added by a store decorator, so every path that commits
 * (single writes, batch entries, transactions, write reactions) forwards alike.
 * @module
 */
import type { OutboxRow, ResourceStore, ResourceWrite, UnitOfWork } from '../storage/port.js';
import type { Destination } from './destinations.js';

/** Fields that name a resource's patient, in the order they are tried. */
const PATIENT_FIELDS = ['subject', 'patient', 'beneficiary'] as const;

/**
 * The ordering key of a write: `Patient/<id>` for a patient and for anything that names its
 * patient; the resource itself otherwise. A delete carries no body, so it keys on itself.
 */
export function orderKeyOf(write: ResourceWrite): string {
  const own = `${write.resourceType}/${write.id}`;
  if (write.resourceType === 'Patient' || !write.resource) return own;
  const body = write.resource as unknown as Record<string, { reference?: unknown } | undefined>;
  for (const field of PATIENT_FIELDS) {
    const reference = body[field]?.reference;
    if (typeof reference === 'string' && /^Patient\/[A-Za-z0-9\-.]{1,64}$/.test(reference)) return reference;
  }
  return own;
}

/**
 * True when `write` is a copy cached from `destination` (its `meta.source` names it, decision
 * 035): sending it back would only echo the destination's own record.
 */
function cameFrom(destination: Destination, write: ResourceWrite): boolean {
  const source = write.resource?.meta?.source;
  return typeof source === 'string' && (source === destination.url || source.startsWith(`${destination.url}/`));
}

/** True when `destination` receives `write` (by type, then by claimed profile). */
export function receives(destination: Destination, write: ResourceWrite): boolean {
  if (!destination.resourceTypes.includes(write.resourceType)) return false;
  if (cameFrom(destination, write)) return false;
  // A delete has no body to read profiles from: it goes wherever the type goes.
  if (!destination.profiles || !write.resource) return true;
  const claimed = write.resource.meta?.profile ?? [];
  return claimed.some((profile) => destination.profiles!.includes(profile.split('|')[0]!));
}

/** The outbox rows of `writes`: one per write and destination that receives it. */
export function outboxRowsFor(
  writes: readonly ResourceWrite[],
  destinations: readonly Destination[],
  nowMs: number,
): OutboxRow[] {
  const rows: OutboxRow[] = [];
  for (const write of writes) {
    for (const destination of destinations) {
      if (!receives(destination, write)) continue;
      rows.push({
        destination: destination.name,
        resourceType: write.resourceType,
        id: write.id,
        versionId: write.versionId,
        method: write.method,
        orderKey: orderKeyOf(write),
        createdMs: nowMs,
      });
    }
  }
  return rows;
}

/**
 * `store` whose commits carry the outbox rows of their writes, stored by the adapter in the same
 * atomic unit. Without destinations, `store` itself.
 */
export function withOutbox(
  store: ResourceStore,
  destinations: readonly Destination[],
  clock: () => number = Date.now,
): ResourceStore {
  if (destinations.length === 0) return store;
  return {
    ...store,
    commit(unit: UnitOfWork) {
      const rows = outboxRowsFor(unit.writes, destinations, clock());
      if (rows.length === 0) return store.commit(unit);
      return store.commit({ ...unit, outbox: [...(unit.outbox ?? []), ...rows] });
    },
  };
}
