/**
 * The one place where failures become responses: a {@link FhirError} keeps its status and
 * outcome; anything else is a 500 that names the request id and hides the stack.
 * @module
 */
import { FhirError, error } from '../fhir/outcome.js';
import { logSafe, logSafeError } from '../lib/log-safe.js';
import { retryAfterSeconds, toKnownFhirError } from '../rest/known-errors.js';
import { fhirJsonResponse } from './fhir-response.js';

/** Header that carries the request id: on every error, and on every answer to a request that sent one. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** Converts any thrown value into an `application/fhir+json` OperationOutcome response. */
export function errorToResponse(thrown: unknown, requestId: string): Response {
  const headers = { [REQUEST_ID_HEADER]: requestId };
  const known = toKnownFhirError(thrown);
  if (known) {
    const retryAfter = retryAfterSeconds(thrown);
    const withRetry = retryAfter ? { ...headers, 'retry-after': String(retryAfter) } : headers;
    return fhirJsonResponse(known.outcome, { status: known.status, pretty: false, headers: withRetry });
  }
  // Unexpected: log for operators (capped: the error may quote request data), answer without internals.
  console.error(`[${logSafe(requestId, 100)}] unhandled error: ${logSafeError(thrown)}`);
  const internal = new FhirError(500, error('exception', `Internal server error (request id ${requestId})`));
  return fhirJsonResponse(internal.outcome, { status: 500, pretty: false, headers });
}
