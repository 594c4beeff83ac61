/**
 * The one place where failures become responses: a {@link FhirError} keeps its status and
 * outcome; anything else is a 500 that names the request id and hides the stack.
 * @module
 */
import { FhirError, error } from '../fhir/outcome.js';
import { DeadlineExceededError } from '../lib/deadline.js';
import { QueryTooComplexError } from '../storage/port.js';
import { fhirJsonResponse } from './fhir-response.js';

/** Header that carries the request id on every response. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** Converts any thrown value into an `application/fhir+json` OperationOutcome response. */
export function errorToResponse(thrown: unknown, requestId: string): Response {
  const headers = { [REQUEST_ID_HEADER]: requestId };
  if (thrown instanceof FhirError) {
    return fhirJsonResponse(thrown.outcome, { status: thrown.status, pretty: false, headers });
  }
  if (thrown instanceof QueryTooComplexError) {
    const outcome = new FhirError(400, error('too-costly', thrown.message)).outcome;
    return fhirJsonResponse(outcome, { status: 400, pretty: false, headers });
  }
  if (thrown instanceof DeadlineExceededError) {
    // Retry-After: about one budget from now, when the load that slowed this request may have passed.
    const retryAfter = String(Math.max(1, Math.ceil(thrown.budgetMs / 1000)));
    const outcome = new FhirError(503, error('too-costly', thrown.message)).outcome;
    return fhirJsonResponse(outcome, {
      status: 503,
      pretty: false,
      headers: { ...headers, 'retry-after': retryAfter },
    });
  }
  // Unexpected: log for operators, answer without internals.
  console.error(`[${requestId}] unhandled error`, thrown);
  const internal = new FhirError(500, error('exception', `Internal server error (request id ${requestId})`));
  return fhirJsonResponse(internal.outcome, { status: 500, pretty: false, headers });
}
