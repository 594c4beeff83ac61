/**
 * One request's access: the principal, the patients its compartment admits (resolved once per
 * request), and what the request touched, for its AuditEvent.
 * @module
 */
import { FhirError, error } from '../fhir/outcome.js';
import type { ResourceStore } from '../storage/port.js';
import { admitsPatient, type PatientFilter } from './compartment.js';
import { resolvePatientFilter } from './compartment-filter.js';
import type { Principal } from './principal.js';
import { scopeReach, type ScopeReach } from './scope-query.js';
import type { Permission } from './scopes.js';

/** The per-request state of access control. */
export interface RequestAccess {
  principal: Principal;
  /** Whether AuditEvents are recorded (then touched resources are collected). */
  audit: boolean;
  /** Resources read or written, `Type/id`, for the audit. */
  entities: Set<string>;
  /** Patients concerned, for the audit. */
  patients: Set<string>;
  /** Commits that carried their own AuditEvent (a write's audit is in its unit of work). */
  auditedCommits: number;
  /** The caller's patient filter; `all` when unrestricted. Resolved on first use. */
  filter(): Promise<PatientFilter | 'all'>;
  /** Whether the caller may see `patientId` (by its stored Patient, or one about to be written). */
  seesPatient(patientId: string, pending?: ReadonlyMap<string, fhir4.Patient>): Promise<boolean>;
}

const NAMES: Record<Permission, string> = { c: 'create', r: 'read', u: 'update', d: 'delete', s: 'search' };

/** 403 with a message that names the missing right, never the record. */
export function forbidden(message: string): FhirError {
  return new FhirError(403, error('forbidden', message));
}

/**
 * Throws 403 unless the scopes grant `permission` on `resourceType`, and returns which records
 * they grant it on (all, or those matching a granular scope's query). AuditEvents are read by
 * administrators only and written by the gateway only.
 */
export function requirePermission(
  principal: Principal,
  resourceType: string,
  permission: Permission,
  now = Date.now(),
): ScopeReach {
  if (resourceType === 'AuditEvent') {
    if (permission !== 'r' && permission !== 's') throw forbidden('AuditEvents are written by the gateway only');
    if (!principal.roles.has('admin')) throw forbidden('AuditEvents are readable by administrators only');
  }
  const reach = scopeReach(principal.scopes, resourceType, permission, now);
  if (!reach) throw forbidden(`The token's scopes do not allow ${NAMES[permission]} on ${resourceType}`);
  return reach;
}

/** Builds the access of one request over `store` (the unguarded store, for look-ups). */
export function createRequestAccess(principal: Principal, store: ResourceStore, audit: boolean): RequestAccess {
  let filter: Promise<PatientFilter | 'all'> | undefined;
  const seen = new Map<string, boolean>();
  const access: RequestAccess = {
    principal,
    audit,
    entities: new Set(),
    patients: new Set(),
    auditedCommits: 0,
    filter: () => (filter ??= resolvePatientFilter(principal, store)),
    seesPatient: async (patientId, pending) => {
      const waiting = pending?.get(patientId);
      if (waiting) return admits(await access.filter(), waiting);
      let known = seen.get(patientId);
      if (known === undefined) {
        const stored = await store.readCurrent('Patient', patientId);
        const patient = stored?.resource as fhir4.Patient | undefined;
        known = patient !== undefined && admits(await access.filter(), patient);
        seen.set(patientId, known);
      }
      return known;
    },
  };
  return access;
}

function admits(filter: PatientFilter | 'all', patient: fhir4.Patient): boolean {
  return filter === 'all' || admitsPatient(filter, patient);
}
