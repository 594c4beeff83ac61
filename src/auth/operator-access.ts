/**
 * Access to the operator routes (`/admin/…`, the exchange's operator API): a verified bearer
 * token whose caller is an operator (role `operator` or `admin`, or a backend client holding
 * every system scope, `system/*.cruds`). `ADMIN_TOKEN` is accepted in development mode only.
 * Unlike the FHIR routes, a request without a token is refused in development mode too: the
 * operator API changes what leaves the country's systems, and it had always needed a token.
 * Every operator request leaves an AuditEvent: who, the action (method and path), the outcome.
 * @see ../../docs/decisions/031-access-control-and-audit.md
 * @module
 */
import type { MiddlewareHandler } from 'hono';
import { FhirError, error } from '../fhir/outcome.js';
import { requestIdOf } from '../http/ops/request-id.js';
import { authenticate, clientAddress, recordRequest, unauthorized, type AccessControl } from './access-control.js';
import type { ResourceStore } from '../storage/port.js';
import type { Principal } from './principal.js';
import { ALL_SCOPES, grants, type Permission } from './scopes.js';

/** Roles that may use the operator API. */
export const OPERATOR_ROLES: readonly string[] = ['operator', 'admin'];

/** The subject the audit names for a caller that used the development `ADMIN_TOKEN`. */
export const ADMIN_TOKEN_SUBJECT = 'development-admin-token';

const ALL_PERMISSIONS: readonly Permission[] = ['c', 'r', 'u', 'd', 's'];

/** Whether `principal` may act as an operator. */
export function isOperator(principal: Principal): boolean {
  if (OPERATOR_ROLES.some((role) => principal.roles.has(role))) return true;
  // A backend client with every system scope: the national exchange's own service account.
  return (
    principal.compartment.kind === 'all' &&
    principal.scopes.contexts.has('system') &&
    ALL_PERMISSIONS.every((permission) => grants(principal.scopes, '*', permission))
  );
}

/** The middleware of the operator routes; `store` (unguarded) receives their AuditEvents. */
export function operatorAccess(store: ResourceStore, control: AccessControl): MiddlewareHandler {
  return async (c, next) => {
    const path = new URL(c.req.url).pathname;
    const request = {
      method: c.req.method,
      path,
      address: clientAddress(c),
      requestId: requestIdOf(c.req.raw),
      operation: `${c.req.method} ${path}`,
    };
    const header = c.req.header('authorization');
    let principal: Principal;
    try {
      if (header === undefined) throw new Error('no bearer token');
      principal = developmentOperator(control, header) ?? (await authenticate(header, control));
    } catch (thrown) {
      await recordRequest(store, control, undefined, { ...request, status: 401 });
      return unauthorized(thrown);
    }
    const access = { principal, entities: new Set<string>(), patients: new Set<string>() };
    if (!isOperator(principal)) {
      await recordRequest(store, control, access, { ...request, status: 403 });
      throw new FhirError(
        403,
        error('forbidden', 'The operator API needs the operator or admin role', 'Authorization'),
      );
    }
    // A route's thrown error has become its answer (Hono's onError) by the time next() returns.
    await next();
    await recordRequest(store, control, access, { ...request, status: c.res.status });
  };
}

/** The development mode's `ADMIN_TOKEN` caller, when `header` carries it. */
function developmentOperator(control: AccessControl, header: string): Principal | undefined {
  const token = control.operatorToken;
  if (token === undefined) return undefined;
  const given = /^Bearer (.+)$/.exec(header)?.[1];
  if (given === undefined || !sameText(given, token)) return undefined;
  return {
    subject: ADMIN_TOKEN_SUBJECT,
    scopes: ALL_SCOPES,
    compartment: { kind: 'all' },
    roles: new Set(['operator']),
    labels: new Set(),
  };
}

/** Compares without stopping at the first difference, so timing does not reveal the token. */
function sameText(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return diff === 0;
}
