/**
 * The store as one caller may use it: every read, search, history page and commit of the
 * request passes here, whether it came from a REST route, a batch or transaction entry, an
 * `_include`, an operation ($apply, $worklist, $growth-chart, $validate of an instance), ingest
 * or export. So the scopes, the compartment and the confidentiality labels are enforced in one
 * place that no path around the router can miss (decision 031).
 *
 * - A type the scopes do not grant: 403 (it reveals nothing about any record).
 * - A record outside the compartment, behind a label or outside a granular scope's query
 *   (`scope-query.ts`): it does not exist for this caller (a read is 404, a search neither
 *   returns nor counts it); writing one is 403.
 * - A write: each version in the unit of work must be granted and inside the compartment; the
 *   AuditEvent of the write joins the same unit of work, so both commit or neither does.
 * @module
 */
import type { HistoryPage, HistoryQuery, ResourceStore, StoredVersion, ResourceWrite } from '../storage/port.js';
import type { StoreSearchQuery } from '../search/search-request.js';
import { compartmentConditions, inPatientCompartment, patientsOf } from './compartment.js';
import { RESTRICTING_CODES, labelConditions, missingLabels } from './confidentiality.js';
import { filteredHistory } from './filtered-history.js';
import { narrowedPlanIndex } from './narrowed-plan-index.js';
import { forbidden, requirePermission, type RequestAccess } from './request-access.js';
import { reachConditions, reachesRecord, scopeReach, type ScopeReach } from './scope-query.js';
import type { Permission } from './scopes.js';

/** Makes the AuditEvent write of a committed unit; absent when auditing is off. */
export type CommitAuditor = (access: RequestAccess, writes: readonly ResourceWrite[]) => ResourceWrite;

/** `inner` as the caller of `access` may use it. */
export function guardStore(inner: ResourceStore, access: RequestAccess, auditCommit?: CommitAuditor): ResourceStore {
  const { principal } = access;
  const restricted = principal.compartment.kind !== 'all';
  // A caller holding every restricting label sees every label: its reads need no look at the body.
  const allLabels = RESTRICTING_CODES.every((code) => principal.labels.has(code));

  /** Whether the caller may see `resource` (its compartment and labels). */
  async function visible(resource: fhir4.Resource, pending?: ReadonlyMap<string, fhir4.Patient>): Promise<boolean> {
    if (!allLabels && missingLabels(resource, principal.labels).length > 0) return false;
    if (!restricted || !inPatientCompartment(resource.resourceType)) return true;
    for (const patient of patientsOf(resource)) if (await access.seesPatient(patient, pending)) return true;
    return false;
  }

  function note(version: StoredVersion): void {
    // Reading the audit trail is itself audited, but not as an access to the patients it names.
    if (!access.audit || !version.resource || version.resourceType === 'AuditEvent') return;
    access.entities.add(`${version.resourceType}/${version.id}`);
    if (inPatientCompartment(version.resourceType))
      for (const patient of patientsOf(version.resource)) access.patients.add(patient);
  }

  /**
   * Whether showing a version of `resourceType` depends on its body (labels, compartment, audit).
   * When not, the version is handed on as stored: a read answers with the stored text and never
   * parses it (decision 039).
   */
  function bodyMatters(resourceType: string): boolean {
    if (!allLabels) return true;
    if (!inPatientCompartment(resourceType)) return false;
    return restricted || (access.audit && resourceType !== 'AuditEvent');
  }

  async function shown(version: StoredVersion | undefined): Promise<StoredVersion | undefined> {
    if (!version) return undefined;
    if (!bodyMatters(version.resourceType)) {
      if (access.audit && !version.deleted && version.resourceType !== 'AuditEvent')
        access.entities.add(`${version.resourceType}/${version.id}`);
      return version;
    }
    // A delete marker has no body to place; a restricted caller is told "not found", as for any
    // record it may not see, rather than "gone", which would confirm the record existed.
    if (!version.resource) return restricted && inPatientCompartment(version.resourceType) ? undefined : version;
    if (!(await visible(version.resource))) return undefined;
    note(version);
    return version;
  }

  return {
    // The open-visit index (decision 026) answers by performer without looking at patients, so a
    // restricted caller gets it narrowed to the compartment's patients. Labels are not checked
    // there: no CarePlan carries one. A granular scope restricts records by their content, which
    // the index does not look at, so such a caller reads the plans through this store.
    ...(principal.scopes.queried.length === 0 && inner.planActivities
      ? { planActivities: restricted ? narrowedPlanIndex(inner.planActivities, access) : inner.planActivities }
      : {}),
    async readCurrent(resourceType, id) {
      const reach = requirePermission(principal, resourceType, 'r');
      return shown(inReach(reach, await inner.readCurrent(resourceType, id)));
    },
    async readVersion(resourceType, id, versionId) {
      const reach = requirePermission(principal, resourceType, 'r');
      if (!(await shown(inReach(reach, await inner.readCurrent(resourceType, id))))) return undefined;
      return shown(inReach(reach, await inner.readVersion(resourceType, id, versionId)));
    },
    async history(query) {
      return guardedHistory(query);
    },
    async search(query) {
      const reach = requirePermission(principal, query.resourceType, 's');
      const page = await inner.search(await guardedQuery(query, reach));
      for (const version of page.resources) note(version);
      return page;
    },
    async commit(unit) {
      await checkWrites(unit.writes);
      if (!auditCommit) return inner.commit(unit);
      await inner.commit({ ...unit, writes: [...unit.writes, auditCommit(access, unit.writes)] });
      access.auditedCommits += 1;
    },
  };

  async function guardedQuery(query: StoreSearchQuery, reach: ScopeReach): Promise<StoreSearchQuery> {
    const now = Date.now();
    const extra = [...labelConditions(query.resourceType, principal.labels, now), ...reachConditions(reach)];
    if (restricted && inPatientCompartment(query.resourceType)) {
      const filter = await access.filter();
      extra.push(...(filter === 'all' ? [] : compartmentConditions(query.resourceType, filter, now)));
    }
    return extra.length ? { ...query, conditions: [...query.conditions, ...extra] } : query;
  }

  async function guardedHistory(query: HistoryQuery): Promise<HistoryPage> {
    const { resourceType, id } = query;
    if (resourceType && id !== undefined) {
      const reach = requirePermission(principal, resourceType, 'r');
      const current = await inner.readCurrent(resourceType, id);
      const hidden = current?.resource
        ? !(await visible(current.resource)) || !reachesRecord(reach, current.resource)
        : (restricted && inPatientCompartment(resourceType)) || reach.kind !== 'all';
      if (hidden) return { versions: [], total: 0, upTo: query.upTo ?? 0 };
      const page = await inner.history(query);
      if (reach.kind === 'all') return page;
      // Earlier versions outside the query stay hidden (the total still counts them).
      return { ...page, versions: page.versions.filter((v) => !v.resource || reachesRecord(reach, v.resource)) };
    }
    if (resourceType) requirePermission(principal, resourceType, 'r');
    // Only an unrestricted administrator holding every label and unqueried scopes sees every
    // version: the store's page as it is.
    const everything =
      !restricted && principal.scopes.queried.length === 0 && principal.roles.has('admin') && allLabels;
    if (everything) return inner.history(query);
    const reachOf = historyReaches();
    return filteredHistory(inner, query, async (version) => {
      const reach = reachOf(version.resourceType);
      if (!reach) return false;
      if (version.resourceType === 'AuditEvent' && !principal.roles.has('admin')) return false;
      // A delete marker has no body to place: hidden from a restricted or query-scoped caller, as in a read.
      if (!version.resource) return reach.kind === 'all' && !(restricted && inPatientCompartment(version.resourceType));
      return reachesRecord(reach, version.resource) && visible(version.resource);
    });
  }

  /** The caller's read reach per type for a history page (none where a scope cannot be enforced). */
  function historyReaches(): (resourceType: string) => ScopeReach | undefined {
    const now = Date.now();
    const reaches = new Map<string, ScopeReach | undefined>();
    return (resourceType) => {
      if (!reaches.has(resourceType)) {
        let reach: ScopeReach | undefined;
        try {
          reach = scopeReach(principal.scopes, resourceType, 'r', now);
        } catch {
          reach = undefined;
        }
        reaches.set(resourceType, reach);
      }
      return reaches.get(resourceType);
    };
  }

  async function checkWrites(writes: readonly ResourceWrite[]): Promise<void> {
    const pending = new Map<string, fhir4.Patient>();
    for (const write of writes)
      if (write.resourceType === 'Patient' && write.resource) pending.set(write.id, write.resource as fhir4.Patient);
    for (const write of writes) {
      const reach = requirePermission(principal, write.resourceType, permissionOf(write));
      if (reach.kind !== 'all') await checkReach(reach, write);
      if (!write.resource) continue;
      const labels = missingLabels(write.resource, principal.labels);
      if (labels.length > 0) throw forbidden(`Writing a record labelled ${labels.join(', ')} needs that label`);
      if (!(await visible(write.resource, pending)))
        throw forbidden(`${write.resourceType} may only be written for patients inside the token's compartment`);
    }
  }

  /** A write under a granular scope: the new version and the one it replaces must match the query. */
  async function checkReach(reach: ScopeReach, write: ResourceWrite): Promise<void> {
    const scopes = reach.kind === 'matching' ? reach.scopes.join(', ') : '';
    const outside = () => forbidden(`${write.resourceType} may only be written where it matches the scope ${scopes}`);
    if (write.resource && !reachesRecord(reach, write.resource)) throw outside();
    if (write.expect.kind === 'absent') return;
    const stored = await inner.readCurrent(write.resourceType, write.id);
    if (stored?.resource && !reachesRecord(reach, stored.resource)) throw outside();
  }
}

/** `version` when the reach covers it; a delete marker only under a scope without a query. */
function inReach(reach: ScopeReach, version: StoredVersion | undefined): StoredVersion | undefined {
  if (!version || reach.kind === 'all') return version;
  return version.resource && reachesRecord(reach, version.resource) ? version : undefined;
}

function permissionOf(write: ResourceWrite): Permission {
  if (write.method === 'DELETE') return 'd';
  return write.expect.kind === 'absent' ? 'c' : 'u';
}
