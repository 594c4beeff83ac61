/**
 * SMART on FHIR scopes, v2 (`patient/Observation.rs`, `user/*.cruds`) and v1 (`read`, `write`,
 * `*`), read into the permissions they grant per resource type. A scope with a query
 * (v2 granular scopes, `patient/Observation.rs?category=…`) grants nothing here: the gateway does
 * not yet filter on it, and granting the whole type instead would give more than was asked.
 * @see https://build.fhir.org/ig/HL7/smart-app-launch/scopes-and-launch-context.html
 * @module
 */

/** One SMART v2 permission: create, read, update, delete, search. */
export type Permission = 'c' | 'r' | 'u' | 'd' | 's';

/** The context a scope is granted in. */
export type ScopeContext = 'patient' | 'user' | 'system';

/** What a token's scopes grant, merged over all its scopes. */
export interface ScopeGrant {
  /** Permissions by resource type; `*` applies to every type. */
  byType: ReadonlyMap<string, ReadonlySet<Permission>>;
  /** The contexts the resource scopes were granted in. */
  contexts: ReadonlySet<ScopeContext>;
}

const V2 = /^(patient|user|system)\/([A-Za-z]+|\*)\.(c?r?u?d?s?)$/;
const V1 = /^(patient|user|system)\/([A-Za-z]+|\*)\.(read|write|\*)$/;
const V1_PERMISSIONS: Record<string, Permission[]> = {
  read: ['r', 's'],
  write: ['c', 'u', 'd'],
  '*': ['c', 'r', 'u', 'd', 's'],
};

/** Reads a space-separated `scope` claim; scopes that are not resource scopes are ignored. */
export function parseScopes(scope: string): ScopeGrant {
  const byType = new Map<string, Set<Permission>>();
  const contexts = new Set<ScopeContext>();
  for (const item of scope.split(/\s+/)) {
    const parsed = parseScope(item);
    if (!parsed) continue;
    contexts.add(parsed.context);
    const held = byType.get(parsed.type) ?? new Set<Permission>();
    for (const permission of parsed.permissions) held.add(permission);
    byType.set(parsed.type, held);
  }
  return { byType, contexts };
}

function parseScope(item: string): { context: ScopeContext; type: string; permissions: Permission[] } | undefined {
  const v2 = V2.exec(item);
  if (v2 && v2[3]) return { context: v2[1] as ScopeContext, type: v2[2]!, permissions: [...v2[3]] as Permission[] };
  const v1 = V1.exec(item);
  if (v1) return { context: v1[1] as ScopeContext, type: v1[2]!, permissions: V1_PERMISSIONS[v1[3]!]! };
  return undefined;
}

/** Whether `grant` allows `permission` on `resourceType`. */
export function grants(grant: ScopeGrant, resourceType: string, permission: Permission): boolean {
  return grant.byType.get(resourceType)?.has(permission) === true || grant.byType.get('*')?.has(permission) === true;
}

/** The grant of everything, for the development mode's local administrator. */
export const ALL_SCOPES: ScopeGrant = parseScopes('system/*.cruds');
