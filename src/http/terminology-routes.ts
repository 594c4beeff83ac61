/**
 * Routes of the terminology operations (`ValueSet/$expand`, `ValueSet/$validate-code`,
 * `CodeSystem/$lookup`, `ConceptMap/$translate`), GET with query parameters or POST with a
 * Parameters body. Registered before `/fhir/:type/:id`, which would take `$expand` as an id.
 * @see https://hl7.org/fhir/R4/operations.html#request
 * @module
 */
import type { Context, Hono } from 'hono';
import { FhirError, error } from '../fhir/outcome.js';
import { TERMINOLOGY_OPERATIONS, type TerminologyOperation } from '../rest/terminology/terminology-operations.js';
import type { TerminologyRequest } from '../rest/terminology/terminology-request.js';
import type { AppDependencies, AppEnv } from './app.js';
import { readFhirJsonBody } from './fhir-body.js';
import { fhirJsonResponse } from './fhir-response.js';
import { wantsPretty } from './format.js';
import { restOf } from '../auth/access-control.js';

/** Registers each terminology operation on its type, and on its instances where R4 allows. */
export function registerTerminologyRoutes(app: Hono<AppEnv>, deps: AppDependencies): void {
  for (const operation of TERMINOLOGY_OPERATIONS) {
    app.all(`/fhir/${operation.resourceType}/$${operation.name}`, (c) => answer(c, deps, operation));
    if (operation.instance) {
      app.all(`/fhir/${operation.resourceType}/:id/$${operation.name}`, (c) =>
        answer(c, deps, operation, c.req.param('id')),
      );
    }
  }
}

async function answer(
  c: Context<AppEnv>,
  deps: AppDependencies,
  operation: TerminologyOperation,
  id?: string,
): Promise<Response> {
  const method = c.req.method;
  if (method !== 'GET' && method !== 'POST' && method !== 'HEAD') {
    throw new FhirError(405, error('not-supported', `${method} is not allowed here; allowed: GET, POST`));
  }
  const url = new URL(c.req.url);
  const request: TerminologyRequest = { query: url.searchParams, ...(id !== undefined ? { id } : {}) };
  const acceptLanguage = c.req.header('accept-language');
  if (acceptLanguage !== undefined) request.acceptLanguage = acceptLanguage;
  if (method === 'POST' && hasBody(c.req.raw)) request.body = await readFhirJsonBody(c.req.raw, deps.config);
  const result = await operation.run(restOf(c, deps), request);
  return fhirJsonResponse(result.resource, { status: result.status, pretty: wantsPretty(url) });
}

/** A POST may carry its parameters in the URL alone, with no body. */
function hasBody(request: Request): boolean {
  return request.headers.get('content-length') !== '0' && request.body !== null;
}
