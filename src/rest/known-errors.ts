/**
 * Errors that code below the REST layer raises and that have a known FHIR answer: a search the
 * database refuses as too complex, a failed integrity guard (dangling reference, delete of a
 * referenced resource, duplicate identifier), a request past its time budget, a database busy beyond
 * its wait, a stack too deep for a body that slipped past the depth limit. One mapping serves the HTTP error handler and each Bundle
 * entry, so an entry fails with the same status the same request would get on its own.
 * @module
 */
import { FhirError, error } from '../fhir/outcome.js';
import { DeadlineExceededError } from '../lib/deadline.js';
import { IntegrityError, QueryTooComplexError, StorageBusyError } from '../storage/port.js';
import { integrityFhirError } from './integrity/integrity-errors.js';

/** A known failure as a {@link FhirError} (status and outcome), or `undefined` for an internal error. */
export function toKnownFhirError(thrown: unknown): FhirError | undefined {
  if (thrown instanceof FhirError) return thrown;
  if (thrown instanceof IntegrityError) return integrityFhirError(thrown);
  if (thrown instanceof QueryTooComplexError) return new FhirError(400, error('too-costly', thrown.message));
  if (thrown instanceof DeadlineExceededError) return new FhirError(503, error('too-costly', thrown.message));
  if (thrown instanceof StorageBusyError) return new FhirError(503, error('lock-error', thrown.message));
  if (thrown instanceof RangeError && /call stack/i.test(thrown.message)) {
    return new FhirError(400, error('too-costly', 'The request nests too deeply to be processed'));
  }
  return undefined;
}

/** `Retry-After` seconds for a failure worth retrying later: about one time budget from now. */
export function retryAfterSeconds(thrown: unknown): number | undefined {
  // A busy database is a moment's wait: the lock holders are short transactions.
  if (thrown instanceof StorageBusyError) return 1;
  if (!(thrown instanceof DeadlineExceededError)) return undefined;
  return Math.max(1, Math.ceil(thrown.budgetMs / 1000));
}
