/**
 * SMART on FHIR scopes, v2 (`patient/Observation.rs`, `user/*.cruds`) and v1 (`read`, `write`,
 * `*`), read into the permissions they grant per resource type. A scope with a query (v2
 * granular scopes, `patient/Observation.rs?category=…`) is kept apart as a {@link QueriedScope}:
 * it grants its permissions only on records that match its query (`scope-query.ts`), never the
 * whole type.
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
  /** Granular scopes: permissions on the records of a type that match a search query. */
  queried: readonly QueriedScope[];
}

/** One granular v2 scope, e.g. `patient/Observation.rs?category=vital-signs`. */
export interface QueriedScope {
  /** The scope as the token wrote it (for messages). */
  text: string;
  type: string;
  permissions: ReadonlySet<Permission>;
  /** The query after `?`, unparsed (it is parsed against the type when used). */
  query: string;
}

const V2 = /^(patient|user|system)\/([A-Za-z]+|\*)\.(c?r?u?d?s?)(?:\?(.+))?$/;
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
  const queried: QueriedScope[] = [];
  for (const item of scope.split(/\s+/)) {
    const parsed = parseScope(item);
    if (!parsed) continue;
    contexts.add(parsed.context);
    if (parsed.query !== undefined) {
      queried.push({ text: item, type: parsed.type, permissions: new Set(parsed.permissions), query: parsed.query });
      continue;
    }
    const held = byType.get(parsed.type) ?? new Set<Permission>();
    for (const permission of parsed.permissions) held.add(permission);
    byType.set(parsed.type, held);
  }
  return { byType, contexts, queried };
}

interface ParsedScope {
  context: ScopeContext;
  type: string;
  permissions: Permission[];
  query?: string;
}

function parseScope(item: string): ParsedScope | undefined {
  const v2 = V2.exec(item);
  if (v2 && v2[3]) {
    const permissions = [...v2[3]] as Permission[];
    return { context: v2[1] as ScopeContext, type: v2[2]!, permissions, ...(v2[4] ? { query: v2[4] } : {}) };
  }
  const v1 = V1.exec(item);
  if (v1) return { context: v1[1] as ScopeContext, type: v1[2]!, permissions: V1_PERMISSIONS[v1[3]!]! };
  return undefined;
}

/** Whether `grant` allows `permission` on every record of `resourceType` (granular scopes aside). */
export function grants(grant: ScopeGrant, resourceType: string, permission: Permission): boolean {
  return grant.byType.get(resourceType)?.has(permission) === true || grant.byType.get('*')?.has(permission) === true;
}

/** The grant of everything, for the development mode's local administrator. */
export const ALL_SCOPES: ScopeGrant = parseScopes('system/*.cruds');

/** The granular scopes that grant `permission` on `resourceType` (or on `*`). */
export function queriedScopes(grant: ScopeGrant, resourceType: string, permission: Permission): QueriedScope[] {
  return grant.queried.filter(
    (scope) => (scope.type === resourceType || scope.type === '*') && scope.permissions.has(permission),
  );
}
