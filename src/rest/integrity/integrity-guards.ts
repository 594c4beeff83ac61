/**
 * The integrity guards of a unit of work, from its writes and the configuration: each literal
 * reference of a written resource must name a live resource, each deleted resource must no
 * longer be referenced, and each identifier of a system declared unique must be the only one of
 * its type. The store checks them in the same atomic commit as the writes (decision 015).
 * @see https://hl7.org/fhir/R4/references.html#literal
 * @module
 */
import type { IntegrityGuards, ResourceStore, ResourceWrite, UnitOfWork } from '../../storage/port.js';
import { literalReferencesOf } from './literal-references.js';
import { uniqueIdentifiersOf, type UniqueIdentifierSystems } from './unique-identifiers.js';

/** What the integrity checks enforce (`FHIR_REFERENTIAL_INTEGRITY`, `FHIR_UNIQUE_IDENTIFIERS`). */
export interface IntegritySettings {
  /** Literal references of created and updated resources must name live resources. */
  referencesOnWrite: boolean;
  /** A resource that current resources reference cannot be deleted. */
  referencesOnDelete: boolean;
  /** Identifier systems declared unique, per resource type. */
  uniqueIdentifiers: UniqueIdentifierSystems;
}

/** The guards of `writes` under `settings`, or `undefined` when there are none. */
export function integrityGuardsOf(
  writes: readonly ResourceWrite[],
  settings: IntegritySettings,
): IntegrityGuards | undefined {
  const guards: Required<IntegrityGuards> = { references: [], unreferenced: [], identifiers: [] };
  writes.forEach((write, writeIndex) => {
    const { resourceType, id, resource } = write;
    if (!resource) {
      if (settings.referencesOnDelete) guards.unreferenced.push({ resourceType, id, writeIndex });
      return;
    }
    // An AuditEvent names what a request touched or asked for, which may never have existed (a
    // refused create) and may be deleted later: its references are a record, not links to keep.
    if (settings.referencesOnWrite && resourceType !== 'AuditEvent') {
      for (const reference of literalReferencesOf(resource)) guards.references.push({ ...reference, writeIndex });
    }
    for (const identifier of uniqueIdentifiersOf(resource, settings.uniqueIdentifiers)) {
      guards.identifiers.push({ resourceType, id, ...identifier, writeIndex });
    }
  });
  const kept = Object.fromEntries(Object.entries(guards).filter(([, list]) => list.length > 0)) as IntegrityGuards;
  return Object.keys(kept).length > 0 ? kept : undefined;
}

/** The unit with its integrity guards added (a unit that already carries some is left as is). */
export function withIntegrityGuards(unit: UnitOfWork, settings: IntegritySettings): UnitOfWork {
  if (unit.integrity) return unit;
  const integrity = integrityGuardsOf(unit.writes, settings);
  return integrity ? { ...unit, integrity } : unit;
}

/**
 * A store whose every commit carries the integrity guards of its writes: the seam through which
 * today's REST interactions (create, update, patch, delete, conditional forms, Bundles) get the
 * checks without each building them. The start-up loads use the plain store.
 */
export function createIntegrityCheckedStore(store: ResourceStore, settings: IntegritySettings): ResourceStore {
  return {
    readCurrent: (resourceType, id) => store.readCurrent(resourceType, id),
    readVersion: (resourceType, id, versionId) => store.readVersion(resourceType, id, versionId),
    history: (query) => store.history(query),
    search: (query) => store.search(query),
    commit: (unit) => store.commit(withIntegrityGuards(unit, settings)),
    ...(store.planActivities && { planActivities: store.planActivities }),
  };
}
