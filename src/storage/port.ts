/**
 * The storage port. Every adapter (memory, SQLite via better-sqlite3, D1, later PostgreSQL)
 * implements {@link ResourceStore}; the shared conformance suite in `test/conformance/` runs
 * against each of them.
 *
 * Writes are data, not calls: the REST layer builds a {@link UnitOfWork} (resource versions,
 * later search-index and outbox rows) and the adapter commits it atomically. D1 has no
 * interactive transactions, only `batch()`, so preconditions are part of the unit of work
 * ({@link WriteExpectation}) and are checked inside the same atomic batch.
 * @see https://hl7.org/fhir/R4/http.html#concurrency
 * @module
 */
import type { SearchIndexRows } from '../search/index-rows.js';
import type { PlanActivityIndex } from './plan-activity-index.js';
import type { Condition, PageCursor, StoreSearchQuery } from '../search/search-request.js';

/** One stored version of a resource (current or historical). */
export interface StoredVersion {
  resourceType: string;
  id: string;
  /** Positive integer as a string: "1", "2", … */
  versionId: string;
  /** Instant with millisecond precision, e.g. `2026-11-29T10:00:00.000Z`. */
  lastUpdated: string;
  /** True for a delete marker; `resource` is then absent. */
  deleted: boolean;
  /** The HTTP verb that produced this version, used by history Bundles. */
  method: WriteMethod;
  resource?: fhir4.Resource;
  /**
   * The stored JSON text of `resource` (its compact `JSON.stringify` form), when the store keeps
   * the text: a read can answer with it without parsing and re-serialising. Not enumerable, so
   * versions compare equal across stores; stale once `resource` is mutated in place.
   */
  readonly json?: string;
}

/** The interaction that produced a version. @see https://hl7.org/fhir/R4/valueset-http-verb.html */
export type WriteMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * What the current row must look like for a write to apply. `absent` means no row at all
 * (create); `version` means the current version id (deleted or not) equals `versionId`.
 */
export type WriteExpectation = { kind: 'absent' } | { kind: 'version'; versionId: string };

/** One new version of one resource. */
export interface ResourceWrite {
  resourceType: string;
  id: string;
  versionId: string;
  lastUpdated: string;
  method: WriteMethod;
  /** The resource body (with `meta.versionId`/`meta.lastUpdated` set); absent for a delete. */
  resource?: fhir4.Resource;
  expect: WriteExpectation;
  /**
   * Search index rows of `resource`, replacing the resource's previous rows in the same atomic
   * unit. A delete (or a write without rows) leaves the resource with none.
   */
  index?: SearchIndexRows;
  /**
   * The text of `resource` as the store serialised it for storage (compact `JSON.stringify`), set
   * by a store that does so, not enumerable: the answer to the write can be that text instead of
   * serialising the resource a second time. Stale once `resource` is mutated after the commit.
   */
  readonly json?: string;
}

/**
 * "No current resource of `resourceType` matches `conditions`": the precondition of a
 * conditional create, checked inside the same atomic unit as the writes.
 * @see https://hl7.org/fhir/R4/http.html#ccreate
 */
export interface SearchGuard {
  resourceType: string;
  conditions: Condition[];
}

/**
 * "This resource is still at the version that was read": the precondition of a transaction's
 * GET entry, so that its answer is the state at commit (decision 011). Checked inside the same
 * atomic unit as the writes; a unit without writes checks nothing.
 * @see https://hl7.org/fhir/R4/http.html#trules
 */
export interface ReadGuard {
  resourceType: string;
  id: string;
  /** The current, not deleted version that was read. */
  versionId: string;
}

/** One resource, named by type and id. */
export interface ResourceKey {
  resourceType: string;
  id: string;
}

/**
 * "`resourceType/id` exists and is not deleted once the unit's writes apply": a literal
 * reference made by one of the writes (resources written earlier in the unit count).
 * @see https://hl7.org/fhir/R4/references.html#literal
 */
export interface ReferenceGuard extends ResourceKey {
  /** Index into `UnitOfWork.writes` of the write that holds the reference, for the error. */
  writeIndex?: number;
  /** FHIRPath of the Reference inside that write's resource (`Observation.subject`), for the error. */
  expression?: string;
}

/**
 * "No current resource references `resourceType/id` once the unit's writes apply": the
 * precondition of deleting it. Counts relative literal references held in the search index
 * (`search_reference`); absolute URLs may name another server and do not count.
 */
export interface UnreferencedGuard extends ResourceKey {
  /** Index into `UnitOfWork.writes` of the delete, for the error. */
  writeIndex?: number;
}

/**
 * "No current resource of `resourceType` other than `id` carries the identifier
 * `system|value` once the unit's writes apply": a business identifier declared unique. Reads the
 * search index (token rows of the `identifier` parameter), which the same unit writes.
 */
export interface IdentifierGuard extends ResourceKey {
  system: string;
  value: string;
  writeIndex?: number;
  /** FHIRPath of the Identifier (`Patient.identifier[0]`), for the error. */
  expression?: string;
}

/**
 * Integrity guards of a unit: checked against the state after its writes, in the same atomic
 * commit, so no concurrent request can slip between check and write.
 */
export interface IntegrityGuards {
  references?: ReferenceGuard[];
  unreferenced?: UnreferencedGuard[];
  identifiers?: IdentifierGuard[];
}

/** Everything one request writes. Committed whole or not at all. */
export interface UnitOfWork {
  writes: ResourceWrite[];
  /** Checked before the writes apply; a failing guard fails the unit with {@link WriteConflictError}. */
  guards?: SearchGuard[];
  /** Versions read by the unit that must still be current; a failing one is a {@link WriteConflictError}. */
  reads?: ReadGuard[];
  /**
   * Checked after the version preconditions, guards and reads: a failing one fails the unit with
   * an {@link IntegrityError}, unless a {@link WriteConflictError} explains the failure first.
   */
  integrity?: IntegrityGuards;
  /**
   * Outbox rows of the national exchange: one per write bound for a destination, stored in the
   * same atomic commit as the writes, so a change is forwarded exactly when it is stored.
   */
  outbox?: OutboxRow[];
}

/**
 * "Forward this version to `destination`": a row of the transactional outbox (decision 029).
 * The dispatcher reads the version itself from history when it sends.
 */
export interface OutboxRow {
  destination: string;
  resourceType: string;
  id: string;
  versionId: string;
  method: WriteMethod;
  /** Rows with the same key reach a destination in commit order (the patient's compartment). */
  orderKey: string;
  /** When the row was written, epoch milliseconds. */
  createdMs: number;
}

/** A page of search results in the requested order. */
export interface SearchPage {
  /** Current versions of the matching resources on this page. */
  resources: StoredVersion[];
  /** Number of matches across all pages, when the query asked for it. */
  total?: number;
  next?: PageCursor;
  previous?: PageCursor;
}

/** Thrown by {@link ResourceStore.commit} when a {@link WriteExpectation} does not hold. */
export class WriteConflictError extends Error {
  /** Index into `UnitOfWork.writes` of the first write found in conflict, when known. */
  readonly writeIndex: number | undefined;

  constructor(message: string, writeIndex?: number) {
    super(message);
    this.name = 'WriteConflictError';
    this.writeIndex = writeIndex;
  }
}

/** Most referring resources a {@link ReferencedResourceError} lists. */
export const MAX_REFERRERS_LISTED = 10;

/** A failed {@link IntegrityGuards} check; which write it concerns, when known. */
export abstract class IntegrityError extends Error {
  abstract readonly writeIndex: number | undefined;
}

/** Literal references of the unit name resources that do not exist or are deleted. */
export class DanglingReferenceError extends IntegrityError {
  readonly missing: readonly ReferenceGuard[];

  constructor(missing: readonly ReferenceGuard[]) {
    super(`reference to ${missing.map((m) => `${m.resourceType}/${m.id}`).join(', ')}, which does not exist`);
    this.name = 'DanglingReferenceError';
    this.missing = missing;
  }

  get writeIndex(): number | undefined {
    return this.missing[0]?.writeIndex;
  }
}

/** A resource the unit deletes is still referenced by current resources. */
export class ReferencedResourceError extends IntegrityError {
  readonly target: UnreferencedGuard;
  /** Up to {@link MAX_REFERRERS_LISTED} referring resources. */
  readonly referrers: readonly ResourceKey[];
  /** True when more resources refer than are listed. */
  readonly more: boolean;

  constructor(target: UnreferencedGuard, referrers: readonly ResourceKey[], more: boolean) {
    super(`${target.resourceType}/${target.id} is still referenced`);
    this.name = 'ReferencedResourceError';
    this.target = target;
    this.referrers = referrers;
    this.more = more;
  }

  get writeIndex(): number | undefined {
    return this.target.writeIndex;
  }
}

/** Another current resource already carries an identifier declared unique. */
export class DuplicateIdentifierError extends IntegrityError {
  readonly identifier: IdentifierGuard;
  /** The resource that already carries it. */
  readonly existing: ResourceKey;

  constructor(identifier: IdentifierGuard, existing: ResourceKey) {
    super(
      `identifier ${identifier.system}|${identifier.value} is already used by ${existing.resourceType}/${existing.id}`,
    );
    this.name = 'DuplicateIdentifierError';
    this.identifier = identifier;
    this.existing = existing;
  }

  get writeIndex(): number | undefined {
    return this.identifier.writeIndex;
  }
}

/**
 * Thrown by {@link ResourceStore.search} when the database refuses a query as too complex (an
 * expression tree too deep, too many bound variables, a LIKE pattern too complex): the request
 * asked for more than the store can run, a client error rather than a failure of the server.
 * @see https://hl7.org/fhir/R4/search.html#errors
 */
export class QueryTooComplexError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueryTooComplexError';
  }
}

/**
 * The database stayed busy with other work (a lock held by another connection) longer than the
 * store waits: nothing of the request was written, and the same request can succeed a moment
 * later. Answered 503 with `Retry-After`, not 500: the request was fine and the server is not broken.
 * @see https://hl7.org/fhir/R4/valueset-issue-type.html (`lock-error`)
 */
export class StorageBusyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StorageBusyError';
  }
}

/** Which versions a history request covers. @see https://hl7.org/fhir/R4/http.html#history */
export interface HistoryQuery {
  /** Limit to one type (type history) or, with `id`, one resource (instance history). */
  resourceType?: string;
  id?: string;
  /** Only versions updated at or after this instant (`_since`). */
  since?: string;
  /** Only versions updated at or before this instant (`_at` upper bound). */
  before?: string;
  /**
   * Only versions recorded at or before this position of the history (a {@link HistoryPage.upTo}
   * of an earlier page), so that later pages neither repeat nor skip while others write.
   */
  upTo?: number;
  count: number;
  offset: number;
}

/** A page of history, newest first. */
export interface HistoryPage {
  versions: StoredVersion[];
  total: number;
  /** The newest history position this page set covers: the query's `upTo`, or the newest now. */
  upTo: number;
  /**
   * Set when the page was filtered for a caller who may not see every version (decision 031):
   * whether more visible versions follow. `total` is then not a count to report.
   */
  hasMore?: boolean;
}

/** The storage port: current and historical versions of resources, written by units of work. */
export interface ResourceStore {
  /** The current version of a resource, including a delete marker; `undefined` if never stored. */
  readCurrent(resourceType: string, id: string): Promise<StoredVersion | undefined>;
  /** One historical version; `undefined` if it does not exist. */
  readVersion(resourceType: string, id: string, versionId: string): Promise<StoredVersion | undefined>;
  /** Versions newest first, paged. */
  history(query: HistoryQuery): Promise<HistoryPage>;
  /**
   * Applies every write atomically or none; throws {@link WriteConflictError} on a failed
   * expectation, guard or read, and an {@link IntegrityError} on a failed integrity guard.
   */
  commit(unit: UnitOfWork): Promise<void>;
  /** Current, not deleted resources matching a search, one keyset page at a time. @see https://hl7.org/fhir/R4/search.html */
  search(query: StoreSearchQuery): Promise<SearchPage>;
  /** The open-visit index of active CarePlans, when the store keeps one (decision 026). */
  readonly planActivities?: PlanActivityIndex;
}
