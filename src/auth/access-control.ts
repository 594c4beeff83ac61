/**
 * The access-control middleware: reads the bearer token, answers 401 for a missing or bad one,
 * limits each client's rate (429), and gives the request a store guarded for its caller
 * (`guarded-store.ts`). After the answer it records the request's AuditEvent, unless a commit
 * already carried it. Routes take the guarded context with {@link restOf}.
 * @see https://www.rfc-editor.org/rfc/rfc6750 (bearer tokens)
 * @module
 */
import type { Context, MiddlewareHandler } from 'hono';
import { FhirError, error } from '../fhir/outcome.js';
import type { Clock } from '../rest/context.js';
import type { ResourceStore, ResourceWrite } from '../storage/port.js';
import { logSafe } from '../lib/log-safe.js';
import { requestIdOf } from '../http/ops/request-id.js';
import { auditEvent, auditWrite, type AuditFacts } from './audit-event.js';
import type { AuthSettings } from './auth-config.js';
import { inPatientCompartment, patientsOf } from './compartment.js';
import { guardStore } from './guarded-store.js';
import { interactionOfRequest } from './interaction-of-request.js';
import { anonymousAdmin, principalOf, type Principal } from './principal.js';
import type { RateLimiter } from './rate-limit.js';
import { createRequestAccess, forbidden, type RequestAccess } from './request-access.js';
import { grants } from './scopes.js';
import type { TokenAuthority } from './token-verifier.js';

/** What the middleware needs, built at start (`createAccessControl`). */
export interface AccessControl {
  settings: AuthSettings;
  authority: TokenAuthority;
  newId: () => string;
  clock: Clock;
  limiter?: RateLimiter;
  /** Development only: `ADMIN_TOKEN`, accepted by the operator API (`operator-access.ts`). */
  operatorToken?: string;
}

/** The request variables the middleware sets. */
export interface AccessVariables {
  /** The store as this request's caller may use it. */
  guardedStore?: ResourceStore;
}

const MAX_TOKEN_CHARS = 16_384;

/** Whether `path` serves records (and so needs a token). Capabilities and pages stay public. */
export function isProtectedPath(path: string): boolean {
  if (path === '/fhir/metadata' || path === '/fhir/.well-known/smart-configuration') return false;
  return /^\/(fhir|ingest|export)(\/|$)/.test(path);
}

/** The middleware over `store` (unguarded, for lookups and the audit of non-write requests). */
export function accessControl(store: ResourceStore, control: AccessControl): MiddlewareHandler {
  return async (c, next) => {
    const path = new URL(c.req.url).pathname;
    if (!isProtectedPath(path) || c.req.method === 'OPTIONS') return next();
    const address = clientAddress(c);
    const requestId = requestIdOf(c.req.raw);
    let principal: Principal;
    try {
      principal = await authenticate(c.req.header('authorization'), control);
    } catch (thrown) {
      await recordRequest(store, control, undefined, { method: c.req.method, path, address, requestId, status: 401 });
      return unauthorized(thrown);
    }
    requireOperationRights(principal, path);
    if (control.limiter) {
      const wait = control.limiter(principal.client ?? principal.subject, control.clock().getTime());
      if (wait > 0) return tooManyRequests(wait);
    }
    const access = createRequestAccess(principal, store, control.settings.audit);
    const auditCommit = control.settings.audit ? commitAuditor(control, address, requestId) : undefined;
    c.set('guardedStore' as never, guardStore(store, access, auditCommit) as never);
    await next();
    const status = c.res.status;
    if (access.auditedCommits === 0 || status >= 400)
      await recordRequest(store, control, access, { method: c.req.method, path, address, requestId, status });
  };
}

/** The REST context of this request: `deps` with the caller's guarded store, when there is one. */
export function restOf<T extends { store: ResourceStore }>(c: Context, deps: T): T {
  const store = (c.get as (key: string) => ResourceStore | undefined)('guardedStore');
  return store ? { ...deps, store } : deps;
}

/**
 * Rights of operations that touch no stored record, so the guarded store never sees them:
 * `[type]/$validate` needs create or update on the type.
 */
function requireOperationRights(principal: Principal, path: string): void {
  const validate = /^\/fhir\/([A-Za-z]+)\/\$validate$/.exec(path);
  if (!validate) return;
  const type = validate[1]!;
  if (!grants(principal.scopes, type, 'c') && !grants(principal.scopes, type, 'u'))
    throw forbidden(`The token's scopes do not allow create or update on ${type}, so not $validate either`);
}

/** The caller of a request with `header`; throws for a missing (unless anonymous) or bad token. */
export async function authenticate(header: string | undefined, control: AccessControl): Promise<Principal> {
  if (header === undefined) {
    if (control.settings.anonymousAdmin) return anonymousAdmin();
    throw new Error('no bearer token');
  }
  const match = /^Bearer +([A-Za-z0-9\-_.]+)$/i.exec(header);
  if (!match || match[1]!.length > MAX_TOKEN_CHARS) throw new Error('malformed Authorization header');
  return principalOf(await control.authority.verify(match[1]!), { nurseCaseload: control.settings.nurseCaseload });
}

/** The 401 answer, an OperationOutcome with `WWW-Authenticate`. */
export function unauthorized(thrown: unknown): Response {
  const expired = (thrown as { code?: string }).code === 'ERR_JWT_EXPIRED';
  const message = expired ? 'The bearer token has expired' : 'A valid bearer token is required';
  const outcome = new FhirError(401, error('login', message, 'Authorization')).outcome;
  return new Response(JSON.stringify(outcome), {
    status: 401,
    headers: {
      'content-type': 'application/fhir+json; charset=utf-8',
      'www-authenticate': `Bearer realm="fhir", error="invalid_token"`,
    },
  });
}

function tooManyRequests(seconds: number): Response {
  const outcome = new FhirError(
    429,
    error('throttled', 'Too many requests from this client; retry later', 'Authorization'),
  ).outcome;
  return new Response(JSON.stringify(outcome), {
    status: 429,
    headers: { 'content-type': 'application/fhir+json; charset=utf-8', 'retry-after': String(seconds) },
  });
}

function commitAuditor(control: AccessControl, address: string | undefined, requestId: string) {
  return (access: RequestAccess, writes: readonly ResourceWrite[]): ResourceWrite => {
    const now = control.clock().toISOString();
    const entities = writes.map((w) => `${w.resourceType}/${w.id}`);
    for (const entity of entities) access.entities.add(entity);
    for (const write of writes)
      if (write.resource && inPatientCompartment(write.resourceType))
        for (const patient of patientsOf(write.resource)) access.patients.add(patient);
    const action = writes.every((w) => w.method === 'DELETE')
      ? 'D'
      : writes.every((w) => w.expect.kind === 'absent')
        ? 'C'
        : 'U';
    const facts: AuditFacts = {
      principal: access.principal,
      action,
      interaction:
        writes.length === 1 ? (action === 'C' ? 'create' : action === 'D' ? 'delete' : 'update') : 'transaction',
      status: 200,
      entities,
      patients: [...access.patients],
      recorded: now,
      requestId,
      ...(address ? { address } : {}),
    };
    return auditWrite(auditEvent(facts), control.newId(), now);
  };
}

/** Records the AuditEvent of a request that no commit audited (reads, refusals, operations). */
export async function recordRequest(
  store: ResourceStore,
  control: AccessControl,
  access: Pick<RequestAccess, 'principal' | 'entities' | 'patients'> | undefined,
  request: {
    method: string;
    path: string;
    address: string | undefined;
    status: number;
    requestId?: string;
    operation?: string;
  },
): Promise<void> {
  if (!control.settings.audit) return;
  const now = control.clock().toISOString();
  const facts: AuditFacts = {
    ...interactionOfRequest(request.method, request.path),
    ...(request.operation ? { operation: request.operation } : {}),
    ...(request.requestId ? { requestId: request.requestId } : {}),
    status: request.status,
    entities: [...(access?.entities ?? [])],
    patients: [...(access?.patients ?? [])],
    recorded: now,
    ...(access ? { principal: access.principal } : {}),
    ...(request.address ? { address: request.address } : {}),
  };
  try {
    await store.commit({ writes: [auditWrite(auditEvent(facts), control.newId(), now)] });
  } catch (thrown) {
    console.error(logSafe(`audit event not recorded: ${String(thrown)}`));
  }
}

/** The caller's address: the proxy's header on Workers, the socket on Node. */
export function clientAddress(c: Context): string | undefined {
  const forwarded = c.req.header('cf-connecting-ip');
  if (forwarded) return forwarded.slice(0, 64);
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress;
}
