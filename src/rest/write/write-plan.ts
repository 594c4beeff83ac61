/**
 * The data that flows through the write pipeline: the interaction as the router parsed it, and
 * the plan the pipeline makes of it (target, preconditions, the new version, the guards its
 * unit of work must carry). A plan is committed alone (HTTP, batch entry) or collected with the
 * other entries of a transaction and committed together.
 * @module
 */
import type { Issue } from '../../fhir/outcome.js';
import type { ResourceWrite, StoredVersion, UnitOfWork, WriteMethod } from '../../storage/port.js';
import type { PatchDocument } from '../patch.js';

/** Kinds of write. @see https://hl7.org/fhir/R4/http.html */
export type WriteKind = 'create' | 'update' | 'patch' | 'delete';

/** The HTTP verb recorded in history for each kind of write. */
export const WRITE_METHOD: Record<WriteKind, WriteMethod> = {
  create: 'POST',
  update: 'PUT',
  patch: 'PATCH',
  delete: 'DELETE',
};

/** A write interaction, transport-free: the same value from an HTTP request and a Bundle entry. */
export interface WriteInteraction {
  kind: WriteKind;
  resourceType: string;
  /** The instance of `[type]/[id]`; absent for create and the conditional forms. */
  id?: string;
  /**
   * Search criteria (a query string without `?`): of a conditional update, patch or delete, or a
   * create's `If-None-Exist`.
   */
  criteria?: string;
  /** `If-Match`: the version id the current version must have, or `*` (any current version). */
  ifMatch?: string;
  /** `If-None-Match: *` on update: only create. */
  ifNoneMatch?: true;
  /** The body of create and update (its type and, for update by id, its id already checked). */
  resource?: fhir4.Resource;
  /** The patch document of patch. */
  patch?: PatchDocument;
}

/**
 * Preconditions and other guard rows a unit of work carries besides its writes, checked inside
 * the same atomic commit. Every field of {@link UnitOfWork} but `writes`, so guards added to the
 * port later travel through the pipeline unchanged.
 */
export type UnitGuards = Omit<UnitOfWork, 'writes'>;

/** What one write interaction will do, before anything is committed. */
export interface WritePlan {
  interaction: WriteInteraction;
  /** The status the interaction answers with once committed. */
  status: number;
  /** The resource written; absent when a conditional delete matched nothing. */
  target?: { resourceType: string; id: string };
  /** The current version when planned (deleted or not); absent when none was ever stored. */
  previous?: StoredVersion;
  /** A conditional create's one match: answered as is, nothing written. */
  existing?: StoredVersion;
  /** The new version; absent when nothing is written (delete of nothing, conditional create match). */
  write?: ResourceWrite;
  guards: UnitGuards;
  /** Warnings and information from validation, for `Prefer: return=OperationOutcome`. */
  issues: Issue[];
}

/** Guards of `a` and `b` together (each kind of guard concatenated). */
export function mergeGuards(a: UnitGuards, b: UnitGuards): UnitGuards {
  const merged: Record<string, unknown[]> = {};
  for (const source of [a, b] as Record<string, unknown[] | undefined>[]) {
    for (const [kind, rows] of Object.entries(source)) {
      if (rows?.length) merged[kind] = [...(merged[kind] ?? []), ...rows];
    }
  }
  return merged as UnitGuards;
}
